"""The built site served on this machine only, so Chromium loads pages as a visitor would."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve_folder(
    folder: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler
) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) while the block runs; yield its URL.
    (`handler_class` answers the requests: the benchmark's sends compressed files.)"""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
