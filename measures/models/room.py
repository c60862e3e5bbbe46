"""The room's live state: what the projector shows and the short message on every phone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from measures.models.measure import Measure


class Room(models.Model):
    """One per arena, made on the first change; until then the defaults below apply."""

    class Mode(models.TextChoices):
        ARRIVALS = "arrivals", _("Nye tiltak")
        GALLERY = "gallery", _("Ett tiltak")
        RANKING = "ranking", _("Rangering")
        MESSAGE = "message", _("Melding")
        TIMER = "timer", _("Nedtelling")

    arena = models.OneToOneField(
        "arena.Arena",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="room",
        verbose_name=_("arena"),
    )
    mode = models.CharField(
        _("projektoren viser"), max_length=16, choices=Mode.choices, default=Mode.ARRIVALS
    )
    gallery_measure = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tiltaket som vises"),
    )
    screen_message = models.CharField(_("tekst på skjermen"), max_length=200, blank=True)
    phone_message = models.CharField(_("melding til telefonene"), max_length=200, blank=True)
    phone_message_at = models.DateTimeField(_("meldingen ble sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("rommet")
        verbose_name_plural = _("rom")

    def __str__(self):
        return f"{self.arena_id}: {self.mode}"
