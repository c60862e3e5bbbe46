"""The committed nginx front (deploy/nginx/tiltaksarena.conf.template, decision 67), run by
the real nginx: the editor's streams go to the stream server unbuffered, everything else to the
page server, with the headers the app relies on behind a proxy. The two servers here are
plain HTTP servers that answer who they are and what they were sent."""

import http.client
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.front import NGINX, Front

pytestmark = pytest.mark.skipif(
    not os.path.exists(NGINX),
    reason="nginx is not installed (.ci/run installs it)",
)


def _upstream(name):
    class Echo(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"server": name, "path": self.path, **dict(self.headers)}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def front(tmp_path):
    pages, streams = _upstream("pages"), _upstream("streams")
    proxy = Front(pages_port=pages.server_port, streams_port=streams.server_port, workdir=tmp_path)
    yield proxy
    proxy.stop()
    pages.shutdown()
    streams.shutdown()


def _get(front, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", front.port, timeout=5)
    conn.request("GET", path, headers={"Host": "arena.example.org", **(headers or {})})
    answer = conn.getresponse()
    assert answer.status == 200
    return json.loads(answer.read())


def test_only_the_editors_stream_goes_to_the_stream_server(front):
    assert _get(front, "/a/buskerud/hjem/tiltak/12/strom/?since=3&t=x")["server"] == "streams"
    for path in (
        "/a/buskerud/hjem/tiltak/12/endringer/?since=3",  # the poll: a page server's answer
        "/a/buskerud/hjem/tiltak/12/strom/extra/",
        "/a/buskerud/hjem/",
        "/bli-med/",
    ):
        assert _get(front, path)["server"] == "pages", path


def test_the_app_gets_the_host_the_client_and_the_scheme(front):
    seen = _get(front, "/a/buskerud/hjem/")
    assert seen["Host"] == "arena.example.org"  # ALLOWED_HOSTS checks the browser's host
    assert seen["X-Forwarded-For"] == "127.0.0.1"  # the rate limits count per client
    assert seen["X-Forwarded-Proto"] == "http"
    # Behind an HTTPS load balancer the scheme it was asked in passes through, so the app
    # neither redirects to HTTPS for ever nor drops its secure cookies.
    behind = _get(front, "/a/buskerud/hjem/", {"X-Forwarded-Proto": "https"})
    assert behind["X-Forwarded-Proto"] == "https"
    stream = _get(front, "/a/buskerud/hjem/tiltak/1/strom/", {"X-Forwarded-Proto": "https"})
    assert stream["X-Forwarded-Proto"] == "https"
