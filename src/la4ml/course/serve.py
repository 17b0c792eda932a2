"""Serve a built site on 127.0.0.1 (standard library only)."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def make_server(root: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(root))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve(root: Path, port: int = 8000) -> int:
    root = Path(root)
    if not (root / "index.html").is_file():
        print(f"there is no built site at {root}; run `la4ml build --formats site` first")
        return 2
    try:
        server = make_server(root, port)
    except OSError as exc:
        print(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); choose another with --port")
        return 2
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"Serving the course at {url}  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        server.server_close()
    return 0
