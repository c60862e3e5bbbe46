from django.core.management.base import BaseCommand

from measures.privacy import arenas_expired, purge_expired


class Command(BaseCommand):
    help = (
        "Anonymise the participants of every arena whose retention period (retention_months "
        "after its last day) has ended: names, e-mails and personal links, also in the edit "
        "history; the measures' contact people too. The measures stay. Also deletes the export "
        "log's entries older than EXPORT_LOG_MONTHS (24), the outbox's sent or given-up mail older "
        "than OUTBOX_KEEP_DAYS (30), expired sessions (as clearsessions) and the staff forms' "
        "handled ops older than a day. Run it daily (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the arenas that would be purged."
        )

    def handle(self, *args, dry_run=False, **options):
        from django.utils import timezone

        if dry_run:
            for arena in arenas_expired(today=timezone.localdate()):
                self.stdout.write(f"{arena.slug}: lagringstiden endte {arena.retention_ends_on}")
            return
        for arena, count in purge_expired():
            self.stdout.write(f"{arena.slug}: {count} deltakere anonymisert")
