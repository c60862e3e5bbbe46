"""A measure's rows: the actors (question 2), indicators (question 4) and funding (question 5)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models.measure import Measure

# The most rows of one kind (actors, indicators, funding) a measure can have: more than any
# measure needs, few enough that every report stays readable. `editor_rows.row_create` refuses
# the next one; the formsets show no more.
MAX_ROWS = 30


def _row_creation_key():
    """The key a browser gives a row it creates: a resent "add row" creates one row."""
    return models.UUIDField(_("opprettelsesnøkkel"), null=True, blank=True, editable=False)


def _row_key_once(prefix):
    return models.UniqueConstraint(
        fields=["measure", "creation_key"], name=f"{prefix}_creation_key_once_per_measure"
    )


class MeasureActor(models.Model):
    """Question 2: an organisation and its role in one measure."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Ansvarlig/eier")
        PARTNER = "partner", _("Partner")
        CONTRIBUTOR = "contributor", _("Bidragsyter")
        FINANCIER = "financier", _("Finansiør")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="actors", verbose_name=_("tiltak")
    )
    organisation = models.ForeignKey(
        "participants.Organisation",
        on_delete=models.PROTECT,
        related_name="measure_roles",
        verbose_name=_("aktør"),
    )
    role_kind = models.CharField(_("rolle"), max_length=16, choices=Role.choices)
    role_text = models.CharField(
        _("hva aktøren skal gjøre"),
        max_length=300,
        blank=True,
        help_text=_("For eksempel: rekrutterer bedrifter."),
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    creation_key = _row_creation_key()
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "order", "id"]
        verbose_name = _("aktør i tiltak")
        verbose_name_plural = _("aktører i tiltak")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "organisation"], name="measureactor_once_per_measure"
            ),
            # No "one lead" constraint: two people at a table may add a lead at the same moment,
            # and both rows must survive; the editor then asks them to choose (`lead_choose`).
            # "Exactly one once agreed" is checked by the service that moves a measure on.
            _row_key_once("measureactor"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_kind_display()}"


class Indicator(models.Model):
    """Question 4: a measurable indicator of the goal."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("tiltak")
    )
    indicator = models.CharField(_("indikator"), max_length=300)
    target = models.CharField(_("målverdi"), max_length=120, blank=True)
    due = models.DateField(_("innen"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    creation_key = _row_creation_key()
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "order", "id"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        constraints = [_row_key_once("indicator")]

    def __str__(self):
        return self.indicator


class Funding(models.Model):
    """Question 5: a (possible) financier of a measure."""

    class Kind(models.TextChoices):
        OWN_BUDGET = "own_budget", _("Egne midler")
        GRANT = "grant", _("Tilskudd")
        CO_FUNDING = "co_funding", _("Medfinansiering")
        IN_KIND = "in_kind", _("Arbeidsinnsats")
        OTHER = "other", _("Annet")

    class Status(models.TextChoices):
        POSSIBLE = "possible", _("Mulig")
        ASKED = "asked", _("Må søkes / er spurt")
        COMMITTED = "committed", _("Avklart")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("tiltak")
    )
    organisation = models.ForeignKey(
        "participants.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fundings",
        verbose_name=_("finansiør"),
    )
    source = models.CharField(
        _("annen kilde"),
        max_length=200,
        blank=True,
        help_text=_("Hvis finansiøren ikke er en aktør i registeret, f.eks. Erasmus+."),
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.POSSIBLE
    )
    amount = models.DecimalField(
        _("beløp (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    creation_key = _row_creation_key()
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "order", "id"]
        verbose_name = _("finansiering")
        verbose_name_plural = _("finansiering")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(source=""),
                name="funding_has_organisation_or_source",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="funding_amount_not_negative",
            ),
            _row_key_once("funding"),
        ]

    def __str__(self):
        return str(self.organisation or self.source)
