"""A folder served on 127.0.0.1 by a static server in a thread: for the bench's page weights and
for the tests' sites. One server for both, so a page is served the same way wherever it is measured.

Quiet: no line per request, and no traceback when the browser drops a connection it no longer needs
(a navigation that ends while a file is being sent), which is how a browser reads a site.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import pathlib
import sys
import threading


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    # Closing does not wait for the request threads: a browser still open may hold a connection
    # it has sent nothing on, and its thread would keep the block from ending.
    block_on_close = False

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # broken pipe, reset, aborted
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: pathlib.Path, handler_class: type = QuietHandler):
    """Serve `folder` on a free port of 127.0.0.1 until the block ends; yields the base URL
    (`http://127.0.0.1:<port>/`). `handler_class` answers the requests (a SimpleHTTPRequestHandler)."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
