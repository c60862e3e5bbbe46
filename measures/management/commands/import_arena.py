from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from measures.exports.json_import import arena_import, load


class Command(BaseCommand):
    help = "Restore an arena from a JSON export (see docs/json-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by export_arena --format json.")

    def handle(self, file, **options):
        # Every refusal is one line per problem, never a traceback: the file is checked
        # against the format first, and nothing is written unless all of it can be.
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Kunne ikke lese {file}: {error.strerror}") from None
        warnings = []
        try:
            arena = arena_import(data=load(raw), warnings=warnings)
        except ValidationError as error:
            lines = "\n".join(f"  {m}" for m in error.messages)
            raise CommandError(f"Kunne ikke importere {file}:\n{lines}") from None
        except DatabaseError as error:  # a rule of the database the check did not foresee
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
            raise CommandError(
                f"Kunne ikke importere {file}: databasen avviste det ({first})."
            ) from None
        for warning in warnings:
            self.stderr.write(warning)
        self.stdout.write(f"Importerte «{arena.title}» ({arena.slug}).")
