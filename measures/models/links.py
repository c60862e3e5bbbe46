"""Measures from different tables that are the same idea: linked ("samme idé som …") or merged
into one (decisions 48 and 49). A link row is also the record of a merge: what moved, so that
undoing it puts back exactly that."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models.measure import Measure


class MeasureLink(models.Model):
    class Kind(models.TextChoices):
        LINK = "link", _("Samme idé")
        MERGE = "merge", _("Slått sammen")

    arena = models.ForeignKey(
        "arena.Arena",
        on_delete=models.CASCADE,
        related_name="measure_links",
        verbose_name=_("arena"),
    )
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    # For a merge: `source` is the measure merged away, `target` the one kept.
    source = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("fra tiltak")
    )
    target = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("til tiltak")
    )
    # What a merge moved, by id, for its undo: {"comments": [...], "votes": [...], "added_dots":
    # [[vote id, participant id, dots], ...], "commitments": [...], "authors": [...],
    # "status": the kept measure's status before}.
    moved = models.JSONField(_("flyttet"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laget av"),
    )
    created_at = models.DateTimeField(_("laget"), auto_now_add=True)
    undone_at = models.DateTimeField(_("angret"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angret av"),
    )

    class Meta:
        ordering = ["arena", "-created_at", "-id"]
        verbose_name = _("kobling mellom tiltak")
        verbose_name_plural = _("koblinger mellom tiltak")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="measurelink_not_to_itself"
            ),
            # One standing link per pair and direction; an undone one stays as the record.
            models.UniqueConstraint(
                fields=["source", "target"],
                condition=Q(undone_at__isnull=True),
                name="measurelink_one_standing_per_pair",
            ),
        ]

    def __str__(self):
        return f"{self.source_id} → {self.target_id} ({self.kind})"
