"""The event and how it is run: arenas, the plans they serve, the program, the themes
(problem areas and target groups), the tables (groups) and the staff roles; the mail outbox
is in `arena.models.mail`."""

import calendar
import secrets

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# No 0/O and 1/I/L: the code is read off a projector and typed on a phone.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_REGEX = r"^[A-Z0-9]{4,12}$"


def normalize_join_code(raw):
    """Accept `bus-7q4k`, `BUS 7Q4K` and `bus7q4k` alike: upper case, letters and digits only.
    A whole join link pasted into the field (`https://…/bli-med/BUS7Q4K/`) gives its code."""
    raw = raw or ""
    if "/bli-med/" in raw:
        raw = raw.split("/bli-med/", 1)[1].split("/", 1)[0].split("?", 1)[0]
    return "".join(ch for ch in raw.upper() if ch.isascii() and ch.isalnum())


def generate_join_code(prefix="", length=4):
    """A fresh code such as `BUS7Q4K`; uniqueness is checked by the caller against the table."""
    prefix = normalize_join_code(prefix)[:4]
    return prefix + "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(length))


def join_path(join_code):
    """The short link a participant opens to join, e.g. `/bli-med/BUS7Q4K/`.

    A plain string rather than `reverse()`: the poster and the join page live in different apps,
    and the link printed on paper must never change with a URL refactoring.
    """
    return f"/bli-med/{normalize_join_code(join_code)}/"


def table_join_path(join_code, seat):
    """A table's own join link, e.g. `/bli-med/BUS7Q4K/bord/12-3f…/` (see `access.table_seat`)."""
    return f"{join_path(join_code)}bord/{seat}/"


