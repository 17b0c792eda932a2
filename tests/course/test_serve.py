"""``la4ml serve`` and what makes it light: the port checked before any work, a quiet and sturdy
server, the build skipped when nothing changed, lesson kernels ended, and progress with an ETA.

Everything here runs on a tiny folder or on the one-lesson fixture course (``built``), never on
the real course.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from la4ml.course import catalog, cli
from la4ml.course import serve as srv
from la4ml.course.build import execute as ex
from la4ml.course.build import stamp

FIXTURE_COURSE = Path(__file__).parent / "fixture_course"


# --------------------------------------------------------------------------- a tiny site and its server
@pytest.fixture
def tiny_site(tmp_path):
    root = tmp_path / "site"
    (root / "lessons").mkdir(parents=True)
    (root / "empty-dir").mkdir()
    (root / "index.html").write_text("<html><body>home</body></html>")
    (root / "lessons" / "a.html").write_text("<html><body>lesson a</body></html>")
    (root / "big.txt").write_text("x" * 200_000)
    return root


@pytest.fixture
def running(tiny_site):
    """A server on a free port, serving the tiny site from a thread; yields (server, port)."""
    server = srv.make_server(tiny_site, 0, idle_timeout=0.5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, server.server_address[1]
    server.shutdown()
    server.server_close()


def _get(port: int, path: str, method: str = "GET", timeout: float = 10.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)  # keep the path exactly as given
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# --------------------------------------------------------------------------- the port
@pytest.mark.parametrize("text, port", [("0", 0), ("1", 1), ("8000", 8000), ("65535", 65535), (" 9000 ", 9000)])
def test_parse_port_accepts_0_to_65535(text, port):
    """every whole number from 0 to 65535 is a port (0: any free one)"""
    assert srv.parse_port(text) == port


@pytest.mark.parametrize("text", ["-1", "-5", "65536", "99999", "abc", "", "80.5", "1e3"])
def test_parse_port_refuses_the_rest_naming_the_option_and_value(text):
    """anything else is refused with a message naming --port, the value and the range"""
    with pytest.raises(srv.PortError) as info:
        srv.parse_port(text)
    msg = str(info.value)
    assert "--port" in msg and "65535" in msg and repr(text.strip()).strip("'") in msg
    assert isinstance(info.value, ValueError)


def _no_build(monkeypatch):
    """Make any build attempt fail the test: the port must be refused before building."""
    import la4ml.course.build as b

    def boom(*a, **k):
        raise AssertionError("serve started building before checking the port")

    monkeypatch.setattr(b, "build", boom)


@pytest.mark.parametrize("port", ["99999", "-5", "65536", "eighty"])
def test_serve_refuses_a_bad_port_before_building(port, tmp_path, monkeypatch, capsys):
    """`la4ml serve --port 99999` (or -5) says so in one line and exits 2, without building"""
    _no_build(monkeypatch)
    rc = cli.main(["serve", "--port", port, "--out", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert rc == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("la4ml serve: --port"), err
    assert "Traceback" not in out + err and "OverflowError" not in out + err


def test_serve_refuses_a_busy_port_before_building(tmp_path, monkeypatch, capsys):
    """a port another program listens on is refused (exit 2, one line) before any build"""
    _no_build(monkeypatch)
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        rc = cli.main(["serve", "--port", str(port), "--out", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert rc == 2
    assert err.count("\n") == 1 and f"cannot listen on 127.0.0.1:{port}" in err and "--port" in err
    assert "Traceback" not in out + err


def test_open_server_explains_a_privileged_port(tmp_path, monkeypatch):
    """a port the user may not open gets a message saying why and what to choose instead"""

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(srv, "make_server", denied)
    server, msg = srv.open_server(tmp_path, "80")
    assert server is None and "127.0.0.1:80" in msg and "Permission denied" in msg and "--port 8000" in msg


def test_serve_no_build_without_a_site_says_what_to_do(tmp_path, capsys):
    """--no-build on an empty folder: exit 2 and the command that builds the site"""
    rc = cli.main(["serve", "--no-build", "--port", "0", "--out", str(tmp_path)])
    _, err = capsys.readouterr()
    assert rc == 2 and "la4ml build --formats site" in err


# --------------------------------------------------------------------------- the server
def test_serves_files_and_no_directory_listings(running):
    """files are served; a folder without index.html is a 404, never a listing"""
    _, port = running
    assert _get(port, "/") == (200, b"<html><body>home</body></html>")
    assert _get(port, "/lessons/a.html")[0] == 200
    for path in ("/lessons/", "/empty-dir/"):
        status, body = _get(port, path)
        assert status == 404 and b"Directory listing" not in body and b"a.html" not in body, path
    assert _get(port, "/lessons")[0] == 301  # to the folder's URL, which is then a 404
    assert _get(port, "/", method="HEAD") == (200, b"")


@pytest.mark.parametrize("path, status", [
    ("/%00", 400), ("/index.html%00", 400), ("/lessons/%00/a.html", 400), ("/a%01b", 400), ("/%7f", 400),
    ("/" + "n" * 5000, 404), ("/../../etc/passwd", 404), ("/%2e%2e/%2e%2e/etc/passwd", 404),
])
def test_bad_paths_get_a_quiet_4xx(running, capsys, path, status):
    """a NUL or control character is a 400, an impossible or escaping path a 404, with nothing printed"""
    _, port = running
    assert _get(port, path)[0] == status
    time.sleep(0.05)  # let the handler thread finish before reading what it printed
    out, err = capsys.readouterr()
    assert out == "" and err == "", (out, err)


def test_garbage_and_hang_ups_print_nothing(running, capsys):
    """a malformed request line and a client that hangs up mid-download leave no traceback"""
    _, port = running
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"\x16\x03\x01garbage\r\n\r\n")  # a TLS hello to a plain-HTTP port, say
        data = b""
        while chunk := s.recv(4096):
            data += chunk
        assert b"Error code: 400" in data
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"GET /big.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        s.recv(10)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST on close
    time.sleep(0.3)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and err == ""


def test_200_concurrent_requests_are_all_answered(running):
    """200 clients connecting at the same instant all get their page (the backlog holds them)"""
    server, port = running
    n = 200
    assert server.request_queue_size >= n
    barrier = threading.Barrier(n)

    def one(_):
        barrier.wait(timeout=30)
        return _get(port, "/lessons/a.html", timeout=30)

    with ThreadPoolExecutor(max_workers=n) as pool:
        results = list(pool.map(one, range(n)))
    assert [status for status, _ in results] == [200] * n
    assert all(body == b"<html><body>lesson a</body></html>" for _, body in results)


def test_idle_connections_are_closed(running):
    """a connection that sends nothing, or stays open after its answer (keep-alive), is closed"""
    _, port = running  # idle timeout 0.5 s
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        t0 = time.monotonic()
        assert s.recv(100) == b""  # the server hung up
        assert time.monotonic() - t0 < 9
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while b"</html>" not in data:
            data += s.recv(4096)
        assert data.startswith(b"HTTP/1.1 200") and b"Connection: close" not in data  # kept alive …
        assert s.recv(100) == b""  # … until idle


def test_the_default_server_closes_idle_connections_too(tmp_path):
    """without a test's short timeout, a served connection still times out (after IDLE_TIMEOUT_S)"""
    assert 0 < srv.IDLE_TIMEOUT_S <= 60
    server = srv.make_server(tmp_path, 0)
    try:
        assert server.RequestHandlerClass.func.timeout == srv.IDLE_TIMEOUT_S
        assert server.RequestHandlerClass.func.protocol_version == "HTTP/1.1"
    finally:
        server.server_close()


