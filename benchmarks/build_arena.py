"""Build the benchmark's realistic arena in the database named by DATABASE_URL.

The demo arena plus `--measures` generated measures with rows (actors, indicators, fundings,
problem areas, target groups, long answers), `--tables` tables in all and `--participants`
participants spread over them, a few comments per measure. Prints a JSON description
(ids, resume tokens, logins) on stdout for the runner and the locust scenario.

    DJANGO_ENV=development DATABASE_URL=postgres://… .venv/bin/python benchmarks/build_arena.py \
        --measures 60 --tables 50 --participants 300
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_ENV", "development")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from arena.models import Group  # noqa: E402
from measures.demo import demo_arena_seed  # noqa: E402
from measures.models import (  # noqa: E402
    Comment,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
)
from participants.models import Organisation, Participant  # noqa: E402

WORDS = (  # noqa: SIM905 (a sentence reads better than a list of 25 strings)
    "lærlingplasser industrien formidling samarbeid skolene bedriftene ungdom arbeidsliv "
    "kompetanse veiledning kommunene fylket tiltak mentor praksis utenforskap fagbrev "
    "rekruttering inkludering språk opplæring oppfølging nettverk tilrettelegging karriere"
).split()


def text(rng, sentences):
    parts = []
    for _ in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(8, 18))
        parts.append(" ".join(words).capitalize() + ".")
    return " ".join(parts)


@transaction.atomic
def build(measures, tables, participants, seed):
    rng = random.Random(seed)
    arena, _logins = demo_arena_seed()
    arena.groups_assigned = False  # participants choose their table when they join
    arena.save(update_fields=["groups_assigned"])
    groups = list(arena.groups.order_by("order", "pk"))
    for number in range(len(groups), tables):
        groups.append(Group.objects.create(arena=arena, name=f"Bord {number + 1}", order=number))
    areas = list(arena.problem_areas.all())
    targets = list(arena.target_groups.all())
    organisations = list(Organisation.objects.all())
    for group in groups:
        group.problem_areas.add(rng.choice(areas))

    people = list(Participant.objects.filter(arena=arena))
    for number in range(participants):
        people.append(
            Participant.objects.create(
                arena=arena,
                display_name=f"Deltaker {number + 1}",
                organisation=organisations[number % len(organisations)],
                group=groups[number % len(groups)],
            )
        )

    # Every table gets a measure of its own first, then the rest go round at random.
    tables_for_measures = groups[6:] + [rng.choice(groups) for _ in range(measures)]
    for number in range(measures):
        group = tables_for_measures[number]
        members = [p for p in people if p.group_id == group.pk] or people
        author = rng.choice(members)
        measure = Measure.objects.create(
            arena=arena,
            group=group,
            title=f"Tiltak {number + 1}: " + " ".join(rng.choices(WORDS, k=4)),
            direction=rng.choice(Measure.Direction.values),
            description=text(rng, 6),
            way_of_working=text(rng, 5),
            arenas_to_develop=text(rng, 2),
            arenas_to_discontinue=text(rng, 1) if number % 3 else "",
            goal=text(rng, 3),
            horizon=rng.choice(Measure.Horizon.values),
            start_year=2027,
            start_term=Measure.Term.values[0],
            end_year=2029,
            end_term=Measure.Term.values[-1],
            contact_name=author.display_name,
            contact_email=f"kontakt{number}@example.org",
            last_edited_by=author,
        )
        measure.problem_areas.set(rng.sample(areas, k=min(2, len(areas))))
        measure.target_groups.set(rng.sample(targets, k=min(2, len(targets))))
        measure.authors.add(author)
        for order, organisation in enumerate(rng.sample(organisations, k=3)):
            MeasureActor.objects.create(
                measure=measure,
                organisation=organisation,
                role_kind=MeasureActor.Role.values[min(order, len(MeasureActor.Role.values) - 1)],
                role_text=text(rng, 1),
                order=order,
            )
        for order in range(2):
            Indicator.objects.create(
                measure=measure,
                indicator=text(rng, 1)[:290],
                target=f"{10 * (order + 1)} %",
                order=order,
            )
        Funding.objects.create(
            measure=measure,
            organisation=rng.choice(organisations),
            kind=Funding.Kind.values[0],
            status=Funding.Status.values[0],
            amount=rng.randint(1, 50) * 10000,
            order=0,
        )
        for _ in range(3):
            commenter = rng.choice(people)
            Comment.objects.create(
                measure=measure,
                participant=commenter,
                author_name=commenter.display_name,
                text=text(rng, 2),
            )
    return arena, groups


def describe(arena, groups):
    measures_by_table = {}
    for pk, group_id in (
        Measure.objects.filter(arena=arena).order_by("pk").values_list("pk", "group_id")
    ):
        measures_by_table.setdefault(group_id, []).append(pk)
    people = Participant.objects.filter(arena=arena).order_by("pk")
    return {
        "slug": arena.slug,
        "join_code": arena.join_code,
        "tables": [g.pk for g in groups],
        "measures_by_table": {str(k): v for k, v in measures_by_table.items()},
        "measures": Measure.objects.filter(arena=arena).count(),
        "participants": [
            {"pk": p.pk, "group": p.group_id, "token": p.resume_token} for p in people
        ],
        "organisations": list(Organisation.objects.values_list("pk", flat=True)),
        "staff": {"fasilitator": "demo-fasilitator", "prosjektleder": "demo-prosjektleder"},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--tables", type=int, default=50)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--describe-only", action="store_true")
    args = parser.parse_args()
    if args.describe_only:
        from arena.models import Arena

        arena = Arena.objects.get(slug="buskerud-yrkesdeltagelse")
        groups = list(arena.groups.order_by("order", "pk"))
    else:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable")  # the shared cache on PostgreSQL
        arena, groups = build(args.measures, args.tables, args.participants, args.seed)
    json.dump(describe(arena, groups), sys.stdout)


if __name__ == "__main__":
    main()
