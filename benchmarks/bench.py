"""`make bench`: the page table (wrk) and the workshop scenario (locust) on PostgreSQL.

Builds a realistic arena (the demo plus 60 measures with rows, 50 tables, 300 participants)
in a database of its own, starts the production stack (compose.yaml's: nginx in front of
gunicorn's sync workers for the pages and a uvicorn server for the editor's streams,
DJANGO_ENV=production; `--server uvicorn` or `sync` for one server alone) on free ports of
127.0.0.1 with a throwaway redis-server as the shared cache, as compose.yaml runs it
(`--cache database` measures the PostgreSQL table fallback instead), and runs

(a) the page table: each page for a few seconds with wrk (2 threads, 16 connections),
    alternating with a bare Django project (`benchmarks/bare`, HttpResponse("ok")) served by
    the same gunicorn command; prints req/s, p50/p99 and the share of the bare view measured
    in the same round;
(b) the workshop scenario (`benchmarks/locustfile.py`), headless and bounded: participants
    join within two minutes from one IP, open their home, two per table type in the editor,
    comment and place dots; two boards and two walls poll; a project lead downloads. Prints
    count, req/s, p50/p95/p99 and failures per request type, the server's CPU from /proc, and
    checks that every autosave the server accepted is in the database (at its revision, or
    folded into the same person's next save of the field, decision 32).

Everything stops by itself and only ever talks to 127.0.0.1. The load generator shares the
machine's cores with the server (and other people's work): compare ratios, not absolutes.

    .venv/bin/python benchmarks/bench.py [--participants 300] [--duration 150] [--only pages]
"""

import argparse
import http.client
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BENCH_VENV = ROOT / ".bench-venv"
LOCUST_VERSION = "2.47.0"  # pinned: the scenario's numbers depend on the client too
DB_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://tiltaksarena:tiltaksarena@127.0.0.1:5432/ta_bench"
)
SLUG = "buskerud-yrkesdeltagelse"
A = f"/a/{SLUG}"
PASSWORDS = {"fasilitator": "demo-fasilitator", "prosjektleder": "demo-prosjektleder"}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(suffix):
    return f"{DB_URL}_{suffix}"


