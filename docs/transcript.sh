#!/usr/bin/env bash
# Regenerate the README's learner-loop transcript from a real run (never typed by hand).
# Usage: bash docs/transcript.sh   (uses .venv/bin/la4ml; writes between the README's markers)
set -euo pipefail
cd "$(dirname "$0")/.."
LA4ML=${LA4ML:-.venv/bin/la4ml}
export LA4ML_HOME; LA4ML_HOME=$(mktemp -d)
trap 'rm -rf "$LA4ML_HOME"' EXIT
ws="$LA4ML_HOME/workspace/part12/ex1_is_positive_definite.py"
sol=src/la4ml/course/lessons/12-positive-definite-matrices/exercises/1-is-positive-definite/solution.py
out=$(mktemp)
run() { echo "\$ la4ml $*"; "$LA4ML" "$@" 2>&1 | sed "s|$LA4ML_HOME|~/.local/share/la4ml|g" || true; echo; }
{
  run start 12
  echo "\$ # edit ex1_is_positive_definite.py: a first try that forgets the symmetry check"
  python3 - "$sol" "$ws" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
# the typical mistake: drop the symmetry test, keep only the eigenvalue test
src = src.replace(" or not np.allclose(A, A.T)", "")
src = src.replace("np.linalg.eigvalsh(A)  #", "np.linalg.eigvals(A).real  #")
open(sys.argv[2], "w").write(src)
PY
  run check 12.1
  run hint 12.1
  echo "\$ # fix it"
  cp "$sol" "$ws"
  run check 12.1
  run progress 12
  run solution 12.1
} > "$out"
python3 - "$out" <<'PY'
import sys
text = open(sys.argv[1]).read().rstrip()
readme = open("README.md").read()
start, end = "<!-- transcript:start -->", "<!-- transcript:end -->"
head, rest = readme.split(start)
_, tail = rest.split(end)
open("README.md", "w").write(f"{head}{start}\n```text\n{text}\n```\n{end}{tail}")
PY
echo "README transcript updated"
