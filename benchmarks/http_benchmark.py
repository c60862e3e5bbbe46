"""HTTP benchmark: requests/s and latency of the main pages, next to a bare Django view.

Builds a throwaway SQLite database with the demo arena (plus --extra-measures generated
measures), starts gunicorn on 127.0.0.1, and fires a bounded number of requests per page from
a thread pool in this process. The load generator shares the machine's cores with the server,
so compare the ratio to the bare view (`/helse/`) measured in the same run, not the absolute
figures.

    .venv/bin/python benchmarks/http_benchmark.py [--requests 400] [--concurrency 8]
"""

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

ARENA = "/a/buskerud-yrkesdeltagelse"
# (label, path, who, conditional): who is None (anonymous) or a demo staff username;
# conditional pages are asked with the ETag of a first answer, as the polling screens do.
TARGETS = [
    ("bare Django view", "/helse/", None, False),
    ("start page", "/", None, False),
    ("join page", "/bli-med/", None, False),
    ("login page", "/konto/login/", None, False),
    ("mine arenaer", "/", "fasilitator", False),
    ("facilitation board", f"{ARENA}/fasilitering/", "fasilitator", False),
    ("board poll, changed", f"{ARENA}/fasilitering/tavle/", "fasilitator", False),
    ("board poll, unchanged", f"{ARENA}/fasilitering/tavle/", "fasilitator", True),
    ("wall", f"{ARENA}/vegg/", "fasilitator", False),
    ("projector", f"{ARENA}/projektor/", "fasilitator", False),
    ("projector poll, unch.", f"{ARENA}/projektor/innhold/", "fasilitator", True),
    # The phones' poll of the timer and message (decision 41): the path carries a signed
    # token made for a demo participant (ROOM is replaced once the database exists).
    ("room poll (phone)", "ROOM", None, False),
    ("room poll, unchanged", "ROOM", None, True),
    ("staff measure list", f"{ARENA}/tiltak/", "fasilitator", False),
    ("summary", f"{ARENA}/oppsummering/", "prosjektleder", False),
]
PASSWORDS = {"fasilitator": "demo-fasilitator", "prosjektleder": "demo-prosjektleder"}


def room_poll_path(manage, env):
    """The phones' room poll with a token for the demo's first participant."""
    code = (
        "from arena.access import room_token; from arena.models import Arena;"
        "from django.urls import reverse; from urllib.parse import urlencode;"
        "a = Arena.objects.get(slug='buskerud-yrkesdeltagelse');"
        "t = room_token(arena=a, participant=a.participants.first());"
        "print(reverse('measures:room-state', kwargs={'slug': a.slug}) + '?' + urlencode({'t': t}))"
    )
    out = subprocess.run(
        [*manage, "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return out.stdout.decode().strip().splitlines()[-1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_in(port, username):
    """Log a demo staff user in through the real login form; return the Cookie header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/konto/login/")
    response = conn.getresponse()
    page = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORDS[username]}
    )
    conn.request(
        "POST",
        "/konto/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
        },
    )
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
    if not session:
        raise SystemExit(f"could not log in as {username}")
    return f"csrftoken={csrf_cookie}; sessionid={session.group(1)}"


def etag_of(port, path, cookie):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    return response.getheader("ETag")


def hammer(port, path, cookie, total, concurrency, deadline_s, etag=None):
    """Send `total` GETs over `concurrency` keep-alive connections; stop at the deadline."""
    per_worker = total // concurrency
    stop_at = time.monotonic() + deadline_s

    def worker(_):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        timings, statuses = [], []
        headers = {"Cookie": cookie} if cookie else {}
        if etag:
            headers["If-None-Match"] = etag
        for _ in range(per_worker):
            if time.monotonic() > stop_at:
                break
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            timings.append(time.perf_counter() - started)
            statuses.append(response.status)
        conn.close()
        return timings, statuses

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(worker, range(concurrency)))
    elapsed = time.perf_counter() - started
    timings = [t for ts, _ in results for t in ts]
    statuses = sorted({s for _, ss in results for s in ss})
    return len(timings) / elapsed, timings, statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--extra-measures", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=30, help="time limit per page")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="tiltaksarena-bench-"))
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DJANGO_DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
    }
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    if args.extra_measures:
        code = (
            "from arena.models import Arena; from tests.factories import MeasureFactory;"
            "a = Arena.objects.get(slug='buskerud-yrkesdeltagelse');"
            "g = a.groups.first();"
            f"[MeasureFactory(arena=a, group=g) for _ in range({args.extra_measures})]"
        )
        subprocess.run([*manage, "shell", "-c", code], cwd=ROOT, env=env, check=True)

    room = room_poll_path(manage, env)
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "arena.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        cookies = {who: log_in(port, who) for who in PASSWORDS}
        print(
            f"{args.requests} requests per page, {args.concurrency} connections, "
            f"{args.workers} gunicorn workers, demo arena + {args.extra_measures} measures"
        )
        print(f"{'page':<22} {'status':<10} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>7}")
        baseline = None
        for label, path, who, conditional in TARGETS:
            path = room if path == "ROOM" else path
            cookie = cookies.get(who)
            etag = etag_of(port, path, cookie) if conditional else None
            hammer(port, path, cookie, args.concurrency * 2, args.concurrency, 10, etag)
            rate, timings, statuses = hammer(
                port, path, cookie, args.requests, args.concurrency, args.seconds, etag
            )
            baseline = baseline or rate
            p50 = statistics.median(timings) * 1000
            p95 = statistics.quantiles(timings, n=20)[-1] * 1000
            print(
                f"{label:<22} {','.join(map(str, statuses)):<10} {rate:8.0f} {p50:8.1f} "
                f"{p95:8.1f} {rate / baseline:7.2f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