def test_keep_alive_serves_several_requests_on_one_connection(running):
    """HTTP/1.1 keep-alive: a page's assets can share one connection"""
    _, port = running
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        for path in ("/", "/lessons/a.html", "/"):
            conn.request("GET", path)
            resp = conn.getresponse()
            assert resp.status == 200 and resp.read()
    finally:
        conn.close()


# --------------------------------------------------------------------------- the build stamp
def test_inputs_hash_follows_content_not_caches(tmp_path):
    """the hash changes when a file's bytes, a file name or a new file changes, not for __pycache__"""
    root = tmp_path / "root"
    (root / "lessons").mkdir(parents=True)
    (root / "lessons" / "lesson.md").write_text("a")
    h0 = stamp.inputs_hash([root])
    assert stamp.inputs_hash([root]) == h0
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (root / "lessons" / "y.pyc").write_bytes(b"\0")
    assert stamp.inputs_hash([root]) == h0
    (root / "lessons" / "lesson.md").write_text("b")
    h1 = stamp.inputs_hash([root])
    assert h1 != h0
    (root / "lessons" / "extra.css").write_text("")
    h2 = stamp.inputs_hash([root])
    assert h2 != h1
    (root / "lessons" / "extra.css").rename(root / "lessons" / "other.css")
    assert stamp.inputs_hash([root]) not in (h0, h1, h2)


