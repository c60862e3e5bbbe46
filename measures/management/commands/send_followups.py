import os

from django.core.management.base import BaseCommand, CommandError

from arena.models import Arena
from measures.followup import followups_send


class Command(BaseCommand):
    help = "E-mail every agreed measure's contact person their personal follow-up link."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The arena's slug (kortadresse).")
        parser.add_argument(
            "--base-url",
            default=os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
            help="Where the app is reached, for the links (default: $SITE_URL).",
        )

    def handle(self, slug, base_url, **options):
        try:
            arena = Arena.objects.get(slug=slug)
        except Arena.DoesNotExist as error:
            raise CommandError(f"Ingen arena med kortadressen «{slug}».") from error
        queued, already, skipped = followups_send(arena=arena, base_url=base_url)
        # The worker (`manage.py db_worker`) sends them; a link queued before is not resent.
        self.stdout.write(f"La {queued} oppfølgingslenker i køen ({already} var sendt fra før).")
        for title in skipped:
            self.stdout.write(f"Mangler e-post til kontaktpersonen: {title}")
