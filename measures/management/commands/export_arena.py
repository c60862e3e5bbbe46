from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from arena.models import Arena
from measures.exports import FORMATS, render_export
from measures.exports.options import DRAFT_CHOICES, LAYOUT_CHOICES, SCOPES, ExportOptions
from measures.privacy import export_log_add


class Command(BaseCommand):
    help = (
        "Export one arena as CSV, XLSX, DOCX, PDF or JSON (the same files as the summary page, "
        "with the same choices)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The arena's slug (kortadresse).")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--statuses",
            choices=sorted(SCOPES),
            default="submitted",
            help="Which measures: submitted and later (default), agreed (prioritised and "
            "agreed only), or all (drafts too).",
        )
        parser.add_argument(
            "--drafts",
            choices=[key for key, _label in DRAFT_CHOICES],
            default="omit",
            help="Drafts left out (default) or printed as an appendix.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The report's language; default: the arena's default language.",
        )
        parser.add_argument(
            "--layout",
            choices=[key for key, _label in LAYOUT_CHOICES],
            default="flow",
            help="flow (default) or page: one measure per page.",
        )
        parser.add_argument("--decision", default="", help="The proposed decision text.")

    def handle(self, slug, fmt, output, **options):
        try:
            arena = Arena.objects.get(slug=slug)
        except Arena.DoesNotExist as error:
            raise CommandError(f"Ingen arena med kortadressen «{slug}».") from error
        choices = ExportOptions(
            scope=options["statuses"],
            drafts=options["drafts"],
            language=options["language"] or arena.default_language,
            layout=options["layout"],
            decision=options["decision"],
        )
        content = render_export(arena, fmt, choices)
        export_log_add(arena=arena, what=fmt)  # by "kommandolinjen"
        Path(output).write_bytes(content)
        self.stdout.write(f"Skrev {output} ({len(content)} byte).")
