"""A local server that answers as a static host with precompressed files does (nginx's
`gzip_static`/`brotli_static`, Caddy's `precompressed`): `page.html.br` or `page.html.gz`
with its Content-Encoding when the browser accepts it, the file itself otherwise.

    .venv/bin/python tests/benchmarks/compressing_server.py SITE_DIR [PORT]
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
from pathlib import Path

from ngo_handbook.pdf.server import serve_folder

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class PrecompressedHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in ENCODINGS:
            compressed = path.with_name(path.name + suffix)
            if encoding in accepted and path.is_file() and compressed.is_file():
                body = open(compressed, "rb")  # noqa: SIM115 - closed by copyfile's caller
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return super().send_head()

    def copyfile(self, source, outputfile) -> None:
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser stopped reading (a page closed before a download ended)


def serve_compressed(folder: Path):
    """Serve `folder` on 127.0.0.1 (a free port) as a context manager; yield its URL."""
    return serve_folder(folder, PrecompressedHandler)


if __name__ == "__main__":
    site = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    handler = functools.partial(PrecompressedHandler, directory=site)
    print(f"Serving {site} at http://127.0.0.1:{port}/")
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
