"""Text stored before `arena.text.clean_text` covered noncharacters (U+FFFE, U+FFFF, …) could
still break an export (decision 34): clean what is there once. Written as plain updates
(no save(), so no `updated_at` or history rows change)."""

from django.db import migrations, models

from arena.text import clean_text

MODELS = [
    ("arena", "Arena"),
    ("arena", "Plan"),
    ("arena", "PlanGoal"),
    ("arena", "ProgramSession"),
    ("arena", "ProblemArea"),
    ("arena", "TargetGroup"),
    ("arena", "Group"),
    ("participants", "Organisation"),
    ("participants", "Participant"),
    ("measures", "Measure"),
    ("measures", "MeasureActor"),
    ("measures", "Indicator"),
    ("measures", "Funding"),
    ("measures", "Comment"),
    ("measures", "Commitment"),
    ("measures", "FollowUpUpdate"),
]


def clean_stored_text(apps, schema_editor):
    for app_label, name in MODELS:
        model = apps.get_model(app_label, name)
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        rows = model.objects.only("pk", *fields).order_by("pk")
        for row in rows.iterator(chunk_size=2000):
            changed = {}
            for field in fields:
                value = getattr(row, field)
                if value and clean_text(value) != value:
                    changed[field] = clean_text(value)
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("arena", "0003_arena_followup_months"),
        ("participants", "0002_participant_anonymised_at"),
        ("measures", "0004_export_log"),
    ]

    operations = [migrations.RunPython(clean_stored_text, migrations.RunPython.noop)]
