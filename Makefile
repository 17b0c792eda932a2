# la4ml — the two commands of the README, and their building blocks.
#   make serve   install into .venv, build the course, serve it on http://127.0.0.1:$(PORT)/
#   make test    install into .venv (with test extras and Debian's Chromium), run the full suite
# Both are idempotent: the install step re-runs only when pyproject.toml or constraints.txt change.

PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8000
BIN    := $(VENV)/bin
# Keep tools out of $HOME and the learner's real data out of the way of tests and CI.
export LA4ML_HOME ?= $(CURDIR)/.la4ml-home
export MPLCONFIGDIR ?= $(CURDIR)/.la4ml-home/mpl
export JUPYTER_RUNTIME_DIR ?= $(CURDIR)/.la4ml-home/jupyter-runtime
export IPYTHONDIR ?= $(CURDIR)/.la4ml-home/ipython
export LA4ML_KERNEL_CACHE ?= $(CURDIR)/.la4ml-home/kernel-cache
export PYDEVD_DISABLE_FILE_VALIDATION = 1

STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt 2>/dev/null | sha1sum | cut -c1-12)

.PHONY: install serve build test test-fast chromium bubblewrap devcheck clean bytecode

$(STAMP):
	@echo "== [1/3] $(VENV) and an up-to-date pip"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@# the local CPU build of PyTorch (any other spec pulls gigabytes of CUDA packages)
	@echo "== [2/3] PyTorch 2.13.0, CPU build (pip shows its progress)"
	$(BIN)/python -m pip install torch==2.13.0
	@echo "== [3/3] la4ml and its dependencies, pinned by constraints.txt (pip shows its progress)"
	$(BIN)/python -m pip install -c constraints.txt -e ".[test,spark]"
	@rm -f $(VENV)/.installed-* && touch $@
	@echo "== installed into $(VENV)"

install: $(STAMP) bytecode

# Compiled bytecode of la4ml's own modules (an editable install has none, and with PYTHONDONTWRITEBYTECODE
# set every `la4ml check` would compile them again: ~0.05 s each time). Up to date in a fraction of a second.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q src/la4ml > /dev/null

serve: $(STAMP) bytecode
	$(BIN)/la4ml serve --port $(PORT)

build: $(STAMP) bytecode
	$(BIN)/la4ml build

# Debian's Chromium for the browser tests (Playwright never downloads its own browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and this is not root: the browser tests will be skipped"; fi; }

# Debian's bubblewrap: the sandbox `la4ml check` runs the learner's code in (without it, a reduced one).
bubblewrap:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null; \
	  else echo "bubblewrap is missing and this is not root: checks will run in a reduced sandbox"; fi; }

devcheck: $(STAMP) bytecode
	$(BIN)/la4ml dev check

test: $(STAMP) bytecode chromium bubblewrap
	$(BIN)/la4ml dev check
	$(BIN)/la4ml dev test $(if $(FORCE),--force)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser and not spark"

clean:
	rm -rf $(VENV) .la4ml-home test-artifacts build dist
