"""An export too big to build in the request (decision 47): the job that builds it in the
queue's worker, and the file it made, kept for a day."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """One DOCX/PDF (or other) export of a big arena, built by `measures.exports.jobs`.

    The file is stored in the row, not on disk: the worker and the web process may run in
    different containers with no shared volume, and a day's exports of an installation are a
    few megabytes. Views load it only for the download (`defer("content")` elsewhere)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Lages nå")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Mislyktes")

    arena = models.ForeignKey(
        "arena.Arena", on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("arena")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestilt av"),
    )
    format = models.CharField(_("format"), max_length=10)
    # The lead's choices (ExportOptions as a dict), so that the worker builds the same file.
    options = models.JSONField(_("valg"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    content = models.BinaryField(_("fil"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("størrelse i byte"), default=0)
    # The exception's class only: the message may quote a measure's text.
    error = models.CharField(_("feil"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)

    class Meta:
        ordering = ["arena", "-created_at", "-id"]
        verbose_name = _("eksportjobb")
        verbose_name_plural = _("eksportjobber")

    def __str__(self):
        return f"{self.arena_id} {self.format} {self.status} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
