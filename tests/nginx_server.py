"""A real nginx serving a built site with scripts/nginx/vakb.conf on 127.0.0.1, for the tests.

Same runtime as `./scripts/preview` (scripts/nginx/nginx_runtime.py): random free port, pid, logs
and temp files in a temporary folder, nginx in the foreground, stopped at teardown. The download
folder of the site (`download/`, where ./scripts/build puts the offline zip) gets a small real zip
named like the bundle, and a file that must stay unreachable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.client
import os
import pathlib
import socket
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
from scripts.nginx import nginx_runtime
from vakb import release

TEST_ZIP = "vakb-offline-test.zip"
NOT_A_BUNDLE = "notes.txt"


@dataclasses.dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        values = self.headers.get_all(name) or []
        assert len(values) <= 1, f"header {name} sent {len(values)} times: {values}"
        return values[0] if values else None


@dataclasses.dataclass
class Nginx:
    port: int
    runtime: pathlib.Path
    downloads: pathlib.Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, headers: dict | None = None, method: str = "GET") -> Response:
        """One request (GET unless told), redirects not followed, body as sent (still compressed if it was)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return Response(response.status, response.msg, response.read())
        finally:
            connection.close()

    def raw(self, request: bytes) -> Response:
        """Send bytes as they are (a request nginx refuses before parsing it); the parsed answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(request)
            response = http.client.HTTPResponse(sock)
            response.begin()
            return Response(response.status, response.msg, response.read())

    def error_log(self) -> str:
        return (self.runtime / "error.log").read_text()


def write_downloads(folder: pathlib.Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / TEST_ZIP, "w") as bundle:
        bundle.writestr("vakb/index.html", "<!doctype html><title>vakb</title>\n")
    (folder / NOT_A_BUNDLE).write_text("not part of the site\n")


@contextlib.contextmanager
def running_nginx(site: pathlib.Path, runtime: pathlib.Path, **runtime_options):
    """nginx on `site`; runtime_options go to nginx_runtime.write_runtime (hsts=...)."""
    binary = nginx_runtime.nginx_binary()
    if not os.access(binary, os.X_OK):
        pytest.fail("Debian's nginx is not installed: ./scripts/test installs it (apt-get install nginx)")
    downloads = site / release.DOWNLOAD_DIR
    write_downloads(downloads)
    port = nginx_runtime.free_port()
    nginx_runtime.write_runtime(runtime, site, port, **runtime_options)
    with open(runtime / "stderr.log", "w") as stderr:
        process = nginx_runtime.start(runtime, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        try:
            nginx_runtime.wait_until_listening(process, port)
        except RuntimeError as err:
            pytest.fail(f"{err}:\n{(runtime / 'stderr.log').read_text()}")
        yield Nginx(port, runtime, downloads)
    finally:
        nginx_runtime.stop(process)


@pytest.fixture(scope="session")
def nginx(site_dir, tmp_path_factory):
    """nginx serving the freshly built site (the `site_dir` fixture) with the published configuration."""
    with running_nginx(site_dir, tmp_path_factory.mktemp("nginx")) as server:
        yield server
