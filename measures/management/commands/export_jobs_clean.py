from django.core.management.base import BaseCommand

from measures.exports.jobs import export_jobs_delete_old


class Command(BaseCommand):
    help = (
        "Delete the background export jobs and their files older than EXPORT_JOB_KEEP_HOURS "
        "(24 h): a report holds personal data and is not kept once downloaded. Run it hourly "
        "(cron)."
    )

    def handle(self, *args, **options):
        count = export_jobs_delete_old()
        self.stdout.write(f"{count} eksportjobber slettet")
