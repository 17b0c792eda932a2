"""`la4ml watch`, driven through a pseudo-terminal: edit → fail → broken → pass → next exercise → keys."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from la4ml.course import catalog

pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Screen:
    """A child process on a pseudo-terminal, and everything it has printed."""

    def __init__(self, args, env):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
        os.close(slave)
        self.text = ""

    def read(self, timeout=0.2):
        end = time.time() + timeout
        while time.time() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return
                self.text += ANSI.sub("", chunk.decode("utf-8", "replace"))

    def wait_for(self, pattern, timeout=180):
        """Wait until ``pattern`` appears in the output printed after the last call; return that output."""
        start = len(self.text)
        end = time.time() + timeout
        while time.time() < end:
            self.read(0.2)
            m = re.search(pattern, self.text[start:])
            if m:
                return self.text[start:]
            if self.proc.poll() is not None:
                break
        raise AssertionError(f"did not see {pattern!r}; the screen showed:\n{self.text[start:][-3000:]}")

    def key(self, ch):
        os.write(self.master, ch.encode())

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.close(self.master)


def test_watch_edit_fail_pass_next(tmp_path):
    """watch grades each save, survives an empty and a broken file, moves on after a pass, and obeys h and q"""
    home = tmp_path / "home"
    env = dict(os.environ, LA4ML_HOME=str(home), TERM="xterm")
    env.pop("LA4ML_COURSE_DIR", None)
    screen = Screen([sys.executable, "-m", "la4ml", "watch", "12"], env)
    try:
        screen.wait_for(r"exercise 12\.1 \(1 of 6\)")
        path = next((home / "workspace").rglob("ex1_*.py"))
        path.write_text("def is_positive_definite(A, tol=1e-10):\n    return True\n")
        out = screen.wait_for(r"Failed: \d+ of \d+ checks passed")
        assert "✗" in out
        path.write_text("")
        screen.wait_for(r"no function named is_positive_definite")
        path.write_text("def is_positive_definite(A, tol=1e-10)\n    return True\n")
        out = screen.wait_for(r"syntax error on line 1")
        assert out.count("syntax error on line 1") == 1
        screen.key("h")
        screen.wait_for(r"Hint 1 of \d")
        path.write_text(catalog.exercise("12.1").solution.read_text())
        screen.wait_for(r"Passed: (\d+) of \1 checks")
        screen.wait_for(r"exercise 12\.2 \(2 of 6\)", timeout=30)
        screen.key("p")
        screen.wait_for(r"exercise 12\.1 \(1 of 6\)", timeout=30)
        screen.key("q")
        screen.proc.wait(timeout=30)
        assert screen.proc.returncode == 0
        assert "Traceback" not in screen.text
    finally:
        screen.close()
    progress = subprocess.run([sys.executable, "-m", "la4ml", "progress", "12", "--json"], env=env, capture_output=True,
                              text=True)
    assert '"passed": true' in progress.stdout
