"""`make lite-serve`: serve build/lite/ on 127.0.0.1 and print the address of the first lesson."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

SITE = Path(__file__).resolve().parents[1] / "build" / "lite"


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types a browser insists on for WebAssembly and ES modules."""

    extensions_map = {  # noqa: RUF012 - the base class's own attribute, extended
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("TMD_LITE_LOG") == "1":
            super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    """A loopback server that does not print a traceback when a browser drops a connection."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def running(site: Path = SITE, port: int = 0) -> Iterator[str]:
    """Serve site on 127.0.0.1 in a background thread; yield its base URL (for tests, benchmarks)."""
    handler = functools.partial(Handler, directory=str(site))
    server = Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve(site: Path = SITE, port: int = 8000) -> None:
    """Serve site on 127.0.0.1:port until Ctrl+C."""
    if not (site / "index.html").is_file():
        sys.exit(f"{site} has no site yet: run `make lite` first")
    handler = functools.partial(Handler, directory=str(site))
    with Server(("127.0.0.1", port), handler) as server:
        print(f"Lessons (JupyterLite): http://127.0.0.1:{server.server_port}/  (Ctrl+C stops)")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    serve(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8000)
