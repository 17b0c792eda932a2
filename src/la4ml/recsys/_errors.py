"""Exceptions and warnings specific to the recommender engine."""

from __future__ import annotations

from la4ml.errors import La4mlError

__all__ = ["UnknownIdError", "DuplicateRatingError", "RatingsFormatError", "ColdStartWarning"]


class UnknownIdError(La4mlError, KeyError):
    """A user or item id was never seen in the training data."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


class DuplicateRatingError(La4mlError, ValueError):
    """The same (user, item) pair is rated more than once and ``duplicates="error"``."""


class RatingsFormatError(La4mlError, ValueError):
    """A ratings file does not have the expected format (the message gives the line)."""


class ColdStartWarning(UserWarning):
    """Predictions for unknown users or items fell back to the baseline."""
