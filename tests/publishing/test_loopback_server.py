"""scripts/loopback_server.py, the static server of the bench's page weights and of the tests' sites:
it serves a folder's files, and a connection the browser drops mid-file is not an error."""

from __future__ import annotations

import socket
import struct
import threading
import time
import urllib.request

from scripts.loopback_server import serve

DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # whatever http_proxy says


def test_serves_the_folder_and_stops_with_the_block(tmp_path):
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    with serve(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        with DIRECT.open(url + "page.html", timeout=10) as response:
            assert response.status == 200 and response.read() == b"<p>x</p>"
    try:
        DIRECT.open(url + "page.html", timeout=2)
    except OSError:
        pass
    else:
        raise AssertionError("the server still answers after its block")


def test_a_connection_dropped_mid_file_prints_no_traceback(tmp_path, capfd):
    # A navigation that ends while a script is being sent drops the connection: the standard
    # server printed "Exception occurred during processing of request" and a traceback each time.
    (tmp_path / "big.bin").write_bytes(b"x" * (32 << 20))
    threads = threading.active_count()
    with serve(tmp_path) as url:
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                assert client.recv(1024).startswith(b"HTTP/1.0 200"), "the server is not sending the file"
                # Closed with a reset, mid-file, as a browser drops a connection.
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    for _ in range(500):  # the request threads write into the dropped connections, then end
        if threading.active_count() <= threads:
            break
        time.sleep(0.01)
    assert threading.active_count() <= threads, "a request thread is still sending"
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err, err
