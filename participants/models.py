"""People and the organisations they represent."""

import secrets

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def generate_resume_token():
    return secrets.token_urlsafe(32)


class OrganisationQuerySet(models.QuerySet):
    def for_arena(self, arena):
        """What `arena`'s people are offered: the confirmed registry plus what was typed in
        this arena (decision 30). Another arena's unconfirmed additions stay out of its lists."""
        return self.filter(Q(confirmed=True) | Q(added_in=arena))


class Organisation(models.Model):
    """An actor (aktør). Shared across arenas, so the same actor is the same row every year.

    One that a participant typed is unconfirmed until staff confirm it: until then only the
    arena it was typed in suggests it."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommune", _("Kommune")
        COUNTY = "fylkeskommune", _("Fylkeskommune")
        STATE_AGENCY = "statlig", _("Statlig etat (f.eks. NAV)")
        UPPER_SECONDARY = "vgs", _("Videregående skole")
        HIGHER_EDUCATION = "uh", _("Universitet eller høgskole")
        EMPLOYERS = "arbeidsgiver", _("Arbeidsgiverorganisasjon")
        EMPLOYEES = "arbeidstaker", _("Arbeidstakerorganisasjon")
        BUSINESS = "naeringsliv", _("Næringsliv")
        VOLUNTARY = "frivillig", _("Frivillig eller ideell organisasjon")
        OTHER = "annet", _("Annet")

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type aktør"), max_length=20, choices=Kind.choices)
    municipality = models.CharField(
        _("kommune"), max_length=100, blank=True, help_text=_("Hvor aktøren holder til.")
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    confirmed = models.BooleanField(
        _("bekreftet"),
        default=False,
        help_text=_("Bekreftede aktører foreslås i alle arenaer; andre bare der de ble lagt til."),
    )
    added_in = models.ForeignKey(
        "arena.Arena",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="added_organisations",
        verbose_name=_("lagt til i arena"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("aktør")
        verbose_name_plural = _("aktører")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_unique_name_ci"),
        ]

    def __str__(self):
        return self.name


class Participant(models.Model):
    """One person in one arena. No account and no password: a secret resume token instead."""

    arena = models.ForeignKey(
        "arena.Arena",
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("arena"),
    )
    display_name = models.CharField(_("navn"), max_length=120)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("representerer"),
    )
    group = models.ForeignKey(
        "arena.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("bord"),
    )
    email = models.EmailField(
        _("e-post"), blank=True, help_text=_("Valgfritt. Brukes bare til å sende deg lenken din.")
    )
    consents_to_followup = models.BooleanField(
        _("vil få e-post om oppfølgingen"),
        default=False,
        help_text=_("Valgfritt. Du kan trekke samtykket når som helst."),
    )
    resume_token = models.CharField(
        _("personlig lenke"), max_length=64, unique=True, default=generate_resume_token
    )
    joined_at = models.DateTimeField(_("ble med"), auto_now_add=True)
    # Set when the name, e-mail and link were replaced by "Deltaker 17" (`measures.privacy`).
    anonymised_at = models.DateTimeField(_("anonymisert"), null=True, blank=True)

    class Meta:
        ordering = ["arena", "display_name"]
        verbose_name = _("deltaker")
        verbose_name_plural = _("deltakere")
        constraints = [
            models.CheckConstraint(
                condition=Q(consents_to_followup=False) | ~Q(email=""),
                name="participant_consent_needs_email",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.organisation})"
