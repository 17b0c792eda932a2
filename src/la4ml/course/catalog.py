"""The course catalog: the configuration file, the ordered manifest and the files they point at.

Everything else in ``la4ml.course`` (build, grader, CLI, dev check) finds lessons and exercises
through this module, so there is one place that knows the layout::

    lessons/NN-slug/lesson.md
    lessons/NN-slug/exercises/K-slug/{task.md, starter.py, solution.py, explanation.md, test_exercise.py}
"""

from __future__ import annotations

import datetime as _dt
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PACKAGED_COURSE = Path(__file__).resolve().parent


def course_dir() -> Path:
    """The course folder: the packaged one, or ``$LA4ML_COURSE_DIR`` (authors' drafts, tests)."""
    env = os.environ.get("LA4ML_COURSE_DIR")
    return Path(env).resolve() if env else PACKAGED_COURSE

EXERCISE_FILES = ("task.md", "starter.py", "solution.py", "explanation.md", "test_exercise.py")


class CatalogError(ValueError):
    """The manifest, the configuration or a lesson's files are inconsistent."""


class UnknownExerciseError(KeyError):
    """An exercise or lesson id that the manifest does not list."""

    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0])


@dataclass(frozen=True)
class Exercise:
    id: str
    part: int
    number: int
    slug: str
    title: str
    function: str
    hints: tuple[str, ...]
    dir: Path

    @property
    def starter(self) -> Path:
        return self.dir / "starter.py"

    @property
    def solution(self) -> Path:
        return self.dir / "solution.py"

    @property
    def tests(self) -> Path:
        return self.dir / "test_exercise.py"

    @property
    def task(self) -> str:
        return (self.dir / "task.md").read_text(encoding="utf-8").strip()

    @property
    def explanation(self) -> str:
        return (self.dir / "explanation.md").read_text(encoding="utf-8").strip()

    @property
    def workspace_name(self) -> str:
        """File name of the learner's copy, e.g. ``ex3_try_cholesky.py``."""
        return f"ex{self.number}_{self.slug.replace('-', '_')}.py"


@dataclass(frozen=True)
class Lesson:
    part: int
    slug: str
    title: str
    exercises: tuple[Exercise, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        """Folder and page name, e.g. ``12-positive-definite-matrices``."""
        return f"{self.part:02d}-{self.slug}"

    @property
    def dir(self) -> Path:
        return course_dir() / "lessons" / self.name

    @property
    def source(self) -> Path:
        return self.dir / "lesson.md"

    @property
    def workspace_dir_name(self) -> str:
        return f"part{self.part:02d}"

    def full_title(self) -> str:
        cfg = config()["course"]
        return cfg["lesson_title_format"].format(course=cfg["title"], part=self.part, title=self.title)

    def expected_date(self) -> str:
        cfg = config()["course"]
        anchor = _dt.date.fromisoformat(cfg["anchor_date"])
        return (anchor + _dt.timedelta(weeks=self.part - int(cfg["anchor_part"]))).isoformat()


def config() -> dict:
    """The course configuration (``course.toml``)."""
    return _config(course_dir())


@lru_cache(maxsize=4)
def _config(root: Path) -> dict:
    path = root / "course.toml"
    if not path.is_file():
        path = PACKAGED_COURSE / "course.toml"
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def lessons() -> tuple[Lesson, ...]:
    """Every lesson in the manifest, in curriculum order."""
    return _lessons(course_dir())


@lru_cache(maxsize=4)
def _lessons(root: Path) -> tuple[Lesson, ...]:
    manifest = root / "manifest.toml"
    if not manifest.is_file():
        raise CatalogError(f"no manifest.toml in the course folder {root}")
    try:
        with open(manifest, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{manifest} is not valid TOML: {exc}") from None
    out = []
    for entry in data.get("lesson", []):
        try:
            part, slug, title = int(entry["part"]), entry["slug"], entry["title"]
        except KeyError as exc:
            raise CatalogError(f"manifest.toml: a [[lesson]] entry lacks {exc.args[0]!r}: {entry}") from exc
        ldir = root / "lessons" / f"{part:02d}-{slug}"
        exercises = []
        for k, ex in enumerate(entry.get("exercise", []), start=1):
            try:
                eid, eslug = ex["id"], ex["slug"]
            except KeyError as exc:
                raise CatalogError(f"manifest.toml: exercise {k} of part {part} lacks {exc.args[0]!r}") from exc
            exercises.append(
                Exercise(
                    id=eid,
                    part=part,
                    number=k,
                    slug=eslug,
                    title=ex.get("title", eslug),
                    function=ex.get("function", ""),
                    hints=tuple(ex.get("hints", ())),
                    dir=ldir / "exercises" / f"{k}-{eslug}",
                )
            )
        out.append(Lesson(part=part, slug=slug, title=title, exercises=tuple(exercises)))
    return tuple(out)


def lesson(part: int | str) -> Lesson:
    """The lesson with this part number."""
    try:
        n = int(str(part).strip())
    except ValueError:
        raise UnknownExerciseError(f"{part!r} is not a lesson number; try `la4ml lessons` for the list") from None
    for les in lessons():
        if les.part == n:
            return les
    have = ", ".join(str(x.part) for x in lessons())
    raise UnknownExerciseError(f"there is no lesson {n} in this course yet (lessons available: {have})")


def exercise(exercise_id: str) -> Exercise:
    """The exercise with this id (``"12.3"``)."""
    exercise_id = str(exercise_id).strip()
    for les in lessons():
        for ex in les.exercises:
            if ex.id == exercise_id:
                return ex
    if "." not in exercise_id:
        raise UnknownExerciseError(
            f"{exercise_id!r} is not an exercise id; ids look like 12.3 (part 12, exercise 3)"
        )
    part = exercise_id.split(".")[0]
    les = lesson(part)  # raises for an unknown part
    ids = ", ".join(e.id for e in les.exercises)
    raise UnknownExerciseError(f"lesson {les.part} has no exercise {exercise_id!r}; its exercises are {ids}")


def all_exercises() -> list[Exercise]:
    return [ex for les in lessons() for ex in les.exercises]
