"""Co-editing load benchmark (issue 9): how long a saved word takes to reach the other editors.

Builds a throwaway PostgreSQL database (migrate + createcachetable), one open arena with 50
tables of 6 participants and one measure per table, and starts the production server command
(gunicorn, DJANGO_ENV=production) on 127.0.0.1. Then every participant's editor polls the
changes feed once a second (conditional GET with the ETag, the presence focus every 10 s), and
2 people per table type: each saves the description every ~1.5 s with a stale base, as the
browser does. For each save the benchmark notes when its op id first appears in each of the
other 5 editors' feeds.

Reported: save → appearance p50/p95 (from the moment the save was sent), req/s by kind, errors,
the gunicorn processes' CPU (share of all cores, from /proc) and the machine's, alternating with
runs against the bare `/helse/` view in the same server, as benchmarks/http_benchmark.py does.
The load generator runs on the same 2 cores as the server: compare ratios, not absolutes.

    .venv/bin/python benchmarks/coedit_benchmark.py [--seconds 60] [--workers 5] [--tables 50]
    (PG_URL=postgres://tiltaksarena:tiltaksarena@127.0.0.1:5432 is the default server;
    `--cache database` uses the PostgreSQL cache table instead of a throwaway redis-server)
"""

import argparse
import http.client
import json
import multiprocessing
import os
import random
import secrets
import socket
import statistics
import string
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench  # noqa: E402 - start_redis: the same throwaway Redis as `make bench`
from front import Front  # noqa: E402 - nginx from deploy/nginx, as compose.yaml runs it

