"""What a check run found, and how ``la4ml check`` prints it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

#: exit statuses of ``la4ml check``
EXIT_PASSED, EXIT_FAILED, EXIT_COULD_NOT_RUN, EXIT_INTERRUPTED = 0, 1, 2, 130

#: the most feedback one check may print (characters), and of the learner's output (lines)
MAX_MESSAGE = 2000
MAX_OUTPUT_LINES = 10


@dataclass
class Check:
    """One hidden test: its one-line description, outcome and (if failed) the feedback."""

    check: str
    outcome: str  # passed | failed | timeout | not run | skipped
    message: str = ""
    stdout: str = ""


@dataclass
class GradeResult:
    exercise_id: str
    status: str  # passed | failed | timeout | import error | error | interrupted
    checks: list[Check] = field(default_factory=list)
    duration_s: float = 0.0
    message: str = ""
    sandbox: str = ""

    @property
    def n_passed(self) -> int:
        return sum(c.outcome == "passed" for c in self.checks)

    @property
    def n_run(self) -> int:
        return sum(c.outcome in ("passed", "failed", "timeout") for c in self.checks)

    @property
    def exit_code(self) -> int:
        return {"passed": EXIT_PASSED, "failed": EXIT_FAILED, "timeout": EXIT_FAILED, "import error": EXIT_FAILED,
                "interrupted": EXIT_INTERRUPTED}.get(self.status, EXIT_COULD_NOT_RUN)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["n_passed"] = self.n_passed
        d["n_checks"] = len(self.checks)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "GradeResult":
        checks = [Check(**{k: c.get(k, "") for k in ("check", "outcome", "message", "stdout")}) for c in d.get("checks", [])]
        return cls(d["exercise_id"], d["status"], checks, float(d.get("duration_s", 0.0)), d.get("message", ""),
                   d.get("sandbox", ""))


_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str, limit: int = MAX_MESSAGE) -> str:
    """Text safe to print: no terminal control sequences, at most ``limit`` characters."""
    text = _CONTROL.sub("", str(text).replace("\r\n", "\n"))
    if len(text) > limit:
        text = text[:limit] + f" … ({len(text) - limit} more characters not shown)"
    return text


def format_result(result: GradeResult, exercise, *, verbose: bool = False) -> str:
    """The feedback ``la4ml check`` prints: each check, what failed and why, and what did not run."""
    lines = [f"Checking {exercise.id} — {exercise.title}"]
    if result.sandbox and not result.sandbox.startswith("sandboxed"):
        lines.append(f"  (note: {clean(result.sandbox, 300)})")
    if result.status == "error":
        lines.append(f"  could not run: {clean(result.message)}")
        return "\n".join(lines)
    if result.status == "import error":
        lines.append(f"  ✗ {clean(result.message)}")
        lines.append(f"None of the {len(result.checks)} checks ran: your file must import before they can.")
        lines.append(f"Stuck? la4ml hint {exercise.id}")
        return "\n".join(lines)
    marks = {"passed": "✓", "failed": "✗", "timeout": "✗", "skipped": "–", "not run": "·"}
    for c in result.checks:
        if c.outcome == "not run":
            continue
        lines.append(f"  {marks.get(c.outcome, '?')} {clean(c.check, 300)}")
        if c.outcome in ("failed", "timeout") and c.message:
            for ln in clean(c.message).splitlines():
                lines.append(f"      {ln}")
            if c.stdout:
                shown = clean(c.stdout, 4000).splitlines()[-MAX_OUTPUT_LINES:]
                lines.append("      your code printed (last lines):")
                lines += [f"        {ln}" for ln in shown]
    not_run = [c for c in result.checks if c.outcome == "not run"]
    n, k = len(result.checks), result.n_passed
    if result.status == "passed":
        lines.append(f"Passed: {k} of {n} checks in {result.duration_s:.1f} s. Well done!")
        lines.append(f"Compare with the reference: la4ml solution {exercise.id}")
        return "\n".join(lines)
    if result.status == "interrupted":
        lines.append(f"Interrupted: {k} of {n} checks passed before you stopped it.")
        return "\n".join(lines)
    if result.message:
        lines.append(f"Stopped: {clean(result.message)}")
    if not_run:
        lines.append(f"Did not run ({len(not_run)}): " + "; ".join(clean(c.check, 120) for c in not_run[:8])
                     + (" …" if len(not_run) > 8 else ""))
    lines.append(f"Failed: {k} of {n} checks passed" + (f", {len(not_run)} did not run." if not_run else "."))
    if not_run and result.status != "timeout":
        lines.append("Only the checks listed above ran; fix the first ✗ and run the check again.")
    lines.append(f"Stuck? la4ml hint {exercise.id}")
    return "\n".join(lines)
