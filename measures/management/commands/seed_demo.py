from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from measures.demo import demo_arena_seed


class Command(BaseCommand):
    help = "Builds the demo arena of Buskerud's invitation. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even in production (the demo accounts have known passwords).",
        )
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Where the server will listen, for the addresses printed (`make run` passes "
            "its HOST and PORT).",
        )

    def handle(self, *args, allow_production=False, site_url="http://127.0.0.1:8000", **options):
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "The demo has accounts with known passwords; refusing in production "
                "(DJANGO_ENV=production). Use --allow-production if you really mean it."
            )
        arena, logins = demo_arena_seed()
        site = site_url.rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"Demo arena ready: {arena.title}"))
        self.stdout.write("")
        self.stdout.write(f"  Staff log in at {site}/konto/login/")
        for username, password, role in logins:
            if role == "admin":
                continue
            self.stdout.write(f"    {role:<13} username: {username:<14} password: {password}")
        for username, password, role in logins:
            if role == "admin":
                self.stdout.write(
                    f"  The Django admin (county IT) is at {site}/admin/ "
                    f"— username: {username}  password: {password}"
                )
        self.stdout.write("")
        self.stdout.write(
            f"  Participants join at {site}/bli-med/ with the code {arena.join_code_display}"
        )
        self.stdout.write(f"  or straight away: {site}/bli-med/{arena.join_code}/")
        self.stdout.write("")
