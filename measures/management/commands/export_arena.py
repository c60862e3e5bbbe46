from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arena.models import Arena
from measures.exports import FORMATS, render_export
from measures.privacy import export_log_add


class Command(BaseCommand):
    help = "Export one arena as CSV, XLSX, DOCX, PDF or JSON (the same files as the summary page)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The arena's slug (kortadresse).")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, slug, fmt, output, **options):
        try:
            arena = Arena.objects.get(slug=slug)
        except Arena.DoesNotExist as error:
            raise CommandError(f"Ingen arena med kortadressen «{slug}».") from error
        content = render_export(arena, fmt)
        export_log_add(arena=arena, what=fmt)  # by "kommandolinjen"
        Path(output).write_bytes(content)
        self.stdout.write(f"Skrev {output} ({len(content)} byte).")
