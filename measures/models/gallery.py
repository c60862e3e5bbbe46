"""What the other tables give a measure in the gallery walk: comments, dots and commitments."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models.measure import Measure
from measures.models.rows import MeasureActor

# A comment is a remark on a measure, not a second answer; the server refuses more.
COMMENT_MAX_LENGTH = 1000


class Comment(models.Model):
    """A comment in the gallery walk, by a participant or a staff member."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="comments", verbose_name=_("tiltak")
    )
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("deltaker"),
    )
    user = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measure_comments",
        verbose_name=_("fasilitator"),
    )
    author_name = models.CharField(
        _("skrevet av"),
        max_length=120,
        help_text=_("Navnet slik det var da kommentaren ble skrevet."),
    )
    text = models.TextField(_("kommentar"), max_length=COMMENT_MAX_LENGTH)
    # The key the comment form carries from the page: a double submit adds one comment.
    creation_key = models.UUIDField(
        _("opprettelsesnøkkel"), null=True, blank=True, unique=True, editable=False
    )
    hidden = models.BooleanField(
        _("skjult"), default=False, help_text=_("Skjult av fasilitator; vises ikke for deltakerne.")
    )
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    class Meta:
        ordering = ["measure", "created_at", "id"]
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")

    def __str__(self):
        return f"{self.author_name}: {self.text[:40]}"


class Vote(models.Model):
    """Dots a participant puts on a measure during prioritisation."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="votes", verbose_name=_("tiltak")
    )
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("deltaker"),
    )
    dots = models.PositiveSmallIntegerField(_("prikker"), default=1)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        ordering = ["measure", "participant"]
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "participant"], name="one_vote_row_per_pair"
            ),
            models.CheckConstraint(condition=Q(dots__gte=1), name="vote_at_least_one_dot"),
        ]

    def __str__(self):
        return f"{self.participant} → {self.measure} ({self.dots})"


class Commitment(models.Model):
    """ "Vi blir med": an organisation says it will take part in a measure."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("tiltak")
    )
    organisation = models.ForeignKey(
        "participants.Organisation",
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("aktør"),
    )
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("sagt av"),
    )
    role_kind = models.CharField(
        _("rolle"),
        max_length=16,
        choices=MeasureActor.Role.choices,
        default=MeasureActor.Role.PARTNER,
    )
    text = models.CharField(_("hva vi kan bidra med"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)

    class Meta:
        ordering = ["measure", "created_at", "id"]
        verbose_name = _("forpliktelse")
        verbose_name_plural = _("forpliktelser")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "organisation"], name="one_commitment_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.measure}"
