"""The measure (tiltak) itself: the six questions, what counts as an answer, and Measure."""

import re
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The six questions, in the invitation's wording. Labels everywhere come from here.
QUESTIONS = (
    (1, _("Beskriv tiltak/problemstilling")),
    (2, _("Hvem er de involverte aktørene og hvilken rolle har de?")),
    (3, _("Hvordan bør det jobbes? Hvilke arenaer må utvikles/saneres")),
    (4, _("Hva skal målet/resultatet være?")),
    (5, _("Hvem kan være finansiører?")),
    (6, _("Hvor langsiktig er satsingen, tiltaket, prosjektet?")),
)

# The longest answer to one question (each text field of a measure), in characters: a page and
# a half of the report. The server refuses more (`measures.editor`), and the form says so.
ANSWER_MAX_LENGTH = 4000

# Measure fields whose value is a set of rows of another table; compared as sorted ids.
M2M_FIELDS = ("problem_areas", "target_groups", "plan_goals")

# An answer counts when it has at least this many letters or digits: "-", "?" or "ok" do not.
MIN_ANSWER_CHARS = 8
# Stops at the eighth letter or digit instead of counting every one of a long text.
_REAL_ANSWER = re.compile(rf"\W*(?:\w\W*){{{MIN_ANSWER_CHARS}}}", re.UNICODE)


def is_real_answer(text):
    return bool(text) and _REAL_ANSWER.match(text) is not None


def split_lines(text):
    """A list field stored as one item per line (arenas to develop, arenas to discontinue)."""
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


