"""Time and peak memory of the summary data and each export format, per arena size.

Not a test: a measurement to run by hand. For each size it builds an arena in a throwaway
SQLite database (nothing touches var/ or PostgreSQL), then builds the summary data alone and
renders each format once, each in a forked child (so that its peak memory is its own), and
prints a table.

    .venv/bin/python benchmarks/export_benchmark.py [--measures 10 1000 10000]
    .venv/bin/python benchmarks/export_benchmark.py --full --measures 149

`--full` fills every measure to the limits a participant can reach: each answer at its
4,000 characters and 30 rows in each row set (issue 10: no participant can break an export).
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database):
    os.environ.setdefault("DJANGO_ENV", "test")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


FULL = False  # --full: every answer and row set at its limit


def build_arena(count):
    """An arena shaped like a real one: 6 problem areas, 4 target groups, 40 actors,
    300 participants; each measure with 3 actors, 2 indicators, 2 funding rows, votes,
    a commitment and a comment."""
    import datetime

    from django.db import transaction

    from arena.models import Arena, Group, ProblemArea, TargetGroup
    from measures.models import (
        Comment,
        Commitment,
        Funding,
        Indicator,
        Measure,
        MeasureActor,
        Vote,
    )
    from participants.models import Organisation, Participant

    text = (
        "Mange lærlingplasser i industrien står tomme, mens elever på yrkesfag ikke får "
        "læreplass. Vi vil lage en felles formidlingsordning mellom skolene og bedriftene."
    )
    from measures.models.measure import ANSWER_MAX_LENGTH
    from measures.models.rows import MAX_ROWS

    rows = (MAX_ROWS, MAX_ROWS, MAX_ROWS) if FULL else (3, 2, 2)  # actors, indicators, funding
    long = ((text + " ") * 40)[:ANSWER_MAX_LENGTH] if FULL else text
    with transaction.atomic():
        arena = Arena.objects.create(
            title="Benchmark-arena",
            slug="benchmark",
            join_code="BENCH001",
            start_date=datetime.date(2026, 3, 10),
            end_date=datetime.date(2026, 3, 11),
            status=Arena.Status.CLOSED,
        )
        areas = [
            ProblemArea.objects.create(arena=arena, title=f"Problemstilling {n}", order=n)
            for n in range(6)
        ]
        targets = [
            TargetGroup.objects.create(arena=arena, name=f"Målgruppe {n}", order=n)
            for n in range(4)
        ]
        groups = [Group.objects.create(arena=arena, name=f"Bord {n}", order=n) for n in range(6)]
        kinds = Organisation.Kind.values
        # get_or_create: organisations outlive the arena between sizes.
        orgs = [
            Organisation.objects.get_or_create(name=f"Aktør {n}", kind=kinds[n % len(kinds)])[0]
            for n in range(40)
        ]
        people = Participant.objects.bulk_create(
            Participant(
                arena=arena,
                display_name=f"Deltaker {n}",
                organisation=orgs[n % 40],
                group=groups[n % 6],
                resume_token=f"benchmark-token-{n}",
            )
            for n in range(300)
        )
        directions = Measure.Direction.values
        horizons = Measure.Horizon.values
        measures = Measure.objects.bulk_create(
            Measure(
                arena=arena,
                group=groups[n % 6],
                title=f"Tiltak nummer {n}",
                direction=directions[n % 3],
                status=Measure.Status.SUBMITTED,
                description=long,
                way_of_working=long,
                arenas_to_develop=long if FULL else "Månedlig formidlingsmøte\nRegionalt råd",
                arenas_to_discontinue=long if FULL else "",
                goal=long,
                horizon=horizons[n % 3],
                start_year=2026 + n % 3,
                end_year=2028 + n % 4,
            )
            for n in range(count)
        )
        roles = MeasureActor.Role.values
        MeasureActor.objects.bulk_create(
            MeasureActor(
                measure=m,
                organisation=orgs[(n + k) % 40],
                role_kind=roles[min(k, len(roles) - 1)],
                role_text=((text + " ") * 3)[:300] if FULL else text[:80],
            )
            for n, m in enumerate(measures)
            for k in range(rows[0])
        )
        Indicator.objects.bulk_create(
            Indicator(measure=m, indicator="Andel som får læreplass", target=f"{k * 10} %")
            for m in measures
            for k in range(rows[1])
        )
        Funding.objects.bulk_create(
            Funding(
                measure=m,
                organisation=orgs[n % 40] if k == 0 else None,
                source="" if k == 0 else "Erasmus+",
                kind=Funding.Kind.values[min(k, 1)],
                status=Funding.Status.values[(n + k) % 3],
                amount=100000 * (k + 1),
            )
            for n, m in enumerate(measures)
            for k in range(rows[2])
        )
        Vote.objects.bulk_create(
            Vote(measure=m, participant=people[(n * 7 + k) % 300], dots=1 + k)
            for n, m in enumerate(measures)
            for k in range(2)
        )
        Commitment.objects.bulk_create(
            Commitment(measure=m, organisation=orgs[(n + 5) % 40], text="Vi bidrar med folk")
            for n, m in enumerate(measures)
        )
        Comment.objects.bulk_create(
            Comment(measure=m, participant=people[n % 300], author_name="Deltaker", text=text)
            for n, m in enumerate(measures)
        )
        for m in measures:
            m.problem_areas.add(areas[m.pk % 6])
            m.target_groups.add(targets[m.pk % 4])
    return arena


def _status_kib(field):
    """VmRSS (now) or VmHWM (peak) of this process, from /proc, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure_one(arena, key, pipe):
    """Runs in a forked child, so that its peak memory is this format's alone."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from measures.exports import render_export
    from measures.summaries import arena_summary

    before = _status_kib("VmRSS")
    started, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        if key == "summary":
            content = repr(arena_summary(arena).key_figures).encode()
        else:
            content = render_export(arena, key)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # The PDF is compiled in a child process (measures/typst_process.py): count its CPU time,
    # and take its peak memory if it was higher than this process's own.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime
    peak = max(_status_kib("VmHWM"), children.ru_maxrss)
    os.write(pipe, f"{seconds} {cpu} {before} {peak} {len(content)} {len(queries)}".encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, nargs="+", default=[10, 1000])
    parser.add_argument(
        "--formats", nargs="+", default=["summary", "csv", "xlsx", "json", "docx", "pdf"]
    )
    parser.add_argument("--full", action="store_true", help="every answer and row at its limit")
    args = parser.parse_args()
    global FULL
    FULL = args.full
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "benchmark.sqlite3")
        for count in args.measures:
            run_size(count, args.formats)


def run_size(count, formats):
    from arena.models import Arena

    Arena.objects.filter(slug="benchmark").delete()
    started = time.perf_counter()
    arena = build_arena(count)
    print(f"\nBuilt an arena of {count} measures in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    # Import every exporter (Typst, python-docx, openpyxl, pygal) before timing.
    from measures.exports import (  # noqa: F401
        csv_export,
        docx_export,
        json_export,
        pdf_export,
        xlsx_export,
    )

    connection.close()  # each child opens its own
    print(
        f"{'format':<8} {'seconds':>8} {'CPU s':>6} {'RSS before MiB':>15} {'peak MiB':>9} "
        f"{'growth MiB':>11} {'size KiB':>9} {'queries':>8}"
    )
    for key in formats:
        read, write = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(read)
            try:
                measure_one(arena, key, write)
            finally:
                os._exit(0)
        os.close(write)
        os.waitpid(child, 0)
        seconds, cpu, before, peak, size, queries = os.read(read, 200).decode().split()
        os.close(read)
        before, peak = int(before) / 1024, int(peak) / 1024
        print(
            f"{key:<8} {float(seconds):>8.2f} {float(cpu):>6.2f} {before:>15.0f} {peak:>9.0f} "
            f"{peak - before:>11.0f} {int(size) / 1024:>9.0f} {queries:>8}"
        )


if __name__ == "__main__":
    main()
