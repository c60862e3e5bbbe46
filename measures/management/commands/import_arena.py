from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from measures.exports.json_import import arena_import, load


class Command(BaseCommand):
    help = "Restore an arena from a JSON export (see docs/json-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by export_arena --format json.")

    def handle(self, file, **options):
        try:
            arena = arena_import(data=load(Path(file).read_bytes()))
        except ValidationError as error:
            raise CommandError(
                f"Kunne ikke importere {file}: {' '.join(error.messages)}"
            ) from error
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Kunne ikke importere {file}: {error!r}") from error
        self.stdout.write(f"Importerte «{arena.title}» ({arena.slug}).")