def recreate_database(url):
    import psycopg2

    name = url.rsplit("/", 1)[1]
    try:
        admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    except psycopg2.OperationalError as error:
        raise SystemExit(
            f"bench: cannot reach PostgreSQL as BENCH_DATABASE_URL says: {str(error).strip()}.\n"
            "Start it (pg_ctlcluster 15 main start) and create the role, as .ci/run does:\n"
            '  su postgres -c "psql -c \\"create role tiltaksarena login password '
            "'tiltaksarena' createdb\\\"\""
        ) from error
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def build_arena(url, participants, measures=60, tables=50):
    recreate_database(url)
    env = {**os.environ, "DJANGO_ENV": "development", "DATABASE_URL": url}
    out = subprocess.run(
        [
            PYTHON,
            "benchmarks/build_arena.py",
            f"--participants={participants}",
            f"--measures={measures}",
            f"--tables={tables}",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    # The last line is the arena's JSON; management commands may print lines before it.
    return json.loads(out.stdout.strip().splitlines()[-1])


# REDIS_URL of the redis-server main() starts for `--cache redis` (the production stack's
# shared cache, compose.yaml); empty for `--cache database`, the fallback without Redis.
CACHE_ENV = {}


def start_redis():
    """A throwaway redis-server on a free port of 127.0.0.1, without persistence."""
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is missing: apt-get install -y redis-server")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    CACHE_ENV["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    return process


def production_env(url):
    return {
        **os.environ,
        **CACHE_ENV,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on 127.0.0.1: no HTTPS redirect, cookies without Secure (production
        # allows that only as if behind an HTTPS proxy).
        "DJANGO_HTTPS": "0",
        "DJANGO_BEHIND_PROXY": "1",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": url,
    }


def collectstatic(url):
    """Collect and compress the static files, unless nothing under static/ changed since."""
    manifest = ROOT / "var" / "static" / "staticfiles.json"
    sources = [p.stat().st_mtime for p in (ROOT / "static").rglob("*") if p.is_file()]
    if manifest.exists() and manifest.stat().st_mtime > max(sources, default=0):
        return
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=production_env(url),
        check=True,
    )


class Server:
    """gunicorn on a free port of 127.0.0.1, stopped by its own pid."""

    def __init__(self, wsgi, env, workers, worker_class="sync", threads=1):
        self.port = free_port()
        command = [
            PYTHON, "-m", "gunicorn", wsgi,
            "--workers", str(workers),
            "--worker-class", worker_class,
            "--threads", str(threads),
            "--bind", f"127.0.0.1:{self.port}",
            "--log-level", "warning",
            "--timeout", "60",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            self.stop()
            raise SystemExit(f"{wsgi} did not start")
        time.sleep(0.5)  # let every worker boot

    def pids(self):
        """The master and its workers, from /proc."""
        found = [self.process.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def cpu_seconds(pids):
    """utime+stime (with waited-for children) of `pids`, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(v) for v in fields[11:15])
    return total / ticks


def machine_ticks():
    """(busy, total) jiffies of all cores from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def postgres_pids(dbname):
    """The PostgreSQL backends serving `dbname` (their title names the database)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            title = cmdline.read_bytes().decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {dbname} " in title:
            found.append(int(cmdline.parent.name))
    return found


# ---------------------------------------------------------------------------- HTTP helpers


def fetch(port, method, path, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def cookies_from(response, jar):
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def cookie_header(jar):
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def staff_cookies(port, username):
    response, page = fetch(port, "GET", "/konto/login/")
    jar = cookies_from(response, {})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORDS[username]}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie_header(jar),
    }
    response, _ = fetch(port, "POST", "/konto/login/", headers, body)
    cookies_from(response, jar)
    if "sessionid" not in jar:
        raise SystemExit(f"could not log in as {username}")
    return jar


def participant_cookies(port, token, editor_path):
    response, _ = fetch(port, "GET", f"/fortsett/{token}/")
    jar = cookies_from(response, {})
    response, page = fetch(port, "GET", editor_path, {"Cookie": cookie_header(jar)})
    cookies_from(response, jar)  # the editor's form sets the CSRF cookie
    return jar, page.decode()


# ---------------------------------------------------------------------------- (a) pages


def wrk(port, path, seconds, threads, connections, **lua_env):
    env = {**os.environ, **{f"BENCH_{k.upper()}": v for k, v in lua_env.items() if v}}
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
        "--timeout", "30s", "-s", str(ROOT / "benchmarks" / "wrk" / "request.lua"),
        f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60)
    text = out.stdout

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\b", text, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    count = re.search(r"(\d+) requests in", text)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "requests": int(count.group(1)) if count else 0,
        "p50": latency("50"),
        "p99": latency("99"),
        "bad": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def page_targets(arena, port):
    """(label, path, lua settings, expected status) for each row of the page table."""
    participant = arena["participants"][-1]  # a generated participant at a table with a measure
    measure = arena["measures_by_table"][str(participant["group"])][0]
    editor = f"{A}/hjem/tiltak/{measure}/rediger/1/"
    jar, page = participant_cookies(port, participant["token"], editor)
    base = re.search(r'name="base-description" id="base-description" value="([^"]*)"', page)
    pcookie = cookie_header(jar)
    csrf = jar.get("csrftoken", "")
    save = f"{A}/hjem/tiltak/{measure}/felt/description/"
    # First save with the right base, as the browser does; later saves in the run carry that
    # base, now stale, so every one is merged into what the run saved before (issue 9).
    import html

    shown = html.unescape(base.group(1)) if base else ""
    first = urlencode({"base": shown, "value": "Benchmark-tekst 0", "op": str(uuid.uuid4())})
    post_headers = {
        "Cookie": pcookie,
        "X-CSRFToken": csrf,
        "Content-Type": "application/x-www-form-urlencoded",
        "HX-Request": "true",
    }
    response, answer = fetch(port, "POST", save, post_headers, first)
    if b'"status": "saved"' not in answer:
        log(f"warning: the first autosave was not accepted: {answer[:200]!r}")
    facilitator = cookie_header(staff_cookies(port, "fasilitator"))
    lead = cookie_header(staff_cookies(port, "prosjektleder"))

    board, wall = f"{A}/fasilitering/tavle/", f"{A}/vegg/innhold/"
    return [
        ("start page (anonymous)", "/", {}, 200),
        ("join page", "/bli-med/", {}, 200),
        ("arena home (participant)", f"{A}/hjem/", {"cookie": pcookie}, 200),
        ("editor step 1", editor, {"cookie": pcookie}, 200),
        (
            "autosave POST",
            save,
            {
                "method": "POST",
                "cookie": pcookie,
                "csrf": csrf,
                "body": "base=&value=COUNTER&op=OPID",
            },
            200,
        ),
        ("facilitation page", f"{A}/fasilitering/", {"cookie": facilitator}, 200),
        ("board poll, changed (200)", board, {"cookie": facilitator}, 200),
        ("board poll, unchanged (304)", board, {"cookie": facilitator, "etag": "now"}, 304),
        ("wall fragment 200", wall, {"cookie": facilitator}, 200),
        ("wall fragment 304", wall, {"cookie": facilitator, "etag": "now"}, 304),
        ("summary page", f"{A}/oppsummering/", {"cookie": lead}, 200),
    ], measure


def status_of(port, path, settings):
    headers = {}
    if settings.get("cookie"):
        headers["Cookie"] = settings["cookie"]
    if settings.get("etag"):
        headers["If-None-Match"] = settings["etag"]
    if settings.get("method") == "POST":
        return None  # POSTs are checked by counting saves in the database
    response, body = fetch(port, "GET", path, headers)
    return response.status, len(body)


def run_pages(args, arena, app, bare, dburl):
    targets, measure = page_targets(arena, app.port)
    sizes = {}
    for label, path, settings, expected in targets:
        got = status_of(app.port, path, fresh(app.port, path, settings))
        if got:
            sizes[label] = got[1]
            if got[0] != expected:
                log(f"warning: {label} answered {got[0]}, expected {expected}")
    results = {label: [] for label, *_ in targets}
    bares = []
    w = {"threads": args.threads, "connections": args.connections}
    wrk(bare.port, "/", 1, **w)  # warm the bare workers
    position = 0  # the order of runs, so that each page is compared with its neighbours
    for round_number in range(args.rounds):
        log(f"page table, round {round_number + 1} of {args.rounds}")
        for index, (label, path, settings, _expected) in enumerate(targets):
            if index % args.bare_every == 0:
                bares.append((position, wrk(bare.port, "/", args.seconds, **w)))
                position += 1
            settings = fresh(app.port, path, settings)
            warm(app.port, path, settings)
            if label == "autosave POST":  # each save appends: start on an empty answer
                answer_empty(dburl, measure)
                run_before = measure_version(dburl, measure)
            result = wrk(app.port, path, args.seconds, **w, **settings)
            drain(app.port)
            if label == "autosave POST":
                result["accepted"] = measure_version(dburl, measure) - run_before
            results[label].append((position, result))
            position += 1
        bares.append((position, wrk(bare.port, "/", args.seconds, **w)))
        position += 1
    saves = sum(r["accepted"] for _, r in results["autosave POST"])
    sent = sum(r["requests"] for _, r in results["autosave POST"])
    return targets, results, bares, sizes, (saves, sent)


def fresh(port, path, settings):
    """An unchanged poll sends the ETag the page has now (an autosave may have changed it)."""
    if not settings.get("etag"):
        return settings
    response, _ = fetch(port, "GET", path, {"Cookie": settings["cookie"]})
    return {**settings, "etag": response.getheader("ETag") or ""}


def warm(port, path, settings):
    """A few requests one after another: every worker has the page's code and templates."""
    headers = {"Cookie": settings.get("cookie", "")}
    if settings.get("etag"):
        headers["If-None-Match"] = settings["etag"]
    if settings.get("method") != "POST":
        for _ in range(3):
            fetch(port, "GET", path, headers)


def drain(port):
    """Wait until gunicorn has answered what wrk left in its backlog: sync workers take
    requests in turn, so a trivial request returns only after the queued ones."""
    for _ in range(2):
        fetch(port, "GET", "/helse/")


def answer_empty(dburl, measure):
    """Empty the description the autosave run appends to: a full answer (4,000 characters,
    about 600 of the run's saves) would refuse the rest as too long, which costs less."""
    import psycopg2

    conn = psycopg2.connect(dburl)
    with conn, conn.cursor() as cursor:
        cursor.execute("UPDATE measures_measure SET description = '' WHERE id = %s", [measure])
    conn.close()


def measure_version(dburl, measure):
    import psycopg2

    conn = psycopg2.connect(dburl)
    with conn.cursor() as cursor:
        cursor.execute("SELECT version FROM measures_measure WHERE id = %s", [measure])
        version = cursor.fetchone()[0]
    conn.close()
    return version


def print_pages(targets, results, bares, sizes, saves, args):
    def bare_near(position):
        """The mean of the bare runs just before and just after this page's run."""
        before = [r["rps"] for p, r in bares if p < position][-1:]
        after = [r["rps"] for p, r in bares if p > position][:1]
        near = before + after
        return sum(near) / len(near)

    all_bare = [r["rps"] for _, r in bares]
    print()
    print(
        f"(a) page table: wrk {args.threads} threads, {args.connections} connections, "
        f"{args.seconds} s per run, {args.rounds} round(s), bare view every "
        f"{args.bare_every} pages: "
        f"{min(all_bare):.0f}–{max(all_bare):.0f} req/s; share = req/s over the mean of the "
        "bare runs just before and after"
    )
    header = (
        f"{'page':<30} {'req/s':>14} {'share of bare':>15} {'p50 ms':>14} {'p99 ms':>16} "
        f"{'KB':>6} {'non-2xx/3xx':>11}"
    )
    print(header)
    print("-" * len(header))

    def span(values, fmt):
        lo, hi = min(values), max(values)
        return f"{lo:{fmt}}" if f"{lo:{fmt}}" == f"{hi:{fmt}}" else f"{lo:{fmt}}–{hi:{fmt}}"

    rows = []
    for label, *_ in targets:
        runs = results[label]
        rps = [r["rps"] for _, r in runs]
        share = [100 * r["rps"] / bare_near(n) for n, r in runs]
        p50 = [r["p50"] for _, r in runs]
        p99 = [r["p99"] for _, r in runs]
        bad = sum(r["bad"] for _, r in runs)
        size = sizes.get(label)
        kb = f"{size / 1024:.0f}" if size else "–"
        share_fmt = ".2f" if max(share) < 1 else ".1f"
        print(
            f"{label:<30} {span(rps, '.1f'):>14} {span(share, share_fmt) + ' %':>15} "
            f"{span(p50, '.1f'):>14} {span(p99, '.0f'):>16} {kb:>6} {bad:>11}"
        )
        rows.append({"page": label, "rps": rps, "share": share, "p50": p50, "p99": p99,
                     "bad": bad, "bytes": size})  # fmt: skip
    accepted, sent = saves
    print(
        f"autosave POSTs: {sent} answered within the measured runs (up to "
        f"{args.connections} more were in flight when wrk stopped); the measure's version "
        f"went up by {accepted} in them (every accepted save bumps it; each run starts on an "
        f"empty answer)"
    )
    return {"bare": all_bare, "rows": rows, "autosaves_accepted": saves}


# ---------------------------------------------------------------------------- (b) locust


def ensure_locust():
    locust = BENCH_VENV / "bin" / "locust"
    stamp = BENCH_VENV / f".locust-{LOCUST_VERSION}"
    if not stamp.exists():
        log(f"installing locust {LOCUST_VERSION} into {BENCH_VENV.name}/")
        subprocess.run(["python3", "-m", "venv", str(BENCH_VENV)], check=True)
        subprocess.run(
            [str(BENCH_VENV / "bin" / "pip"), "install", "-q", f"locust=={LOCUST_VERSION}"],
            check=True,
        )
        stamp.touch()
    return locust


# The server command: compose.yaml's stack ("split", decision 67: nginx, sync workers for
# the pages, uvicorn for the streams), one server of uvicorn workers (decision 64), or sync
# workers alone. (app, bare view) for each.
APPS = {
    "split": ("arena.wsgi", "benchmarks.bare.wsgi"),
    "uvicorn": ("arena.asgi:application", "benchmarks.bare.asgi:application"),
    "sync": ("arena.wsgi", "benchmarks.bare.wsgi"),
}
STREAMS = "arena.asgi:application"


def worker(args):
    """(worker class, threads) for `Server`: the bare view is served the same way as the app."""
    if args.server == "uvicorn":
        return "uvicorn_worker.UvicornWorker", 1
    if args.server == "split":
        return "sync", 1
    return args.worker_class, args.gthreads


class Split:
    """compose.yaml's stack with `Server`'s interface: nginx (benchmarks/front.py, from the
    committed template) in front of sync workers for everything but the editor's streams,
    which go to one server of uvicorn workers (`streams`; for the bare view, none)."""

    def __init__(self, app, env, workers, streams=None, stream_workers=1):
        from front import Front

        self.servers = [Server(app, env, workers)]
        if streams:
            self.servers.append(Server(streams, env, stream_workers, UVICORN))
        self.front = Front(
            pages_port=self.servers[0].port,
            streams_port=self.servers[-1].port,
            workdir=ROOT / "var" / "bench" / f"front-{self.servers[0].port}",
        )
        self.port = self.front.port

    def pids(self):
        return [pid for server in self.servers for pid in server.pids()] + self.front.pids()

    def stop(self):
        self.front.stop()
        for server in self.servers:
            server.stop()


UVICORN = "uvicorn_worker.UvicornWorker"


def serve(args, which, env):
    """The app (`which` 0) or the bare view (1), served as `--server` says."""
    if args.server == "split":
        return Split(APPS["split"][which], env, args.workers, STREAMS if which == 0 else None)
    return Server(APPS[args.server][which], env, args.workers, *worker(args))


def run_scenario(args, participants, out_dir):
    locust = ensure_locust()
    dburl = database_url("locust")
    log(f"scenario with {participants} participants: building a fresh arena")
    arena = build_arena(dburl, participants=0)
    arena_file = out_dir / f"arena-{participants}.json"
    arena_file.write_text(json.dumps(arena))
    app = serve(args, 0, production_env(dburl))
    result_file = out_dir / f"locust-{participants}.json"
    try:
        pids = app.pids()
        db_pids_before = postgres_pids(dburl.rsplit("/", 1)[1])
        cpu_start, pg_start = cpu_seconds(pids), cpu_seconds(db_pids_before)
        load_before = os.getloadavg()
        machine_before = machine_ticks()
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        users = participants + 5  # two boards, two walls, one project lead
        env = {
            **os.environ,
            "BENCH_ARENA": str(arena_file),
            "BENCH_RESULT": str(result_file),
            "BENCH_PARTICIPANTS": str(participants),
            "BENCH_JOIN_SECONDS": str(args.join_seconds),
        }
        command = [
            str(locust), "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
            "--host", f"http://127.0.0.1:{app.port}",
            "-u", str(users), "-r", f"{users / args.join_seconds:.3f}",
            "--run-time", f"{args.duration}s", "--stop-timeout", "10",
            "--only-summary", "--loglevel", "WARNING",
        ]  # fmt: skip
        log(f"locust: {users} users over {args.join_seconds} s, {args.duration} s in all")
        with open(out_dir / f"locust-{participants}.log", "w") as locust_log:
            quiet = None if args.verbose else locust_log  # locust's own tables go to the log
            subprocess.run(
                command, cwd=ROOT, env=env, timeout=args.duration + 120,
                stdout=quiet, stderr=quiet,
            )  # fmt: skip
        elapsed = time.monotonic() - started
        db_pids = set(db_pids_before) | set(postgres_pids(dburl.rsplit("/", 1)[1]))
        cpu = cpu_seconds(app.pids()) - cpu_start
        pg_cpu = cpu_seconds(db_pids) - pg_start
        load_after = os.getloadavg()
        machine_after = machine_ticks()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        locust_cpu = (
            children.ru_utime + children.ru_stime
            - children_before.ru_utime - children_before.ru_stime
        )  # fmt: skip
    finally:
        app.stop()
    data = json.loads(result_file.read_text())
    check = verify_autosaves(dburl, data["accepted_saves"])
    return {
        "participants": participants,
        "elapsed": elapsed,
        "server_cpu": cpu / elapsed,
        "postgres_cpu": pg_cpu / elapsed,
        "locust_cpu": locust_cpu / elapsed,
        "machine_busy": (machine_after[0] - machine_before[0])
        / max(1, machine_after[1] - machine_before[1]),
        "load_before": load_before,
        "load_after": load_after,
        "stats": data["stats"],
        "check": check,
        "steady_from": data["steady_from"],
        "duration": data["duration"],
    }


def verify_autosaves(dburl, accepted):
    """Every save the server answered "saved" for is kept: a history row holds the saved text at
    the revision the answer named, or the save was folded (decision 32) into the same person's
    next save of the same field, the measure's next accepted save, which is itself kept."""
    import psycopg2

    conn = psycopg2.connect(dburl)
    by_measure = {}
    for measure, field, value, version, writer in accepted:
        by_measure.setdefault(measure, []).append((version, field, value, writer))
    missing, folded, folded_late = [], 0, 0
    with conn.cursor() as cursor:
        for measure, saves in by_measure.items():
            saves.sort()
            kept_next = None  # (field, writer, kept?) of the next save on this measure
            for version, field, value, writer in reversed(saves):
                if field not in {"description", "way_of_working", "goal"}:
                    kept_next = None
                    continue
                cursor.execute(
                    f"SELECT {field} FROM measures_historicalmeasure "
                    "WHERE id = %s AND version = %s",
                    [measure, version],
                )
                kept = value.strip() in [r[0] for r in cursor.fetchall()]
                if not kept and kept_next and kept_next == (field, writer, True):
                    kept, folded = True, folded + 1
                if not kept:
                    # Folded into a save whose answer the run's end cut off (so it is not in
                    # `accepted`): a later history row still holds this text.
                    cursor.execute(
                        f"SELECT 1 FROM measures_historicalmeasure WHERE id = %s "
                        f"AND version > %s AND position(%s in {field}) > 0 LIMIT 1",
                        [measure, version, value.strip()],
                    )
                    if cursor.fetchone():
                        kept, folded_late = True, folded_late + 1
                if not kept:
                    missing.append((measure, field, version))
                kept_next = (field, writer, kept)
    conn.close()
    return {
        "accepted": len(accepted),
        "missing": len(missing),
        "folded": folded,
        "folded_late": folded_late,
        "examples": missing[:5],
    }


def print_scenario(result):
    s = result
    print()
    print(
        f"(b) workshop scenario: {s['participants']} participants joining in the first "
        f"{s['steady_from']:.0f} s, {s['duration']:.0f} s in all; load before "
        f"{s['load_before'][0]:.2f}, after {s['load_after'][0]:.2f}"
    )
    for phase in ("steady", "all"):
        title = "steady part (after everyone joined)" if phase == "steady" else "whole run"
        print(f"  {title}:")
        header = (
            f"  {'request':<26} {'count':>7} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
            f"{'fail':>5}"
        )
        print(header)
        rows = s["stats"][phase]
        for name in sorted(rows, key=lambda n: (n == "TOTAL", n)):
            r = rows[name]
            print(
                f"  {name:<26} {r['count']:>7} {r['rps']:>7.1f} {r['p50']:>7.0f} "
                f"{r['p95']:>7.0f} {r['p99']:>7.0f} {r['failures']:>5}"
            )
    cores = os.cpu_count() or 1
    print(
        f"  server CPU (gunicorn master+workers): {s['server_cpu']:.2f} cores "
        f"= {100 * s['server_cpu'] / cores:.0f} % of {cores}; PostgreSQL backends: "
        f"{s['postgres_cpu']:.2f} cores; locust: {s['locust_cpu']:.2f} cores; whole machine "
        f"busy {100 * s['machine_busy']:.0f} % (other people's work included)"
    )
    c = s["check"]
    verdict = "OK" if c["missing"] == 0 else "MISSING"
    print(
        f"  autosaves accepted: {c['accepted']}, found in the database: "
        f"{c['accepted'] - c['missing']} ({c['folded']} of them folded into the same person's next "
        f"save, decision 32; {c.get('folded_late', 0)} into a save the run's end cut off) — "
        f"{verdict} {c['examples'] if c['missing'] else ''}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["pages", "scenario"], help="run one part only")
    parser.add_argument(
        "--participants", default="300", help="scenario participants; 150,200,300 runs each"
    )
    parser.add_argument("--duration", type=int, default=150, help="scenario seconds")
    parser.add_argument("--join-seconds", type=int, default=120, help="all join within this")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=1, help="page table rounds")
    parser.add_argument("--bare-every", type=int, default=3, help="bare view every N pages")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1),
        help="page server's gunicorn workers (default 2 per core, as README's deployment)",
    )  # fmt: skip
    parser.add_argument(
        "--server", choices=list(APPS), default="split",
        help="split: compose.yaml's stack (nginx, sync pages, uvicorn streams); uvicorn: one "
        "server of uvicorn workers; sync: sync/gthread workers alone (--worker-class)",
    )  # fmt: skip
    parser.add_argument("--worker-class", default="sync", help="with --server sync")
    parser.add_argument("--gthreads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument(
        "--cache",
        choices=["redis", "database"],
        default="redis",
        help="the shared cache: Redis as in compose.yaml, or the PostgreSQL table fallback",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if args.join_seconds >= args.duration:
        parser.error("--duration must be longer than --join-seconds")
    if not shutil.which("wrk") and args.only != "scenario":
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    log(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f} (shared: read ratios)")
    report = {"load_start": os.getloadavg(), "cache": args.cache}
    redis = start_redis() if args.cache == "redis" else None
    log(f"shared cache: {CACHE_ENV.get('REDIS_URL', 'the PostgreSQL table')}")
    try:
        run_all(args, report, started)
    finally:
        if redis:
            redis.terminate()
            redis.wait()


def run_all(args, report, started):
    out_dir = ROOT / "var" / "bench"
    collectstatic(database_url("pages"))
    if args.only != "scenario":
        dburl = database_url("pages")
        log("building the arena for the page table")
        arena = build_arena(dburl, participants=300)
        bare_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.bare.settings"}
        bare = serve(args, 1, bare_env)
        app = serve(args, 0, production_env(dburl))
        try:
            table = run_pages(args, arena, app, bare, dburl)
        finally:
            app.stop()
            bare.stop()
        report["pages"] = print_pages(*table, args)
    if args.only != "pages":
        report["scenarios"] = []
        for count in [int(n) for n in args.participants.split(",")]:
            result = run_scenario(args, count, out_dir)
            print_scenario(result)
            report["scenarios"].append(result)
    report["seconds"] = time.monotonic() - started
    log(f"done in {report['seconds']:.0f} s; load {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
