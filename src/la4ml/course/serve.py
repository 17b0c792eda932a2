"""Serve a built site on 127.0.0.1 (standard library only).

The server answers files of the site folder and nothing else: no directory listings (404), a
clear 400 for a path with a NUL or another control character, no traceback for a client that
hangs up or sends garbage, a listen backlog deep enough for a browser's (or a test's) burst of
hundreds of parallel requests, keep-alive connections closed after ``IDLE_TIMEOUT_S`` seconds
without a request, and Ctrl+C (or SIGTERM) ends it with one line.
"""

from __future__ import annotations

import functools
import http.server
import signal
import socketserver
import sys
import urllib.parse
from pathlib import Path

IDLE_TIMEOUT_S = 15.0
"""Seconds a connection may stay idle (between or inside requests) before the server closes it."""
BACKLOG = 1024
"""Connections the kernel queues while every handler is busy (the system caps it at somaxconn)."""


class PortError(ValueError):
    """``--port`` is not a port number, or that port cannot be listened on."""


def parse_port(value) -> int:
    """The port number in ``value`` (0–65535; 0 means any free port), or a :class:`PortError`.

    Examples
    --------
    >>> parse_port("8000")
    8000
    >>> parse_port(0)
    0
    """
    text = str(value).strip()
    try:
        port = int(text)
    except ValueError:
        raise PortError(f"--port must be a whole number from 0 to 65535, got {text!r}") from None
    if not 0 <= port <= 65535:
        raise PortError(f"--port must be from 0 to 65535 (0 picks any free port), got {port}")
    return port


class CourseRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Files of one folder, quietly; keep-alive with an idle timeout; no listings."""

    protocol_version = "HTTP/1.1"  # keep-alive: a page's 30 assets reuse a few connections
    server_version = "la4ml"
    sys_version = ""
    timeout = IDLE_TIMEOUT_S  # socket timeout: an idle keep-alive (or silent) connection is closed

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404, "Not found")
        return None

    def send_head(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if any(ord(ch) < 32 or ch == "\x7f" for ch in path):
            self.send_error(400, "Bad request: control character in the path")
            return None
        try:
            return super().send_head()
        except (OSError, ValueError):  # a name the file system refuses (too long, invalid)
            self.send_error(404, "Not found")
            return None


class CourseServer(http.server.ThreadingHTTPServer):
    """A thread per connection, a deep backlog, and no traceback for a client's misbehaviour."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = BACKLOG

    def server_bind(self):
        # HTTPServer.server_bind looks the host name up (socket.getfqdn), which can stall for
        # seconds on a machine without DNS; 127.0.0.1 needs no name.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), port

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the browser went away or went quiet: nothing to report
        print(f"la4ml serve: could not answer a request from {client_address[0]}: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)


def make_server(root: Path, port: int = 0, *, idle_timeout: float | None = None) -> CourseServer:
    """A server for the files under ``root`` on 127.0.0.1:``port``, bound and listening, not yet serving.

    ``port`` 0 picks a free port (see ``server.server_address[1]``). Raises :class:`PortError`
    for a port out of range and ``OSError`` when the port cannot be listened on.
    """
    port = parse_port(port)
    attrs = {} if idle_timeout is None else {"timeout": idle_timeout}
    handler_cls = type("Handler", (CourseRequestHandler,), attrs) if attrs else CourseRequestHandler
    handler = functools.partial(handler_cls, directory=str(root))
    return CourseServer(("127.0.0.1", port), handler)


def open_server(root: Path, port) -> tuple[CourseServer | None, str | None]:
    """``(server, None)`` listening on ``port``, or ``(None, message)`` saying why not and what to do."""
    try:
        port = parse_port(port)
    except PortError as exc:
        return None, str(exc)
    try:
        return make_server(root, port), None
    except PermissionError as exc:
        return None, (f"not allowed to listen on 127.0.0.1:{port} ({exc.strerror}): ports below 1024 "
                      "need administrator rights; choose another with --port, e.g. --port 8000")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, (f"cannot listen on 127.0.0.1:{port} ({reason}): another program is probably using it; "
                      "choose another with --port (--port 0 picks any free port)")


def serve_forever(server: CourseServer) -> int:
    """Serve with an already listening ``server`` until Ctrl+C or SIGTERM; then close it (status 0)."""
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"Serving the course at {url}  (Ctrl+C to stop)", flush=True)
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread (tests): Ctrl+C handling is the caller's
        pass
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped", flush=True)
    finally:
        server.server_close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(root: Path, port: int | str = 8000) -> int:
    """Serve a built site folder on 127.0.0.1:``port``; the exit status (2 when it cannot)."""
    root = Path(root)
    if not (root / "index.html").is_file():
        print(f"la4ml serve: there is no built site at {root}; run `la4ml build --formats site` first",
              file=sys.stderr, flush=True)
        return 2
    server, problem = open_server(root, port)
    if server is None:
        print(f"la4ml serve: {problem}", file=sys.stderr, flush=True)
        return 2
    return serve_forever(server)
