"""Profile the hot pages with pyinstrument, in-process, on the benchmark's realistic arena.

Runs each page through Django's full stack (middleware, templates, PostgreSQL) with the
production settings, a few times to warm up and then `--requests` times under pyinstrument,
and writes per page: the mean time and queries per request, the functions with the largest
inclusive time (our code and the library calls it makes; recursion counted once), and the full
call tree to var/bench/profile-<page>.txt/.html.

    .venv/bin/python benchmarks/profile_pages.py [--requests 20] [--build] [--cache redis]

With `--cache redis` a throwaway redis-server is the shared cache (the production stack's, as
in `make bench`); without it the PostgreSQL cache table. Beside the wall-clock time per request
it prints this process's CPU time per request (both without the profiler), which a busy
machine disturbs less.

It uses the page table's database (`<BENCH_DATABASE_URL>_pages`, built by benchmarks/bench.py,
or with --build).
"""

import argparse
import os
import re
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench  # noqa: E402

DB = bench.database_url("pages")


def setup(build):
    if build:
        bench.build_arena(DB, participants=300)
        bench.collectstatic(DB)
    env = bench.production_env(DB)
    os.environ.update({k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"})
    os.environ["DJANGO_SETTINGS_MODULE"] = "arena.settings"
    import django

    django.setup()


def own_functions(session, total_ms, requests, limit):
    """Inclusive time per function of the project's code and the first library call from it."""
    times = {}

    def walk(frame, stack):
        path = frame.file_path or ""
        key = None
        ours = any(f"/{pkg}/" in path for pkg in ("arena", "measures", "participants"))
        if (ours and "/.venv/" not in path) or frame.function in INTERESTING:
            key = f"{frame.function} ({_short(path)}:{frame.line_no})"
        if frame.function in WRAPPERS:
            key = None
        if key and key not in stack:
            times[key] = times.get(key, 0.0) + frame.time
            stack = stack | {key}
        for child in frame.children:
            walk(child, stack)

    walk(session.root_frame(), frozenset())
    rows = sorted(times.items(), key=lambda kv: -kv[1])[:limit]
    return [(name, 1000 * t / requests, 100 * 1000 * t / total_ms) for name, t in rows]


# The middleware and handler chain around every view: 95–100 % each, saying nothing.
WRAPPERS = {"__call__", "get_response", "_get_response", "inner", "_view_wrapper", "wrapper_view"}

# Library functions worth naming even though they are not ours.
INTERESTING = {
    "render_to_string", "render", "execute", "_execute", "gettext", "do_translate",
    "save", "full_clean", "is_valid", "_fetch_all", "process_request", "process_response",
    "render_annotated", "get_response", "as_crispy_field", "compile_nodelist",
}  # fmt: skip


def _short(path):
    for marker in ("/site-packages/", str(ROOT) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def pages():
    """(name, method, path, data, client) for each profiled request; built lazily."""
    from django.db import connection
    from django.test import Client

    from arena.models import Arena
    from measures.models import Measure
    from participants.models import Participant

    arena = Arena.objects.get(slug=bench.SLUG)
    participant = Participant.objects.filter(arena=arena, display_name__startswith="Deltaker")
    participant = participant.order_by("-pk").first()
    measure = Measure.objects.filter(group=participant.group_id).order_by("pk").first()
    person = Client(SERVER_NAME="127.0.0.1")
    person.get(f"/fortsett/{participant.resume_token}/")
    staff = Client(SERVER_NAME="127.0.0.1")
    assert staff.login(username="fasilitator", password="demo-fasilitator")
    board, wall = f"{bench.A}/fasilitering/tavle/", f"{bench.A}/vegg/innhold/"
    editor = f"{bench.A}/hjem/tiltak/{measure.pk}/rediger/1/"
    base = re.search(
        r'name="base-description" id="base-description" value="([^"]*)"',
        person.get(editor).content.decode(),
    )
    import html

    counter = iter(range(10**6))
    save = f"{bench.A}/hjem/tiltak/{measure.pk}/felt/description/"
    shown = html.unescape(base.group(1)) if base else ""
    first = {"base": shown, "value": "Profil 0", "op": str(uuid.uuid4())}
    assert person.post(save, first).json()["status"] == "saved"
    typed = ["Profil 0"]

    def autosave():
        """A typist's next save: on what the last one saved, so every save writes (a save
        whose text is already there answers without writing, which is not what to profile)."""
        value = f"Profil {next(counter) + 1}"
        data = {"base": typed[0], "value": value, "op": str(uuid.uuid4())}
        typed[0] = value
        return person.post(save, data)

    def etag(path):
        return staff.get(path).headers["ETag"]

    return {
        "arena home (participant)": lambda: person.get(f"{bench.A}/hjem/"),
        "facilitation board (poll, 200)": lambda: staff.get(board),
        "facilitation page": lambda: staff.get(f"{bench.A}/fasilitering/"),
        "board poll 304": (lambda e: lambda: staff.get(board, HTTP_IF_NONE_MATCH=e))(etag(board)),
        "wall fragment 304": (lambda e: lambda: staff.get(wall, HTTP_IF_NONE_MATCH=e))(etag(wall)),
        "autosave POST": autosave,
    }, connection


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--build", action="store_true", help="build the arena first")
    parser.add_argument("--only", help="profile only pages whose name contains this")
    parser.add_argument("--cache", choices=["database", "redis"], default="database")
    args = parser.parse_args()
    redis = bench.start_redis() if args.cache == "redis" else None
    try:
        profile(args)
    finally:
        if redis:
            redis.terminate()
            redis.wait()


def profile(args):
    setup(args.build)
    from pyinstrument import Profiler

    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    targets, connection = pages()
    counted = []

    def count(execute, sql, params, many, context):
        counted.append(sql)
        return execute(sql, params, many, context)

    for name, request in targets.items():
        if args.only and args.only not in name:
            continue
        for _ in range(3):
            request()
        counted.clear()
        with connection.execute_wrapper(count):
            response = request()
        queries = list(counted)
        status, size = response.status_code, len(response.content)
        # Without the profiler first (its sampling costs a lot on a sub-millisecond request).
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            request()
        bare_ms = 1000 * (time.perf_counter() - started) / args.requests
        cpu_ms = 1000 * (time.process_time() - cpu) / args.requests
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        profiler.start()
        for _ in range(args.requests):
            request()
        profiler.stop()
        total_ms = 1000 * (time.perf_counter() - started)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        (out / f"profile-{slug}.txt").write_text(profiler.output_text(unicode=True))
        (out / f"profile-{slug}.html").write_text(profiler.output_html())
        (out / f"profile-{slug}-all.txt").write_text(
            profiler.output_text(unicode=True, show_all=True)
        )
        flat = profiler.output_text(unicode=True, flat=True, flat_time="self")
        (out / f"profile-{slug}-self.txt").write_text(flat)
        print(
            f"\n## {name}: {bare_ms:.2f} ms per request ({cpu_ms:.2f} ms CPU; "
            f"{total_ms / args.requests:.1f} ms under the profiler), {len(queries)} queries, "
            f"status {status}, {size / 1024:.0f} KB"
        )
        session = profiler.last_session
        print(f"{'function (inclusive, per request)':<78} {'ms':>7} {'share':>6}")
        for function, ms, share in own_functions(session, total_ms, args.requests, args.top):
            print(f"{function[:78]:<78} {ms:7.2f} {share:5.0f}%")


if __name__ == "__main__":
    main()