class MeasureQuerySet(models.QuerySet):
    def ranked(self):
        """By dots, then commitments, then title: the one ranking order of the arena.

        Annotates `dot_count` and `commitment_count` (0, not NULL, when there are none, so that
        PostgreSQL does not sort measures without dots first)."""
        # Imported here: the gallery's models point at Measure, so they import this module.
        from measures.models.gallery import Commitment, Vote

        dots = (
            Vote.objects.filter(measure=OuterRef("pk"))
            .order_by()
            .values("measure")
            .annotate(total=Sum("dots"))
            .values("total")
        )
        commitments = (
            Commitment.objects.filter(measure=OuterRef("pk"))
            .order_by()
            .values("measure")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(
            dot_count=Coalesce(Subquery(dots[:1]), Value(0), output_field=models.IntegerField()),
            commitment_count=Coalesce(
                Subquery(commitments[:1]), Value(0), output_field=models.IntegerField()
            ),
        ).order_by("-dot_count", "-commitment_count", "title")

    def taking_part(self):
        """The measures that are walked in the gallery and voted on: sent in (or further
        along), so that an empty draft never stands next to the real ones (decision 42)."""
        return self.exclude(status=Measure.Status.DRAFT)

    def in_gallery_order(self):
        """Table by table, each table's measures in the order they were begun."""
        return self.order_by("group__order", "group__name", "created_at", "id")

    def with_rows(self):
        """Everything `completeness` and a measure card read, in a fixed number of queries."""
        return self.select_related("group").prefetch_related(
            "actors__organisation", "indicators", "fundings__organisation", "problem_areas"
        )


class StandingMeasureManager(models.Manager.from_queryset(MeasureQuerySet)):
    """The measures that stand on their own: a measure merged into another (decision 49) is
    left out of every list, count, ranking and export by being left out here, once, rather than
    by a filter each of some thirty reads would have to remember. `Measure.everything` (and
    the base manager, which related lookups such as `comment.measure` use) still sees it."""

    def get_queryset(self):
        return super().get_queryset().filter(merged_into__isnull=True)


@dataclass(frozen=True)
class Completeness:
    """Which of the six questions have a real answer; shown as six marks."""

    answered: tuple

    @property
    def count(self):
        return sum(self.answered)

    @property
    def is_complete(self):
        return all(self.answered)

    def __iter__(self):
        """(number, label, answered) per question, for the six marks."""
        for (number, label), answered in zip(QUESTIONS, self.answered, strict=True):
            yield number, label, answered


class Measure(models.Model):
    class Direction(models.TextChoices):
        PREVENT = "prevent", _("Forebygge utenforskap")
        INTO_WORK = "into_work", _("Inn i arbeid")
        BOTH = "both", _("Begge")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Sendt inn")
        PRIORITISED = "prioritised", _("Prioritert")
        AGREED = "agreed", _("Vedtatt")
        STARTED = "started", _("Startet")
        COMPLETED = "completed", _("Fullført")
        STOPPED = "stopped", _("Stanset")

    class Horizon(models.TextChoices):
        SHORT = "short", _("Kort sikt (under 1 år)")
        MEDIUM = "medium", _("Mellomlang sikt (1–3 år)")
        LONG = "long", _("Lang sikt (over 3 år / varig)")

    class Term(models.TextChoices):
        SPRING = "spring", _("våren")
        AUTUMN = "autumn", _("høsten")

    # Statuses at which a measure must have exactly one lead actor.
    AGREED_STATUSES = (Status.AGREED, Status.STARTED, Status.COMPLETED)

    arena = models.ForeignKey(
        "arena.Arena", on_delete=models.CASCADE, related_name="measures", verbose_name=_("arena")
    )
    group = models.ForeignKey(
        "arena.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("bord"),
    )
    title = models.CharField(_("tittel"), max_length=200)
    problem_areas = models.ManyToManyField(
        "arena.ProblemArea",
        blank=True,
        related_name="measures",
        verbose_name=_("problemstillinger"),
    )
    target_groups = models.ManyToManyField(
        "arena.TargetGroup", blank=True, related_name="measures", verbose_name=_("målgrupper")
    )
    direction = models.CharField(
        _("retning"),
        max_length=16,
        choices=Direction.choices,
        blank=True,
        help_text=_(
            "Skal tiltaket hindre at folk havner utenfor, hjelpe dem inn i arbeid, eller begge?"
        ),
    )
    plan_goals = models.ManyToManyField(
        "arena.PlanGoal", blank=True, related_name="measures", verbose_name=_("mål i planene")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(
        _("versjon"), default=1, help_text=_("Øker ved hver lagring; avslører samtidige endringer.")
    )

    # 1. Beskriv tiltak/problemstilling
    description = models.TextField(
        QUESTIONS[0][1],
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        help_text=_("Hva er problemet, og hva vil dere gjøre med det?"),
    )
    # 3. Hvordan bør det jobbes? Hvilke arenaer må utvikles/saneres
    way_of_working = models.TextField(
        _("hvordan bør det jobbes"),
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        help_text=_("Hvordan skal dere samarbeide?"),
    )
    arenas_to_develop = models.TextField(
        _("arenaer som må utvikles"),
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        help_text=_("Én møteplass per linje."),
    )
    arenas_to_discontinue = models.TextField(
        _("arenaer som kan saneres"),
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        help_text=_("Én møteplass per linje."),
    )
    # 4. Hva skal målet/resultatet være?
    goal = models.TextField(
        _("mål/resultat"),
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        help_text=_("Hva er oppnådd når tiltaket virker? Gjerne noe som kan telles."),
    )
    # 6. Hvor langsiktig er satsingen, tiltaket, prosjektet?
    horizon = models.CharField(
        _("tidsperspektiv"), max_length=8, choices=Horizon.choices, blank=True
    )
    start_year = models.PositiveSmallIntegerField(_("startår"), null=True, blank=True)
    start_term = models.CharField(_("start"), max_length=8, choices=Term.choices, blank=True)
    end_year = models.PositiveSmallIntegerField(_("sluttår"), null=True, blank=True)
    end_term = models.CharField(_("slutt"), max_length=8, choices=Term.choices, blank=True)

    # Follow-up after the arena: who reports status for an agreed measure.
    contact_name = models.CharField(_("kontaktperson"), max_length=120, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    followup_token = models.CharField(
        _("oppfølgingslenke"), max_length=64, unique=True, null=True, blank=True
    )

    authors = models.ManyToManyField(
        "participants.Participant",
        blank=True,
        related_name="authored_measures",
        verbose_name=_("skrevet av"),
    )
    last_edited_by = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sist endret av"),
    )
    # A key the form carries from the page that created it: a double tap creates one measure.
    creation_key = models.UUIDField(_("opprettelsesnøkkel"), null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    # Set while the measure is merged into another (decision 49): hidden from every list, its
    # page points to the kept one. Undoing the merge clears it.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("slått sammen med"),
    )

    objects = StandingMeasureManager()
    everything = models.Manager.from_queryset(MeasureQuerySet)()
    history = HistoricalRecords(
        m2m_fields=[problem_areas, target_groups], verbose_name=_("historikk for tiltak")
    )

    class Meta:
        ordering = ["arena", "-created_at", "id"]
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="measure_version_positive"),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="measure_end_year_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(start_year__range=(2000, 2100)),
                name="measure_start_year_sensible",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__range=(2000, 2100)),
                name="measure_end_year_sensible",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def arenas_to_develop_list(self):
        return split_lines(self.arenas_to_develop)

    @property
    def arenas_to_discontinue_list(self):
        return split_lines(self.arenas_to_discontinue)

    @property
    def lead_actor(self):
        from measures.models.rows import MeasureActor  # rows point at Measure: import late

        return next((a for a in self.actors.all() if a.role_kind == MeasureActor.Role.LEAD), None)

    @property
    def completeness(self):
        """Which of the six questions have a real answer.

        Reads `actors`, `indicators` and `fundings` through `.all()`, so a list that prefetches
        them (see `MeasureQuerySet.with_rows`) pays no extra query per measure.
        """
        from measures.models.rows import MeasureActor  # rows point at Measure: import late

        return self.completeness_with(
            has_lead=any(a.role_kind == MeasureActor.Role.LEAD for a in self.actors.all()),
            has_indicators=bool(self.indicators.all()),
            has_fundings=bool(self.fundings.all()),
        )

    def completeness_with(self, *, has_lead, has_indicators, has_fundings):
        """`completeness` from the measure's own texts and what its rows say, for lists that
        ask the database whether rows exist instead of loading them (`measures.cards`)."""
        return Completeness(
            answered=(
                is_real_answer(self.description),
                has_lead,
                is_real_answer(self.way_of_working)
                or bool(self.arenas_to_develop_list or self.arenas_to_discontinue_list),
                is_real_answer(self.goal) or has_indicators,
                has_fundings,
                bool(self.horizon),
            )
        )

    @property
    def period_display(self):
        def point(term, year):
            if not year:
                return ""
            term_label = self.Term(term).label if term else ""
            return f"{term_label} {year}".strip()

        start = point(self.start_term, self.start_year)
        end = point(self.end_term, self.end_year)
        if start and end:
            return f"{start} – {end}"
        return start or end
