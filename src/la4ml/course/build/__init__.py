"""``la4ml build``: lessons (text notebooks) → executed notebooks (cached) → site, blog, notebooks, scripts.

Layout of the output folder::

    OUT/site/           static HTML (open OUT/site/index.html or `la4ml serve`)
    OUT/blog/           NN-slug.md with TOML front matter + NN-slug/figure-K.png
    OUT/notebooks/      NN-slug.ipynb, executed
    OUT/scripts/        NN-slug/demo_K.py
    OUT/.cache/         jupyter-cache store (executed notebooks, keyed on code + fingerprint)
    OUT/.sphinx/        generated Sphinx sources and doctrees (incremental)
    OUT/.la4ml-build-stamp.json   hash of the inputs of the last successful build (see ``stamp``)

A build whose inputs, lessons and formats match the stamp does nothing (``la4ml serve`` then
starts in well under a second). The heavy machinery (jupyter-cache, nbclient, Sphinx) is imported
only when there is work to do.
"""

from __future__ import annotations

import fcntl
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from la4ml.course import catalog
from la4ml.course.build import stamp

if TYPE_CHECKING:
    from la4ml.course.build.execute import Executed

FORMATS = ("site", "blog", "notebooks", "scripts")


class BuildError(RuntimeError):
    """A lesson failed to execute or a format failed to build; the message says where and why."""


__all__ = ["build", "execute_lessons", "BuildError", "FORMATS", "default_out", "select_lessons"]


def default_out() -> Path:
    from la4ml.course.workspace import home

    return home() / "build"


def select_lessons(parts: Iterable[int] | None) -> list[catalog.Lesson]:
    all_lessons = list(catalog.lessons())
    if not parts:
        return all_lessons
    chosen = []
    for p in parts:
        chosen.append(catalog.lesson(p))  # raises a clear error for an unknown part
    order = {les.part: i for i, les in enumerate(all_lessons)}
    return sorted(set(chosen), key=lambda les: order[les.part])


def execute_lessons(lessons: list[catalog.Lesson], out: Path, *, jobs: int | None = None,
                    log: Callable[[str], None] = print) -> list[Executed]:
    from la4ml.course.build.execute import execute_all
    from la4ml.course.build.prepare import LessonFormatError
    from la4ml.course.build.prepare import prepare as prepare_lesson

    prepared = []
    for les in lessons:
        try:
            prepared.append((les, prepare_lesson(les)))
        except LessonFormatError as exc:
            raise BuildError(str(exc)) from None
    return execute_all(prepared, out / ".cache", out / ".work", jobs=jobs, log=log)


def build(
    out: str | Path | None = None,
    parts: Iterable[int] | None = None,
    formats: Iterable[str] = FORMATS,
    *,
    jobs: int | None = None,
    log: Callable[[str], None] = print,
    force: bool = False,
) -> dict[str, Path]:
    """Build the selected lessons into the selected formats; return each format's folder.

    Nothing is done when the output folder's stamp says these lessons and formats were last built
    from exactly the current inputs (see :mod:`la4ml.course.build.stamp`), unless ``force``.
    """
    out = Path(out) if out else default_out()
    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise BuildError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    lessons = select_lessons(parts)
    if not lessons:
        raise BuildError("the manifest lists no lessons to build")
    out.mkdir(parents=True, exist_ok=True)
    with _exclusive(out / ".build.lock", log):
        return _build_locked(out, lessons, formats, jobs, log, force)


@contextmanager
def _exclusive(lock_path: Path, log: Callable[[str], None]):
    """One build at a time per output folder (a second `la4ml build` waits for the first)."""
    with open(lock_path, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"another build is writing {lock_path.parent}; waiting for it to finish…")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _build_locked(out: Path, lessons, formats, jobs, log, force: bool = False) -> dict[str, Path]:
    t0 = time.perf_counter()
    names = [les.name for les in lessons]
    inputs = stamp.inputs_hash()
    previous = stamp.read(out)
    if not force and stamp.up_to_date(out, inputs, names, formats):
        log(f"Nothing changed since the last build of {out} ({previous.get('built_at', '?')}): "
            f"reusing it ({len(lessons)} lesson(s); {', '.join(formats)}).")
        return {f: out / f for f in formats}
    stamp.remove(out)
    log(f"Building {len(lessons)} lesson(s) into {out} ({', '.join(formats)})")
    executed = execute_lessons(lessons, out, jobs=jobs, log=log)
    made: dict[str, Path] = {}
    seconds: dict[str, float] = {}
    if "site" in formats:
        from la4ml.course.build.site import build_site, write_sources

        t = time.perf_counter()
        last = (previous or {}).get("seconds", {}).get("site")
        about = f", about {last:.0f} s last time" if last else ""
        log(f"site: rendering the pages with Sphinx{about}…")
        write_sources(out / ".sphinx" / "src", executed, lessons)
        build_site(out / ".sphinx" / "src", out / "site", out / ".sphinx" / "doctrees", log=log)
        made["site"] = out / "site"
        seconds["site"] = round(time.perf_counter() - t, 1)
        log(f"site: {out / 'site' / 'index.html'} ({time.perf_counter() - t:.1f} s)")
    if "blog" in formats:
        from la4ml.course.build.exports import blog

        blog(executed, out, jobs=jobs, log=log)  # runs the exercises' reference solutions too
        made["blog"] = out / "blog"
        log(f"blog: {len(executed)} post(s) in {out / 'blog'}")
    if "notebooks" in formats:
        from la4ml.course.build.exports import notebook

        for e in executed:
            notebook(e, out / "notebooks")
        made["notebooks"] = out / "notebooks"
        log(f"notebooks: {len(executed)} in {out / 'notebooks'}")
    if "scripts" in formats:
        from la4ml.course.build.exports import scripts

        n = sum(len(scripts(e, out / "scripts")) for e in executed)
        made["scripts"] = out / "scripts"
        log(f"scripts: {n} demo file(s) in {out / 'scripts'}")
    stamp.write(out, inputs, names, formats, previous, seconds)
    log(f"Done in {time.perf_counter() - t0:.1f} s.")
    return made
