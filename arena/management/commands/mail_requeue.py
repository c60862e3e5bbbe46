from django.core.management.base import BaseCommand

from arena.mail import mails_requeue_stale


class Command(BaseCommand):
    help = (
        "Queue a new try of every e-mail whose worker was killed while sending it "
        "(run it from cron, e.g. every 10 minutes, beside `db_worker`)."
    )

    def handle(self, **options):
        count = mails_requeue_stale()
        self.stdout.write(f"La {count} e-poster i køen på nytt.")