PYTHON = sys.executable
STREAM = True  # set from --transport in main(); the load-generator processes are forked after
CLK = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(pg_url, name):
    import psycopg2

    conn = psycopg2.connect(f"{pg_url}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def build_world(env, tables, people):
    """The arena, tables, participants (with sessions), measures and feed tokens."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from arena.access import editor_feed_token
    from tests import factories

    arena = factories.ArenaFactory(slug="bench", editing_open=True)
    world = []
    for t in range(tables):
        group = factories.GroupFactory(arena=arena, name=f"Bord {t}")
        measure = factories.MeasureFactory(arena=arena, group=group, title=f"Tiltak {t}")
        editors = []
        for p in range(people):
            participant = factories.ParticipantFactory(
                arena=arena, group=group, display_name=f"P{t}-{p}"
            )
            session = SessionStore()
            session["participants"] = {str(arena.pk): participant.pk}
            session.create()
            csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
            editors.append(
                {
                    "name": participant.display_name,
                    "cookie": f"sessionid={session.session_key}; csrftoken={csrf}",
                    "csrf": csrf,
                    "token": editor_feed_token(measure=measure, participant=participant),
                }
            )
        world.append({"measure": measure.pk, "rev": measure.version, "editors": editors})
    return world


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = {}  # op -> (time sent, table)
        self.seen = {}  # op -> [delay per other editor]
        self.requests = {"poll 200": 0, "poll 304": 0, "save": 0}
        self.took = {"save": [], "poll": []}  # response times, seconds
        self.late = []  # how late each poll left against its schedule (the generator's lag)
        self.errors = []
        self.statuses = {}

    def count(self, kind):
        with self.lock:
            self.requests[kind] += 1

    def error(self, what):
        with self.lock:
            self.errors.append(what)


def request(conn, method, path, body=None, headers=None):
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, response.getheader("ETag"), data
    except (OSError, http.client.HTTPException):
        conn.close()  # sync workers close after each answer; reconnect once
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheader("ETag"), response.read()


def stream_reader(port, base, table, editor, stats, stop_at):
    """SPIKE: the editor's server-sent-events stream instead of polling."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    query = urlencode({"since": table["rev"], "t": editor["token"]})
    conn.request("GET", f"{base}strom/?{query}")
    response = conn.getresponse()
    if response.status != 200:
        stats.error(f"stream {response.status}")
        return
    data = b""
    while time.monotonic() < stop_at:
        try:
            line = response.readline()
        except OSError:
            break
        if not line:
            break
        if line.startswith(b"data: "):
            data = line[6:]
        elif line == b"\n" and data:
            arrived = time.monotonic()
            stats.count("poll 200")
            payload = json.loads(data)
            data = b""
            with stats.lock:
                for change in payload["changes"]:
                    sent = stats.sent.get(change.get("op"))
                    if sent is not None and change["by"]["name"] != editor["name"]:
                        stats.seen.setdefault(change["op"], []).append(arrived - sent)
    conn.close()


def editor_loop(port, base, table, editor, me, typist, stats, stop_at, interval):
    """One open editor: poll every `interval` s; a typist also saves every ~1.5 s."""
    rng = random.Random(hash((table["measure"], me)))
    feed = f"{base}endringer/"
    since, etag, focus_at = table["rev"], None, 0.0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    save_conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    mine, words, next_save = "", 0, time.monotonic() + rng.uniform(0.3, 1.5)
    next_poll = time.monotonic() + rng.uniform(0, interval)
    if STREAM:
        threading.Thread(
            target=stream_reader, args=(port, base, table, editor, stats, stop_at), daemon=True
        ).start()
        interval = 10.0  # only the presence heartbeat polls
    while time.monotonic() < stop_at:
        now = time.monotonic()
        if typist and now >= next_save:
            words += 1
            value = f"{mine} {editor['name']}w{words}".strip()
            op = str(uuid.uuid4())
            body = urlencode({"base": mine, "value": value, "op": op})
            headers = {
                "Cookie": editor["cookie"],
                "X-CSRFToken": editor["csrf"],
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{port}/",
            }
            with stats.lock:
                stats.sent[op] = sent_at = time.monotonic()
            try:
                status, _etag, data = request(
                    save_conn, "POST", f"{base}felt/description/", body, headers
                )
                stats.count("save")
                stats.took["save"].append(time.monotonic() - sent_at)
                answer = json.loads(data) if status == 200 else {}
                if answer.get("status") == "saved":
                    mine = answer["value"]
                else:
                    stats.error(f"save {status} {answer.get('status')} {data[:80]!r}")
            except Exception as error:  # noqa: BLE001 - counted as an error
                stats.error(f"save {error!r}")
            next_save += rng.uniform(1.2, 1.8)
        if now >= next_poll:
            query = {"since": since, "t": editor["token"]}
            if now - focus_at > 10 or STREAM:
                query["felt"] = "description" if typist else "step-1"
                focus_at = now
            headers = {"If-None-Match": etag} if etag else {}
            stats.late.append(now - next_poll)
            try:
                status, new_etag, data = request(conn, "GET", f"{feed}?{urlencode(query)}", None,
                                                 headers)  # fmt: skip
            except Exception as error:  # noqa: BLE001
                stats.error(f"poll {error!r}")
                status, data = 0, b""
            arrived = time.monotonic()
            stats.took["poll"].append(arrived - now)
            if status == 304:
                stats.count("poll 304")
            elif status == 200 and STREAM:
                etag = new_etag
            elif status == 200:
                stats.count("poll 200")
                etag = new_etag
                payload = json.loads(data)
                since = payload["rev"]
                with stats.lock:
                    for change in payload["changes"]:
                        sent = stats.sent.get(change.get("op"))
                        if sent is not None and change["by"]["name"] != editor["name"]:
                            stats.seen.setdefault(change["op"], []).append(arrived - sent)
            elif status:
                stats.error(f"poll {status}")
            next_poll += interval
        time.sleep(max(0.0, min(next_poll, next_save if typist else next_poll) - time.monotonic()))
    conn.close()
    save_conn.close()


def process_ticks(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (FileNotFoundError, IndexError):
            pass
    return total


def server_pids(master):
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def machine_busy():
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def bare_view(port, seconds, concurrency=8, path="/helse/", headers=None, ok=(200,)):
    """req/s of one GET (default the bare /helse/) from `concurrency` busy connections."""
    stop_at = time.monotonic() + seconds

    def worker(_):
        conn, done, failed = http.client.HTTPConnection("127.0.0.1", port, timeout=10), 0, 0
        while time.monotonic() < stop_at:
            status, _e, _d = request(conn, "GET", path, None, headers)
            done += 1
            failed += status not in ok
        return done, failed

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(worker, range(concurrency)))
    return sum(d for d, _ in results) / (time.perf_counter() - started), sum(f for _, f in results)


def _run_slice(port, tables, seconds, typists, slug, interval):
    """One load-generator process: the editors of some tables, one thread each. A whole table
    runs in one process, so a save and its appearances are timed by one clock and one dict."""
    stats = Stats()
    cpu_at = os.times()
    stop_at = time.monotonic() + seconds
    threads = []
    for table in tables:
        base = f"/a/{slug}/hjem/tiltak/{table['measure']}/"
        for me, editor in enumerate(table["editors"]):
            threads.append(
                threading.Thread(
                    target=editor_loop,
                    args=(port, base, table, editor, me, me < typists, stats, stop_at, interval),
                    daemon=True,
                )
            )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    delays = [d for ds in stats.seen.values() for d in ds]
    cpu_now = os.times()
    cpu = cpu_now.user + cpu_now.system - cpu_at.user - cpu_at.system
    timing = {**stats.took, "late": stats.late, "cpu": cpu}
    return len(stats.sent), delays, stats.requests, stats.errors, timing


def load_run(port, world, seconds, typists, slug, pids, interval, processes):
    """The editors of all tables, spread over `processes` generator processes: one Python
    process cannot drive 300 editors (the GIL), and on a busy machine it would measure itself."""
    slices = [world[i::processes] for i in range(processes)]
    ticks, (busy, total) = process_ticks(pids), machine_busy()
    started = time.monotonic()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        futures = [
            pool.submit(_run_slice, port, part, seconds, typists, slug, interval)
            for part in slices
            if part
        ]
        results = [f.result() for f in futures]
    elapsed = time.monotonic() - started
    cpu = (process_ticks(pids) - ticks) / CLK / elapsed / CORES
    busy2, total2 = machine_busy()
    machine = (busy2 - busy) / max(1, total2 - total)
    merged = Stats()
    merged.generator_cpu = 0.0
    for sent, delays, requests, errors, timing in results:
        merged.took["save"] += timing["save"]
        merged.took["poll"] += timing["poll"]
        merged.late += timing["late"]
        merged.generator_cpu += timing["cpu"] / elapsed / CORES
        merged.sent_count = getattr(merged, "sent_count", 0) + sent
        merged.delays = getattr(merged, "delays", []) + delays
        for kind, count in requests.items():
            merged.requests[kind] += count
        merged.errors += errors
    return merged, elapsed, cpu, machine


def report(stats, elapsed, cpu, machine, others):
    delays = sorted(stats.delays)
    saves = stats.sent_count
    expected = saves * others
    print(f"  saves sent {saves}, appearances {len(delays)} of {expected} expected")
    if delays:
        p50 = statistics.median(delays) * 1000
        p95 = statistics.quantiles(delays, n=20)[-1] * 1000
        print(f"  save → appearance in the other editors: p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
              f"max {delays[-1] * 1000:.0f} ms")  # fmt: skip
    rates = {k: v / elapsed for k, v in stats.requests.items()}
    total = sum(rates.values())
    kinds = ", ".join(f"{k} {v:.0f}" for k, v in rates.items())
    print(f"  req/s: {kinds}, total {total:.0f}")
    for kind, took in (*stats.took.items(), ("poll start, late by", stats.late)):
        if len(took) > 20:
            p50, p95 = statistics.median(took), statistics.quantiles(took, n=20)[-1]
            print(f"  {kind}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"  gunicorn CPU {cpu * 100:.0f} % of {CORES} cores; load generators "
          f"{stats.generator_cpu * 100:.0f} %; machine busy {machine * 100:.0f} %")  # fmt: skip
    print(f"  errors: {len(stats.errors)}" + (f" e.g. {stats.errors[:3]}" if stats.errors else ""))
    return delays


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--tables", type=int, default=50)
    parser.add_argument("--people", type=int, default=6)
    parser.add_argument("--typists", type=int, default=2)
    parser.add_argument("--processes", type=int, default=4, help="load-generator processes")
    parser.add_argument("--interval", type=float, default=1.0, help="poll interval, seconds")
    parser.add_argument("--pg", default=os.environ.get(
        "PG_URL", "postgres://tiltaksarena:tiltaksarena@127.0.0.1:5432"))  # fmt: skip
    parser.add_argument("--database", default="ta_cs_bench")
    parser.add_argument(
        "--transport",
        choices=["stream", "poll"],
        default="stream",
        help="the event stream (decision 64) or polling every --interval s",
    )
    parser.add_argument(
        "--server",
        choices=["split", "uvicorn", "sync"],
        default="split",
        help="split: compose.yaml's stack (nginx; sync workers for pages and saves, uvicorn "
        "ones for the streams, decision 67); uvicorn: one server of uvicorn workers; sync",
    )
    parser.add_argument("--stream-workers", type=int, default=1, help="with --server split")
    parser.add_argument(
        "--cache",
        choices=["redis", "database"],
        default="redis",
        help="the shared cache: Redis as in compose.yaml, or the PostgreSQL table fallback",
    )
    args = parser.parse_args()
    global STREAM
    STREAM = args.transport == "stream"
    if STREAM and args.server == "sync":
        parser.error("the stream needs --server uvicorn or split")
    redis = bench.start_redis() if args.cache == "redis" else None
    try:
        run(args)
    finally:
        if redis:
            redis.terminate()
            redis.wait()


def run(args):

    fresh_database(args.pg, args.database)
    env = {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "0",
        "DJANGO_BEHIND_PROXY": "1",  # production allows plain HTTP only behind a proxy
        "LOG_LEVEL": "ERROR",
        "DATABASE_URL": f"{args.pg}/{args.database}",
        **bench.CACHE_ENV,
    }
    full_env = {**os.environ, **env}
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=full_env, check=True)
    subprocess.run([*manage, "createcachetable"], cwd=ROOT, env=full_env, check=True)
    world = build_world(env, args.tables, args.people)
    from measures.models import Measure

    asgi = ["arena.asgi:application", "-k", "uvicorn_worker.UvicornWorker"]
    if args.server == "split":  # compose.yaml's stack: nginx, sync pages, uvicorn streams
        servers = [gunicorn(["arena.wsgi"], args.workers, full_env),
                   gunicorn(asgi, args.stream_workers, full_env)]  # fmt: skip
        front = Front(pages_port=servers[0][1], streams_port=servers[1][1],
                      workdir=ROOT / "var" / "bench" / "front")  # fmt: skip
        port = front.port
    else:
        servers = [gunicorn(asgi if args.server == "uvicorn" else ["arena.wsgi"], args.workers,
                            full_env)]  # fmt: skip
        front, port = None, servers[0][1]
    try:
        bare_view(port, 3)  # warm up every worker (imports, connections) before measuring
        pids = [pid for server, _port in servers for pid in server_pids(server.pid)]
        pids += front.pids() if front else []
        editors = args.tables * args.people
        print(
            f"{editors} editors on {args.tables} tables ({args.typists} typing per table), "
            f"polling every {args.interval} s; server {args.server}, "
            f"gunicorn --workers {args.workers} "
            f"(production settings) on PostgreSQL, cache: {args.cache}; "
            f"{CORES} cores, load average {os.getloadavg()[0]:.1f}"
        )
        all_delays = []
        for round_ in range(1, args.rounds + 1):
            rate, failed = bare_view(port, 8)
            print(f"round {round_}: bare /helse/ {rate:.0f} req/s ({failed} errors)")
            for table in world:  # each round starts where the last one ended
                table["rev"] = Measure.objects.get(pk=table["measure"]).version
            stats, elapsed, cpu, machine = load_run(
                port, world, args.seconds, args.typists, "bench", pids, args.interval,
                args.processes,
            )  # fmt: skip
            print(f"round {round_}: co-editing load, {elapsed:.0f} s")
            all_delays += report(stats, elapsed, cpu, machine, args.people - 1)
        rate, failed = bare_view(port, 8)
        print(f"after: bare /helse/ {rate:.0f} req/s ({failed} errors)")
        # The poll alone against the bare view, alternating, as the spike measured it.
        table = world[0]
        editor = table["editors"][-1]
        feed = f"/a/bench/hjem/tiltak/{table['measure']}/endringer/"
        since = Measure.objects.get(pk=table["measure"]).version
        changed = f"{feed}?{urlencode({'since': since - 5, 't': editor['token']})}"
        same = f"{feed}?{urlencode({'since': since, 't': editor['token']})}"
        for round_ in (1, 2):
            helse, _f = bare_view(port, 6)
            full, f1 = bare_view(port, 6, path=changed)
            # The ETag right before: the load run's presence expires 25 s after it ends, which
            # changes the ETag; with an old one every "unchanged" poll would be a 200.
            _s, etag, _d = request(http.client.HTTPConnection("127.0.0.1", port), "GET", same)
            unchanged, not_304 = bare_view(port, 6, path=same, headers={"If-None-Match": etag},
                                           ok=(304,))  # fmt: skip
            print(
                f"poll alone, round {round_}: /helse/ {helse:.0f} req/s, poll 200 {full:.0f} "
                f"({full / helse:.2f}×), poll 304 {unchanged:.0f} ({unchanged / helse:.2f}×, "
                f"{not_304} answers not 304: presence expiring), errors {f1}"
            )
        if all_delays:
            print(
                f"all rounds: p50 {statistics.median(all_delays) * 1000:.0f} ms, "
                f"p95 {statistics.quantiles(all_delays, n=20)[-1] * 1000:.0f} ms "
                f"over {len(all_delays)} appearances; load average {os.getloadavg()[0]:.1f}"
            )
    finally:
        if front:
            front.stop()
        for server, _port in servers:
            server.terminate()
            server.wait(timeout=10)


def gunicorn(app, workers, env):
    """(process, port) of a gunicorn on a free port of 127.0.0.1, once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", *app, "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, port


if __name__ == "__main__":
    main()
