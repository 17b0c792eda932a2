"""``la4ml dev mutate``: how many small mistakes in a reference solution do the hidden tests catch?

Each *mutant* is the reference solution with one small change — a flipped comparison, a changed
constant, ``+`` for ``-``, ``min`` for ``max``, ``and`` for ``or``, a loop one step longer, a guard
that no longer guards, a dropped transpose — and is graded by the real grader (sandboxed worker,
hidden tests). A mutant the tests still pass *survives*: either the tests miss a mistake, or the
change computes the same thing (an *equivalent* mutant). Authors record the equivalent ones beside
the exercise, in ``equivalent_mutants.toml``::

    [[equivalent]]
    mutant = "is_positive_definite: np.allclose(A, A.T) -> np.allclose(A.T, A)"
    reason = "symmetry is symmetric"

and the report then counts only the others.

Why our own mutator: mutmut and cosmic-ray instrument a whole package and drive the project's own
test command; here every exercise is one file judged by hidden tests that run in the grader's
trusted process against a sandboxed worker, so the mutants must be whole files graded one by one.
The operators are those of the mutation-testing literature (Offutt et al.'s relational, arithmetic,
logical and constant replacements), plus the two the course cares about most: a loop one step too
many, and a guard (``if ...: raise``) that never fires.
"""

from __future__ import annotations

import ast
import copy
import os
import tomllib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

EQUIVALENTS_FILE = "equivalent_mutants.toml"

_CMP_SWAPS = {ast.Lt: [ast.LtE, ast.Gt], ast.LtE: [ast.Lt, ast.GtE], ast.Gt: [ast.GtE, ast.Lt],
              ast.GtE: [ast.Gt, ast.LtE], ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.Is: [ast.IsNot],
              ast.IsNot: [ast.Is], ast.In: [ast.NotIn], ast.NotIn: [ast.In]}
_BIN_SWAPS = {ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div], ast.Div: [ast.Mult],
              ast.FloorDiv: [ast.Div], ast.Pow: [ast.Mult], ast.Mod: [ast.FloorDiv], ast.MatMult: [ast.Mult]}
_NAME_SWAPS = {"min": "max", "max": "min", "argmin": "argmax", "argmax": "argmin", "amin": "amax", "amax": "amin",
               "sum": "mean", "mean": "sum", "any": "all", "all": "any", "floor": "ceil", "ceil": "floor",
               "eigh": "eig", "nanmin": "nanmax", "nanmax": "nanmin", "minimum": "maximum", "maximum": "minimum",
               "sqrt": "abs", "abs": "sqrt", "zeros": "ones", "ones": "zeros"}


@dataclass(frozen=True)
class Mutant:
    function: str
    line: int
    original: str
    mutated: str
    source: str
    statement: str = ""

    @property
    def name(self) -> str:
        """A name that survives edits elsewhere in the file (no line number), and tells apart the same
        change made in two statements (``0 -> 1`` in ``n = A.shape[0]`` is not ``0 -> 1`` in ``x[0] = …``)."""
        where = f" in `{self.statement}`" if self.statement and self.statement != self.original else ""
        return f"{self.function}: {self.original} -> {self.mutated}{where}"


def _sites(tree: ast.Module):
    """Yield (function name, node path, mutated node) for every mutation of every function body."""
    for top in tree.body:
        if isinstance(top, ast.If) and "__main__" in ast.unparse(top.test):
            continue  # the demo block is not graded
        funcs = [top] if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef)) else (
            [n for n in top.body if isinstance(n, ast.FunctionDef)] if isinstance(top, ast.ClassDef) else [])
        for fn in funcs:
            for node in ast.walk(fn):
                for new in _mutations(node):
                    yield fn.name, node, new