def test_inputs_hash_follows_installed_packages_and_version(tmp_path, monkeypatch):
    """installing a package (a new .dist-info on sys.path) or a new la4ml version changes the hash"""
    root = tmp_path / "root"
    root.mkdir()
    (root / "f").write_text("x")
    site = tmp_path / "lib" / "site-packages"
    site.mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    h0 = stamp.inputs_hash([root])
    other = tmp_path / "project"  # a folder on sys.path that is not an install folder: ignored
    other.mkdir()
    (other / "thing-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(other))
    assert stamp.inputs_hash([root]) == h0
    (site / "numpy-99.0.dist-info").mkdir()
    h1 = stamp.inputs_hash([root])
    assert h1 != h0
    import la4ml

    monkeypatch.setattr(la4ml, "__version__", "99.0")
    assert stamp.inputs_hash([root]) != h1


def test_default_inputs_cover_the_package_and_an_outside_course(tmp_path, monkeypatch):
    """by default the la4ml package is hashed, and the course folder too when it lies outside it"""
    course = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    monkeypatch.setenv("LA4ML_COURSE_DIR", str(course))
    h0 = stamp.inputs_hash()
    src = course / "lessons" / "01-tiny-vectors" / "lesson.md"
    src.write_text(src.read_text() + "\nOne more sentence.\n")
    assert stamp.inputs_hash() != h0


def test_a_build_records_its_stamp(built):
    """a successful build leaves the stamp: input hash, lessons, formats and the site's Sphinx time"""
    st = stamp.read(built)
    assert st is not None and re.fullmatch(r"[0-9a-f]{64}", st["inputs"])
    assert st["lessons"] == ["01-tiny-vectors"] and st["formats"] == ["blog", "notebooks", "scripts", "site"]
    assert st["seconds"]["site"] > 0


@pytest.fixture
def built_copy(built, tmp_path, monkeypatch):
    """A private copy of the fixture course's build, with that course selected, stamped as built
    from the inputs of this very moment (other files of a shared checkout may have changed since
    the session's build)."""
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    monkeypatch.setenv("LA4ML_COURSE_DIR", str(FIXTURE_COURSE))
    st = stamp.read(out)
    stamp.write(out, stamp.inputs_hash(), st["lessons"], st["formats"], None, st["seconds"])
    return out


def _forbid_work(monkeypatch):
    import la4ml.course.build as b
    import la4ml.course.build.site as site

    def boom(*a, **k):
        raise AssertionError("the build did work although nothing changed")

    monkeypatch.setattr(b, "execute_lessons", boom)
    monkeypatch.setattr(site, "build_site", boom)


def test_unchanged_inputs_skip_the_build(built_copy, monkeypatch):
    """with nothing changed, building again (all formats, or the site alone) runs neither kernels nor Sphinx"""
    from la4ml.course.build import build

    _forbid_work(monkeypatch)
    for formats in (["site"], ["site", "blog", "notebooks", "scripts"], ["blog"]):
        for attempt in range(3):
            stamped = stamp.read(built_copy)["inputs"]
            log: list[str] = []
            try:
                made = build(out=built_copy, formats=formats, log=log.append)
                break
            except AssertionError:
                # a shared checkout: a file was saved meanwhile (else the build was not skipped: fail)
                assert stamp.inputs_hash() != stamped, log
                _restamp(built_copy)
        else:
            pytest.fail("the inputs kept changing during the test")
        assert log[0].startswith("Nothing changed since the last build") and len(log) == 1, log
        assert made == {f: built_copy / f for f in formats}


def _restamp(out: Path) -> None:
    st = stamp.read(out) or {}
    stamp.write(out, stamp.inputs_hash(), st.get("lessons", ["01-tiny-vectors"]),
                st.get("formats", ["blog", "notebooks", "scripts", "site"]), None, st.get("seconds", {}))


def test_force_builds_although_nothing_changed(built_copy, monkeypatch, capsys):
    """`la4ml build --force` (and `serve --force`) build even with an up-to-date stamp"""
    _forbid_work(monkeypatch)
    from la4ml.course.build import build

    with pytest.raises(AssertionError, match="did work"):
        build(out=built_copy, formats=["site"], log=lambda s: None, force=True)
    import la4ml.course.build as b

    seen = []
    monkeypatch.setattr(b, "build", lambda **kw: seen.append(kw["force"]) or {})
    assert cli.main(["build", "--formats", "site", "--out", str(built_copy), "--force"]) == 0
    assert cli.main(["build", "--formats", "site", "--out", str(built_copy)]) == 0
    assert seen == [True, False]


def test_changed_inputs_rebuild_and_a_failed_build_is_not_trusted(built_copy, monkeypatch):
    """new inputs (or a deleted page) start a build; the stamp is removed before it, so a failed build never counts"""
    import la4ml.course.build as b
    from la4ml.course.build import BuildError, build

    calls = []

    def failing(*a, **k):
        calls.append(1)
        raise BuildError("a lesson failed")

    monkeypatch.setattr(b, "execute_lessons", failing)
    (built_copy / "site" / "index.html").unlink()  # the output is gone: rebuild
    with pytest.raises(BuildError):
        build(out=built_copy, formats=["site"], log=lambda s: None)
    assert calls and stamp.read(built_copy) is None
    with pytest.raises(BuildError):  # and it stays untrusted
        build(out=built_copy, formats=["blog"], log=lambda s: None)
    assert len(calls) == 2


def test_a_changed_course_file_rebuilds(built_copy, monkeypatch):
    """a changed input hash is a rebuild; other lessons or formats than those stamped are too"""
    import la4ml.course.build as b
    from la4ml.course.build import build

    class Started(Exception):
        pass

    def started(*a, **k):
        raise Started

    monkeypatch.setattr(b, "execute_lessons", started)
    monkeypatch.setattr(stamp, "inputs_hash", lambda roots=None: "something else")
    with pytest.raises(Started):
        build(out=built_copy, formats=["site"], log=lambda s: None)


def test_stamp_keeps_formats_built_from_the_same_inputs(tmp_path):
    """site then blog from the same inputs: both stay valid; new inputs keep only what was just built"""
    out = tmp_path
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("x")
    (out / "blog").mkdir()
    stamp.write(out, "h1", ["01-a"], ["site"], None, {"site": 3.0})
    stamp.write(out, "h1", ["01-a"], ["blog"], stamp.read(out), {})
    assert stamp.up_to_date(out, "h1", ["01-a"], ["site", "blog"])
    assert stamp.read(out)["seconds"] == {"site": 3.0}
    assert not stamp.up_to_date(out, "h2", ["01-a"], ["site"])
    assert not stamp.up_to_date(out, "h1", ["01-a", "02-b"], ["site"])
    assert not stamp.up_to_date(out, "h1", ["01-a"], ["notebooks"])
    stamp.write(out, "h2", ["01-a"], ["blog"], stamp.read(out), {})
    assert stamp.up_to_date(out, "h2", ["01-a"], ["blog"]) and not stamp.up_to_date(out, "h2", ["01-a"], ["site"])


# --------------------------------------------------------------------------- la4ml serve, end to end
def _env() -> dict:
    env = dict(os.environ)
    env["LA4ML_COURSE_DIR"] = str(FIXTURE_COURSE)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _start_serve(args: list[str]) -> tuple[subprocess.Popen, str, list[str]]:
    proc = subprocess.Popen([sys.executable, "-m", "la4ml", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env())
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"Serving the course at (http://127\.0\.0\.1:\d+/)", line)
        if m:
            return proc, m.group(1), lines
    proc.kill()
    raise AssertionError(f"serve did not start: {''.join(lines)}{proc.stderr.read()}")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serve_with_nothing_changed_skips_the_build_and_stops_cleanly(built_copy, sig):
    """`la4ml serve` on an up-to-date build serves at once; Ctrl+C (or SIGTERM) stops it with no traceback"""
    for attempt in range(3):
        stamped = stamp.read(built_copy)["inputs"]
        proc, url, lines = _start_serve(["--out", str(built_copy), "--port", "0"])
        if any(ln.startswith("Nothing changed since the last build") for ln in lines):
            break
        proc.kill()
        proc.communicate()
        # a shared checkout: someone saved a file in between (else the build was not skipped: fail)
        assert stamp.inputs_hash() != stamped, lines
        _restamp(built_copy)
    else:
        pytest.fail("the inputs kept changing during the test")
    try:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        status, body = _get(port, "/")
        assert status == 200 and b"Tiny Vectors" in body
        assert _get(port, "/favicon.ico")[0] == 200
    finally:
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, (out, err)
    assert "stopped" in out and "Traceback" not in out + err and err == ""


# --------------------------------------------------------------------------- kernels and progress
def _kernels_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` and whose command line runs ipykernel."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and "ipykernel" in cmd:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_kernels_end_when_their_lesson_is_executed(course, tmp_path):
    """no Jupyter kernel outlives the execution of its lesson (an idle one holds hundreds of MB)"""
    from la4ml.course.build import execute_lessons

    seen: set[int] = set()
    errors: list[BaseException] = []

    def work():
        try:
            execute_lessons([catalog.lesson(1)], tmp_path / "out", log=lambda s: None)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    while thread.is_alive():
        seen.update(_kernels_of(os.getpid()))
        time.sleep(0.05)
    thread.join()
    assert not errors, errors
    assert seen, "the kernel was never seen running: the test would check nothing"
    assert _kernels_of(os.getpid()) == []
    assert not any(Path(f"/proc/{pid}").exists() for pid in seen)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_ctrl_c_during_a_build_stops_it_and_its_kernel(course, tmp_path):
    """Ctrl+C while a lesson executes: exit 130 with one line, no traceback, and the kernel is gone"""
    src = course / "lessons" / "01-tiny-vectors" / "lesson.md"
    src.write_text(src.read_text().replace(
        "## Exercises", "```{code-cell} python\nimport time\ntime.sleep(120)\n```\n\n## Exercises", 1))
    env = {**os.environ, "LA4ML_COURSE_DIR": str(course), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "la4ml", "build", "--out", str(tmp_path / "out"), "--formats", "site"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        kernels: list[int] = []
        deadline = time.monotonic() + 120
        while not kernels and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            kernels = _kernels_of(proc.pid)
        assert kernels, "the lesson's kernel never started"
        time.sleep(2)  # well inside the sleeping cell
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C in a terminal does: the whole foreground group
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, (out, err)
    assert err.strip() == "interrupted" and "Traceback" not in out
    time.sleep(0.5)
    assert not any(Path(f"/proc/{pid}").exists() for pid in kernels)


def test_estimate_left_uses_last_durations_then_the_mean():
    """the ETA: each lesson's last time (minus what a running one has spent), shared by the kernels"""
    durations = {"a": 10.0, "b": 30.0}
    assert ex.estimate_left([], durations, [], {}, 0.0, 2) == 0.0
    assert ex.estimate_left(["a", "b"], durations, [], {}, 0.0, 1) == 40.0
    assert ex.estimate_left(["a", "b"], durations, [], {}, 0.0, 2) == 20.0
    assert ex.estimate_left(["a", "b"], durations, [], {}, 0.0, 8) == 20.0  # never more kernels than lessons
    assert ex.estimate_left(["b"], durations, [], {"b": 100.0}, 112.0, 2) == 18.0  # running for 12 s
    assert ex.estimate_left(["b"], durations, [], {"b": 100.0}, 200.0, 2) == 0.0  # overdue: not negative
    assert ex.estimate_left(["c", "a"], durations, [4.0, 8.0], {}, 0.0, 1) == 16.0  # c unknown: mean of done
    assert ex.estimate_left(["c"], durations, [], {}, 0.0, 1) is None  # nothing to go on


@pytest.mark.parametrize("secs, text", [(0.2, "1 s"), (12.4, "12 s"), (89.4, "89 s"), (90, "2 min"), (600, "10 min")])
def test_format_duration(secs, text):
    assert ex.format_duration(secs) == text


def test_progress_lines_say_lesson_i_of_n_and_time_left(tmp_path, monkeypatch):
    """each executed lesson gets a line '[i/n] Part p: title — executed in X s — about Y left'; the last none"""
    lessons = [catalog.Lesson(part=p, slug=f"l{p}", title=f"Lesson {p}") for p in (1, 2, 3)]

    def fake_run(lesson, nb, workdir):
        time.sleep(0.05 * lesson.part)
        return nb

    monkeypatch.setattr(ex, "_run", fake_run)
    prepared = []
    for les in lessons:
        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_code_cell(f"x = {les.part}"))
        prepared.append((les, nb))
    cache = tmp_path / "cache"
    (tmp_path / "cache").mkdir()
    (cache / "durations.json").write_text('{"01-l1": 2.0, "02-l2": 60.0, "03-l3": 120.0}')
    log: list[str] = []
    ex.execute_all(prepared, cache, tmp_path / "work", jobs=1, log=log.append)
    assert log[0].startswith("Executing 3 lesson(s), 1 at a time (about 3 min)")
    done = [ln for ln in log if "executed in" in ln]
    assert [ln.split(" — ")[0] for ln in done] == ["[1/3] Part 1: Lesson 1", "[2/3] Part 2: Lesson 2",
                                                   "[3/3] Part 3: Lesson 3"]
    assert re.fullmatch(r"\[1/3\] Part 1: Lesson 1 — executed in 0\.\d s — about 3 min left", done[0]), done[0]
    assert re.fullmatch(r"\[2/3\] Part 2: Lesson 2 — executed in 0\.\d s — about 2 min left", done[1]), done[1]
    assert re.fullmatch(r"\[3/3\] Part 3: Lesson 3 — executed in 0\.\d s", done[2]), done[2]
    assert sum("executing…" in ln for ln in log) == 3
    import json

    saved = json.loads((cache / "durations.json").read_text())
    assert set(saved) == {"01-l1", "02-l2", "03-l3"} and all(v < 2 for v in saved.values())