def add_months(day, months):
    """`day` plus whole months, on the same day of the month or the month's last day
    (31 January + 1 month = 28 or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


from arena.models.plans import Plan, PlanGoal, PlanQuerySet  # noqa: E402, F401


class Arena(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        OPEN = "open", _("Åpen")
        CLOSED = "closed", _("Avsluttet")
        FOLLOW_UP = "follow_up", _("Oppfølging")
        ARCHIVED = "archived", _("Arkivert")

    class Language(models.TextChoices):
        NB = "nb", _("Norsk bokmål")
        NN = "nn", _("Norsk nynorsk")
        EN = "en", _("English")

    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(
        _("kortadresse"), max_length=80, unique=True, help_text=_("Brukes i lenker.")
    )
    purpose = models.TextField(
        _("formål"),
        blank=True,
        help_text=_("Invitasjonen: hvorfor dere møtes og hva dere vil oppnå."),
    )
    venue = models.CharField(_("sted"), max_length=200, blank=True)
    start_date = models.DateField(_("første dag"))
    end_date = models.DateField(_("siste dag"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    join_code = models.CharField(
        _("kode for å bli med"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(JOIN_CODE_REGEX, _("Bruk 4–12 store bokstaver og tall."))],
        help_text=_("Deltakerne skriver denne koden for å bli med. Lagres uten bindestrek."),
    )
    editing_open = models.BooleanField(
        _("redigering åpen"),
        default=True,
        help_text=_("Når den er lukket, kan deltakerne lese, men ikke endre tiltak."),
    )
    groups_assigned = models.BooleanField(
        _("fasilitator fordeler bord"),
        default=False,
        help_text=_("Deltakerne velger ikke bord selv; fasilitator plasserer dem."),
    )
    auto_seating = models.BooleanField(
        _("fordel bord automatisk"),
        default=False,
        help_text=_(
            "Den som blir med, får bordet med færrest fra samme type organisasjon (og færrest "
            "i alt). Fasilitator kan flytte folk etterpå."
        ),
    )
    dots_per_participant = models.PositiveSmallIntegerField(
        _("prikker per deltaker"), default=3, help_text=_("Antall stemmer i prioriteringen.")
    )
    ranking_revealed = models.BooleanField(
        _("vis rangeringen"),
        default=False,
        help_text=_("Deltakerne ser stemmerangeringen først når fasilitator viser den."),
    )
    privacy_text = models.TextField(
        _("personverntekst"),
        blank=True,
        help_text=_("Vises før deltakerne blir med: hva som lagres, hvorfor og hvor lenge."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("lagringstid (måneder)"),
        default=24,
        help_text=_("Hvor lenge personopplysninger om deltakerne lagres etter arenaen."),
    )
    followup_months = models.PositiveSmallIntegerField(
        _("oppfølgingsperiode (måneder)"),
        default=12,
        help_text=_(
            "Hvor lenge etter arenaen kontaktpersonenes oppfølgingslenker virker. De slutter "
            "også å virke når arenaen arkiveres."
        ),
    )
    default_language = models.CharField(
        _("standardspråk"), max_length=2, choices=Language.choices, default=Language.NB
    )
    plans = models.ManyToManyField(
        Plan, blank=True, related_name="arenas", verbose_name=_("planer")
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)
    # Bumped by `arena.revisions.arena_revision_bump` in the transaction of every write that a
    # live screen shows; the board's, the wall's and the home's ETags are made of it.
    revision = models.PositiveBigIntegerField(_("revisjon"), default=0, editable=False)
    # The session that was current when the arena was closed: offered again when it is
    # reopened (decision 43), since closing ends the current session.
    resume_session = models.ForeignKey(
        "ProgramSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("programpost å fortsette med"),
    )

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("arena")
        verbose_name_plural = _("arenaer")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="arena_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(join_code__regex=JOIN_CODE_REGEX), name="arena_join_code_format"
            ),
            models.CheckConstraint(
                condition=Q(dots_per_participant__gte=1), name="arena_at_least_one_dot"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """A full save (a set-up form, the admin) leaves `revision` alone: the instance was
        loaded before other people's writes bumped it, and writing its old value back would
        let a screen holding that older ETag keep a stale page."""
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            skipped = {"revision", *self.get_deferred_fields()}
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.attname not in skipped
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("arena:arena-detail", kwargs={"slug": self.slug})

    @property
    def join_code_display(self):
        """`BUS7Q4K` is shown as `BUS-7Q4K`: easier to read aloud and to type."""
        code = self.join_code
        if len(code) <= 4:
            return code
        split = len(code) - 4
        return f"{code[:split]}-{code[split:]}"

    @property
    def followup_ends_on(self):
        """The last day a follow-up link works (unless the arena is archived before)."""
        return add_months(self.end_date, self.followup_months)

    @property
    def retention_ends_on(self):
        """The last day participants' personal data is kept; `purge_expired` anonymises them
        the day after."""
        return add_months(self.end_date, self.retention_months)

    def followup_open(self, today):
        return self.status != self.Status.ARCHIVED and today <= self.followup_ends_on

    @property
    def is_joinable(self):
        return self.status == self.Status.OPEN

    @property
    def accepts_edits(self):
        """Participants may create and change measures only while this is true."""
        return self.status == self.Status.OPEN and self.editing_open


class ProgramSession(models.Model):
    """One block of the program; one per arena at a time is the current one."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenum")
        GROUP_WORK = "group_work", _("Gruppearbeid")
        GALLERY_WALK = "gallery_walk", _("Gallerivandring")
        PRIORITISATION = "prioritisation", _("Prioritering")
        SUMMARY = "summary", _("Oppsummering")

    arena = models.ForeignKey(
        Arena, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("arena")
    )
    day = models.DateField(_("dag"))
    starts_at = models.TimeField(_("starter"))
    ends_at = models.TimeField(_("slutter"))
    title = models.CharField(_("tittel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    instructions = models.TextField(
        _("instruksjoner"), blank=True, help_text=_("Vises for deltakerne mens økten pågår.")
    )
    allows_editing = models.BooleanField(
        _("tiltak kan lages og endres"),
        default=False,
        help_text=_("Om gruppene kan lage og endre tiltak mens denne økten pågår."),
    )
    is_current = models.BooleanField(_("pågår nå"), default=False)
    # The session's countdown (decision 40): running while `timer_ends_at` is set, paused
    # with `timer_left` seconds to go, not started when neither is. The phones and the wall
    # count down from these themselves; nothing is written while it runs.
    timer_ends_at = models.DateTimeField(
        _("nedtellingen slutter"), null=True, blank=True, editable=False
    )
    timer_left = models.PositiveIntegerField(
        _("sekunder igjen (pause)"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["arena", "day", "starts_at"]
        verbose_name = _("programpost")
        verbose_name_plural = _("programposter")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["arena"], condition=Q(is_current=True), name="one_current_session_per_arena"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%H:%M}–{self.ends_at:%H:%M})"

    @property
    def planned_seconds(self):
        """The session's length in the program, the timer's default."""
        start = self.starts_at.hour * 3600 + self.starts_at.minute * 60
        end = self.ends_at.hour * 3600 + self.ends_at.minute * 60
        return max(end - start, 60)

    def timer_seconds_left(self, now):
        """Seconds still to go (never below 0), or None when the timer has not started."""
        if self.timer_ends_at is not None:
            return max(int((self.timer_ends_at - now).total_seconds()), 0)
        return self.timer_left


class ProblemArea(models.Model):
    """A problem area (problemstilling) the arena works on, in the facilitator's order."""

    arena = models.ForeignKey(
        Arena,
        on_delete=models.CASCADE,
        related_name="problem_areas",
        verbose_name=_("arena"),
    )
    title = models.CharField(_("problemstilling"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["arena", "order", "id"]
        verbose_name = _("problemstilling")
        verbose_name_plural = _("problemstillinger")
        constraints = [
            models.UniqueConstraint(
                fields=["arena", "title"], name="problemarea_unique_title_per_arena"
            )
        ]

    def __str__(self):
        return self.title


class TargetGroup(models.Model):
    """A target group (målgruppe) the arena's measures may serve, in the facilitator's order."""

    arena = models.ForeignKey(
        Arena,
        on_delete=models.CASCADE,
        related_name="target_groups",
        verbose_name=_("arena"),
    )
    name = models.CharField(_("målgruppe"), max_length=120)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["arena", "order", "id"]
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
        constraints = [
            models.UniqueConstraint(fields=["arena", "name"], name="targetgroup_unique_per_arena")
        ]

    def __str__(self):
        return self.name


class Group(models.Model):
    """A table in the room."""

    arena = models.ForeignKey(
        Arena, on_delete=models.CASCADE, related_name="groups", verbose_name=_("arena")
    )
    name = models.CharField(_("navn"), max_length=100)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    problem_areas = models.ManyToManyField(
        ProblemArea,
        blank=True,
        related_name="groups",
        verbose_name=_("problemstillinger i fokus"),
    )

    class Meta:
        ordering = ["arena", "order", "name"]
        verbose_name = _("bord")
        verbose_name_plural = _("bord")
        constraints = [
            models.UniqueConstraint(fields=["arena", "name"], name="group_unique_name_per_arena")
        ]

    def __str__(self):
        return self.name


from arena.models.mail import OutgoingMail  # noqa: E402, F401 - after Arena, which it points at
from arena.models.membership import ArenaMembership  # noqa: E402, F401 - after Arena
from arena.models.ops import HandledOp  # noqa: E402, F401