def _is_docstring(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _mutations(node):
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            for swap in _CMP_SWAPS.get(type(op), []):
                new = copy.deepcopy(node)
                new.ops[i] = swap()
                yield new
    elif isinstance(node, ast.BinOp):
        for swap in _BIN_SWAPS.get(type(node.op), []):
            new = copy.deepcopy(node)
            new.op = swap()
            yield new
        if isinstance(node.op, (ast.Add, ast.Sub)):
            yield copy.deepcopy(node.left)  # drop the second term
    elif isinstance(node, ast.AugAssign):
        for swap in _BIN_SWAPS.get(type(node.op), []):
            new = copy.deepcopy(node)
            new.op = swap()
            yield new
    elif isinstance(node, ast.BoolOp):
        new = copy.deepcopy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield new
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        yield copy.deepcopy(node.operand)
    elif isinstance(node, ast.Constant) and not _is_docstring(node):
        v = node.value
        if isinstance(v, bool):
            yield ast.Constant(not v)
        elif isinstance(v, int):
            for w in {v + 1, v - 1, 0} - {v}:
                yield ast.Constant(w)
        elif isinstance(v, float):
            for w in ({v * 10, v / 10} if v != 0 else {1.0}) - {v}:
                yield ast.Constant(w)
    elif isinstance(node, ast.Name) and node.id in _NAME_SWAPS and isinstance(node.ctx, ast.Load):
        yield ast.Name(_NAME_SWAPS[node.id], ast.Load())
    elif isinstance(node, ast.Attribute) and node.attr in _NAME_SWAPS and isinstance(node.ctx, ast.Load):
        new = copy.deepcopy(node)
        new.attr = _NAME_SWAPS[node.attr]
        yield new
    elif isinstance(node, ast.Attribute) and node.attr == "T" and isinstance(node.ctx, ast.Load):
        yield copy.deepcopy(node.value)  # a transpose dropped
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and node.args:
        new = copy.deepcopy(node)
        i = 0 if len(node.args) == 1 else 1
        new.args[i] = ast.BinOp(copy.deepcopy(node.args[i]), ast.Add(), ast.Constant(1))
        yield new  # one step too many
    elif isinstance(node, ast.If) and any(isinstance(s, (ast.Raise, ast.Return)) for s in node.body):
        new = copy.deepcopy(node)
        new.test = ast.Constant(False)
        yield new  # the guard never fires
    elif isinstance(node, ast.keyword) and node.arg in ("axis", "keepdims", "ddof", "k", "full_matrices"):
        if isinstance(node.value, ast.Constant):
            v = node.value.value
            alt = {0: 1, 1: 0, True: False, False: True, -1: 0}.get(v) if not isinstance(v, float) else None
            if alt is not None:
                new = copy.deepcopy(node)
                new.value = ast.Constant(alt)
                yield new


class _Replace(ast.NodeTransformer):
    def __init__(self, target, new):
        self.target, self.new = target, new

    def visit(self, node):
        if node is self.target:
            return self.new
        return super().visit(node)


def mutants(source: str) -> list[Mutant]:
    """Every single-change mutant of the functions in ``source`` (syntax-checked, duplicates removed)."""
    tree = ast.parse(source)
    enclosing = {}
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.stmt) and not isinstance(stmt, (ast.FunctionDef, ast.ClassDef, ast.If, ast.For,
                                                                ast.While, ast.With, ast.Try)):
            for sub in ast.walk(stmt):
                enclosing.setdefault(id(sub), stmt)
        elif isinstance(stmt, (ast.If, ast.While)):
            for sub in ast.walk(stmt.test):
                enclosing.setdefault(id(sub), stmt.test)
        elif isinstance(stmt, ast.For):
            for sub in (*ast.walk(stmt.target), *ast.walk(stmt.iter)):
                enclosing.setdefault(id(sub), stmt.iter)
    out, seen = [], set()
    for func, node, new in list(_sites(tree)):
        clone = copy.deepcopy(tree)
        target = _find_same(tree, clone, node)
        if target is None:
            continue
        mutated_tree = _Replace(target, copy.deepcopy(new)).visit(clone)
        ast.fix_missing_locations(mutated_tree)
        try:
            text = ast.unparse(mutated_tree)
            compile(text, "<mutant>", "exec")
        except (SyntaxError, ValueError, TypeError):
            continue
        if text in seen or text == ast.unparse(tree):
            continue
        seen.add(text)
        try:
            before, after = ast.unparse(node), ast.unparse(new)
        except Exception:
            continue
        stmt = enclosing.get(id(node))
        stmt_text = " ".join(ast.unparse(stmt).split())[:100] if stmt is not None else ""
        out.append(Mutant(func, getattr(node, "lineno", 0), " ".join(before.split())[:120],
                          " ".join(after.split())[:120], text, stmt_text))
    return out


def _find_same(tree, clone, node):
    """The node of ``clone`` at the same place as ``node`` in ``tree``."""
    for a, b in zip(ast.walk(tree), ast.walk(clone)):
        if a is node:
            return b
    return None


def equivalents(ex) -> dict[str, str]:
    path = ex.dir / EQUIVALENTS_FILE
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {e["mutant"]: e.get("reason", "") for e in data.get("equivalent", [])}


def _grade_mutant(args):
    ex_id, text, timeout = args
    import tempfile

    from la4ml.course import catalog
    from la4ml.course.grader import grade

    ex = catalog.exercise(ex_id)
    with tempfile.TemporaryDirectory(prefix="la4ml-mutant-") as tmp:
        path = Path(tmp) / ex.solution.name
        path.write_text(text, encoding="utf-8")
        r = grade(ex, path, timeout=timeout, in_process=True)
    failed = next((c for c in r.checks if c.outcome in ("failed", "timeout")), None)
    return r.status, (failed.check if failed else r.message)[:200]


@dataclass
class Report:
    exercise: str
    total: int
    killed: int
    equivalent: list[tuple[Mutant, str]]
    survivors: list[Mutant]

    @property
    def score(self) -> float:
        judged = self.total - len(self.equivalent)
        return self.killed / judged if judged else 1.0


def run(exercises, *, jobs: int | None = None, timeout: float = 30.0, log=print, limit: int | None = None) -> list[Report]:
    """Grade every mutant of every exercise's reference solution; one report per exercise."""
    jobs = jobs or os.cpu_count() or 1
    reports = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for ex in exercises:
            ms = mutants(ex.solution.read_text(encoding="utf-8"))
            if limit:
                ms = ms[:limit]
            known = equivalents(ex)
            short = {}
            for m in ms:  # a record without "in `statement`" names a change made in one place only
                key = f"{m.function}: {m.original} -> {m.mutated}"
                short[key] = short.get(key, 0) + 1
            results = list(pool.map(_grade_mutant, [(ex.id, m.source, timeout) for m in ms]))
            killed, eq, surv = 0, [], []
            for m, (status, _why) in zip(ms, results):
                key = f"{m.function}: {m.original} -> {m.mutated}"
                reason = known.get(m.name, known.get(key) if short.get(key) == 1 else None)
                if status == "passed":
                    (eq.append((m, reason)) if reason is not None else surv.append(m))
                else:
                    killed += 1
            rep = Report(ex.id, len(ms), killed, eq, surv)
            reports.append(rep)
            log(f"{ex.id}: {len(ms)} mutants, {killed} killed, {len(eq)} equivalent (recorded), "
                f"{len(surv)} surviving — {100 * rep.score:.0f}% of the non-equivalent ones caught")
            for m in surv:
                log(f"    survives  line {m.line}  {m.name}")
    return reports
