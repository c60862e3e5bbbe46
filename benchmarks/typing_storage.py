"""How much the edit history stores for one participant typing non-stop for an hour (issue 10).

Builds a throwaway PostgreSQL database (migrate), one open arena, one table, one measure and
one participant, then replays an hour of typing through the editor's real service
(`measures.editor.field_save`, as the autosave view calls it): one save per second (the
browser saves after a 700 ms pause, so a pause between words is enough), five characters more
each time, and on to the next answer when one is full (`ANSWER_MAX_LENGTH`), round the five
text answers. The clock is the replay's own (Django's `timezone.now` is moved one second per
save), so an hour takes a minute or two, not an hour.

Reported: rows and bytes added to the history tables (the editor's `MeasureChange` rows and
django-simple-history's copies of the measure and its many-to-many fields), as the sum of the
rows' sizes (`pg_column_size`) and as the tables' size on disk (`pg_total_relation_size`,
indexes and TOAST included; once as the run leaves them, once after VACUUM FULL, since an
updated row leaves its old version until vacuum), and what the measure itself holds at the end.

    .venv/bin/python benchmarks/typing_storage.py [--seconds 3600]
    (PG_URL=postgres://tiltaksarena:tiltaksarena@127.0.0.1:5432 is the default server)
"""

import argparse
import datetime
import os
import random
import sys
import uuid
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
TABLES = (
    "measures_measurechange",
    "measures_historicalmeasure",
    "measures_historicalmeasure_problem_areas",
    "measures_historicalmeasure_target_groups",
)
FIELDS = ("description", "way_of_working", "arenas_to_develop", "arenas_to_discontinue", "goal")


def fresh_database(pg_url, name):
    import psycopg2

    conn = psycopg2.connect(f"{pg_url}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def sizes():
    from django.db import connection

    result = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                f"SELECT count(*), coalesce(sum(pg_column_size(t.*)), 0),"  # noqa: S608 - ours
                f" pg_total_relation_size('{table}') FROM {table} t"
            )
            result[table] = cursor.fetchone()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3600)
    parser.add_argument("--chars-per-save", type=int, default=5)
    args = parser.parse_args()
    pg_url = os.environ.get("PG_URL", "postgres://tiltaksarena:tiltaksarena@127.0.0.1:5432")
    name = "ta_typing_storage"
    fresh_database(pg_url, name)
    os.environ.update(
        DJANGO_ENV="test", DATABASE_URL=f"{pg_url}/{name}", DJANGO_SETTINGS_MODULE="arena.settings"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from measures import editor
    from measures.models import Measure
    from measures.models.measure import ANSWER_MAX_LENGTH
    from tests import factories

    arena = factories.ArenaFactory(slug="typing", editing_open=True)
    group = factories.GroupFactory(arena=arena, name="Bord 1")
    person = factories.ParticipantFactory(arena=arena, group=group, display_name="Kari")
    measure = factories.MeasureFactory(arena=arena, group=group, title="Tiltak")
    before = sizes()
    clock = [timezone.now()]
    # Pseudo-words of random letters: they compress about as badly as a person's prose, where
    # repeating one sentence would let PostgreSQL's TOAST compression hide the growth.
    rng = random.Random(10)
    words = [
        "".join(rng.choices("abcdefghijklmnoprstuvyæøå", k=rng.randint(2, 9))) for _ in range(999)
    ]
    saved = 0
    with mock.patch("django.utils.timezone.now", side_effect=lambda: clock[0]):
        field, typed = 0, ""
        for second in range(args.seconds):
            clock[0] += datetime.timedelta(seconds=1)
            name_ = FIELDS[field % len(FIELDS)]
            base = typed
            add = (rng.choice(words) + " ")[: args.chars_per_save]
            if len(typed) + len(add) > ANSWER_MAX_LENGTH:
                field, typed, base = field + 1, "", ""
                name_ = FIELDS[field % len(FIELDS)]
                if field % len(FIELDS) == 0:  # every answer full: start them over
                    Measure.objects.filter(pk=measure.pk).update(**dict.fromkeys(FIELDS, ""))
            typed += add
            result = editor.field_save(
                measure=measure, name=name_, base=base, value=typed, op=uuid.uuid4(), editor=person
            )
            saved += result.written
            if result.status != editor.SAVED:
                raise SystemExit(f"save {second} was {result.status}: {result.message}")
    after = sizes()
    rows = sum(after[t][0] - before[t][0] for t in TABLES)
    row_bytes = sum(after[t][1] - before[t][1] for t in TABLES)
    disk = sum(after[t][2] - before[t][2] for t in TABLES)
    print(f"{args.seconds} s of typing, {saved} saves written, {args.chars_per_save} chars each")
    for table in TABLES:
        count, data, size = (after[table][i] - before[table][i] for i in range(3))
        print(f"  {table:45} {count:7} rows {data / 1e6:9.3f} MB in rows {size / 1e6:9.3f} MB disk")
    scale = 3600 / args.seconds
    print(f"history per hour: {rows * scale:.0f} rows, {row_bytes * scale / 1e6:.3f} MB in rows, ")
    print(f"                  {disk * scale / 1e6:.3f} MB on disk")
    # An update leaves the row's old version behind until (auto)vacuum frees it for reuse:
    # what the tables hold once that has happened, the steady state of a long workshop.
    from django.db import connection

    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM FULL {table}")
    vacuumed = sizes()
    disk = sum(vacuumed[t][2] - before[t][2] for t in TABLES)
    print(f"after VACUUM FULL: {disk * scale / 1e6:.3f} MB on disk")
    measure.refresh_from_db()
    print(f"the measure's answers hold {sum(len(getattr(measure, f)) for f in FIELDS)} characters")


if __name__ == "__main__":
    main()
