"""`la4ml dev check` catches what makes a course unsound."""

from __future__ import annotations

from la4ml.course.devcheck import run


def test_fixture_course_fails_only_on_exercise_count(course, capsys):
    """the one-exercise fixture course fails the six-exercises rule and nothing else"""
    assert run(execute=False, jobs=1) == 1
    out = capsys.readouterr().out
    problems = [ln for ln in out.splitlines() if ln.strip().startswith("✗")]
    assert len(problems) == 1 and "every lesson has exactly 6" in problems[0]


def test_passing_starter_is_caught(course, capsys):
    """a starter that already passes its tests is reported"""
    ex = course / "lessons" / "01-tiny-vectors" / "exercises" / "1-add-vectors"
    (ex / "starter.py").write_text((ex / "solution.py").read_text() + "\n# TODO: nothing\ndef _():\n    raise NotImplementedError\n")
    run(execute=False, jobs=1)
    assert "the starter should fail its tests" in capsys.readouterr().out


def test_broken_solution_and_missing_words_are_caught(course, capsys):
    """a failing reference solution and a formula without 'In words:' are reported"""
    ex = course / "lessons" / "01-tiny-vectors" / "exercises" / "1-add-vectors"
    (ex / "solution.py").write_text("def add(x, y):\n    return x\n")
    lesson = course / "lessons" / "01-tiny-vectors" / "lesson.md"
    lesson.write_text(lesson.read_text().replace("In words: the length", "The length"))
    run(execute=False, jobs=1)
    out = capsys.readouterr().out
    assert "the reference solution should pass" in out
    assert "not followed by an 'In words:' paragraph" in out


def test_wrong_date_and_stray_files_are_caught(course, capsys):
    """a date off the weekly series and a stray file in an exercise folder are reported"""
    lesson = course / "lessons" / "01-tiny-vectors" / "lesson.md"
    lesson.write_text(lesson.read_text().replace('"2025-03-18"', '"2025-03-19"'))
    ex = course / "lessons" / "01-tiny-vectors" / "exercises" / "1-add-vectors"
    (ex / "notes.txt").write_text("scratch")
    run(execute=False, jobs=1)
    out = capsys.readouterr().out
    assert "expected '2025-03-18'" in out and "stray files notes.txt" in out


def test_memory_address_in_output_is_caught(course, capsys):
    """an output showing an object's memory address (not reproducible) is reported after execution"""
    lesson = course / "lessons" / "01-tiny-vectors" / "lesson.md"
    lesson.write_text(lesson.read_text().replace("round(norm, 4)\n```", "round(norm, 4)\n```\n\n```{code-cell} python\nobject()\n```"))
    run(execute=True, jobs=1)
    out = capsys.readouterr().out
    assert "show a memory address (code cell 4 shows <object" in out and " at 0x" in out
