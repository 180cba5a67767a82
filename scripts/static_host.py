"""Serve a built site on 127.0.0.1 the way a static host does: gzip and per-language 404 pages.

Used by the browser tests, the Lighthouse audits and the page-weight benchmark, so that what
they measure is what a reader of a deployed site gets.

usage: python scripts/static_host.py SITE_DIR [PORT]
"""

from __future__ import annotations

import functools
import gzip
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Files as a static host serves them: gzip when the browser accepts it, and the language's
    404.html (``/ru/404.html`` for addresses under ``/ru/``) for a missing page."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the standard redirect to the address with a slash
                return
            path = path / "index.html"
        status = HTTPStatus.OK
        if not path.is_file():
            path, status = self.not_found_page(), HTTPStatus.NOT_FOUND
        body = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = gzip.compress(body, compresslevel=6), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def not_found_page(self) -> Path:
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        localized = root / first / "404.html"
        return localized if first and localized.is_file() else root / "404.html"


def serve(folder: Path, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 (a free port by default); return the server and its URL."""
    handler = functools.partial(StaticHostHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


if __name__ == "__main__":
    server, url = serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {sys.argv[1]} on {url} (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
