"""What happened to a measure: the editor's changes during the arena, follow-up reports after it;
and which exports of an arena were downloaded, by whom."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from measures.models.measure import Measure


class MeasureChange(models.Model):
    """One accepted change of a measure in the editor: exactly who changed what, and when.

    The revision is the measure's `version` after the change, given out under the measure's row
    lock, so the revisions of one measure have no gaps; the editors' changes feed reads them in
    order. `op` is the browser's id for the save: a resent save finds its change and applies
    nothing twice."""

    class Kind(models.TextChoices):
        FIELD = "field", _("felt")
        TICKS = "ticks", _("avkrysninger")
        ROW = "row", _("rad")
        STATUS = "status", _("status")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="changes", verbose_name=_("tiltak")
    )
    revision = models.PositiveIntegerField(_("revisjon"))
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    # The field's name (`goal`), the row kind (`actors`) or `status`.
    name = models.CharField(_("felt"), max_length=40)
    row_id = models.BigIntegerField(_("rad"), null=True, blank=True)
    # What the field holds after the change: its text, the ticked ids, or the row's values.
    value = models.JSONField(_("verdi"), null=True, blank=True)
    by = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        # Named so that removing a participant renames their edits through the reverse
        # relation (`participant_remove`), as it does their comments (decision 20).
        related_name="edits",
        verbose_name=_("endret av"),
    )
    by_name = models.CharField(_("endret av (navn)"), max_length=120, blank=True)
    at = models.DateTimeField(_("tidspunkt"))
    op = models.UUIDField(_("operasjon"))

    class Meta:
        ordering = ["measure", "revision"]
        verbose_name = _("endring")
        verbose_name_plural = _("endringer")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "revision"], name="measurechange_one_per_revision"
            ),
            models.UniqueConstraint(fields=["measure", "op"], name="measurechange_op_once"),
        ]

    def __str__(self):
        return f"{self.measure_id}#{self.revision} {self.name} ({self.by_name})"


# "Two or three sentences" is asked for; the server refuses more than this.
FOLLOWUP_TEXT_MAX_LENGTH = 2000


class FollowUpUpdate(models.Model):
    """A dated status report on an agreed measure, by its owner, after the arena."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ikke startet")
        STARTED = "started", _("Startet")
        ON_TRACK = "on_track", _("I rute")
        DELAYED = "delayed", _("Forsinket")
        COMPLETED = "completed", _("Fullført")
        STOPPED = "stopped", _("Stanset")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="followups", verbose_name=_("tiltak")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    text = models.TextField(_("kort om status"), blank=True, max_length=FOLLOWUP_TEXT_MAX_LENGTH)
    reported_by = models.CharField(_("rapportert av"), max_length=120, blank=True)
    reported_on = models.DateField(_("dato"), default=datetime.date.today)
    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)

    class Meta:
        ordering = ["measure", "-reported_on", "-created_at"]
        get_latest_by = ["reported_on", "created_at"]
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")

    def __str__(self):
        return f"{self.measure} – {self.get_status_display()} ({self.reported_on})"


class ExportLog(models.Model):
    """One export of an arena's data: who took it, what, when. Its facilitators see the list
    on the summary page; an export carries personal data out of the app (decision 33)."""

    arena = models.ForeignKey(
        "arena.Arena", on_delete=models.CASCADE, related_name="exports", verbose_name=_("arena")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruker"),
    )
    # Kept when the account is deleted; "kommandolinjen" for export_arena.
    username = models.CharField(_("brukernavn"), max_length=150)
    what = models.CharField(_("hva"), max_length=40)
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["arena", "-at", "-id"]
        verbose_name = _("eksport")
        verbose_name_plural = _("eksporter")

    def __str__(self):
        return f"{self.arena_id} {self.what} {self.username} {self.at:%Y-%m-%d %H:%M}"
