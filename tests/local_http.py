"""A tiny HTTP server on 127.0.0.1 for fetch and ingest tests (no external network exists in CI)."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serve(routes: dict):
    """Serve ``routes`` ({path: (status, headers dict, body bytes)}) and yield the base URL.

    A body given as a callable is called with the handler (used for slow responses).
    """

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server naming
            status, headers, body = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if callable(body):
                self.end_headers()
                body(self)
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def slow_body(handler, seconds: float = 3.0) -> None:
    """Write a few bytes, then stall (for timeout tests)."""
    try:
        handler.wfile.write(b"partial")
        handler.wfile.flush()
        time.sleep(seconds)
    except OSError:
        pass
