"""The regional plans an arena serves and their goals; shared by every arena that uses them
(decision 30: changed only by someone who runs all of those arenas)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanQuerySet(models.QuerySet):
    def with_arena_count(self):
        """`arena_count`: how many arenas use each plan (a subquery, so it is right also on a
        queryset already filtered through the arenas, as `arena.plans` is)."""
        users = (
            Plan.arenas.through.objects.filter(plan=models.OuterRef("pk"))
            .values("plan")
            .annotate(n=models.Count("*"))
            .values("n")
        )
        return self.annotate(arena_count=models.Subquery(users))


class Plan(models.Model):
    """A regional plan that arenas serve; shared across arenas and years. Only someone who runs
    every arena that uses it may change it (`access.plans_changeable`, decision 30)."""

    title = models.CharField(_("tittel"), max_length=200, unique=True)
    short_name = models.CharField(
        _("kortnavn"), max_length=80, blank=True, help_text=_("Brukes der plassen er trang.")
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    opportunity_area = models.TextField(
        _("mulighetsområde"),
        blank=True,
        help_text=_("Der flere aktører jobber sammen for å få til nye løsninger."),
    )
    url = models.URLField(_("lenke til planen"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("regional plan")
        verbose_name_plural = _("regionale planer")

    def __str__(self):
        return self.title


class PlanGoal(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    text = models.CharField(_("mål"), max_length=300)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("mål i plan")
        verbose_name_plural = _("mål i planer")
        constraints = [
            models.UniqueConstraint(fields=["plan", "text"], name="plangoal_unique_text_per_plan")
        ]

    def __str__(self):
        return self.text
