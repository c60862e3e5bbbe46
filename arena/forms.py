"""Forms for setting up and running an arena (facilitators and project leads)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arena.dates import date_say
from arena.forms_base import StyledForm
from arena.models import (
    Arena,
    ArenaMembership,
    Group,
    Plan,
    ProblemArea,
    ProgramSession,
    TargetGroup,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _check_dates(cleaned):
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    if start and end and end < start:
        raise ValidationError(
            {"end_date": ValidationError(_("Siste dag kan ikke være før første dag."), "order")}
        )


class ArenaCreateForm(forms.Form):
    """A new arena, blank or as a copy of one the user already runs."""

    title = forms.CharField(label=_("Tittel"), max_length=200)
    start_date = forms.DateField(label=_("Første dag"), widget=DateInput())
    end_date = forms.DateField(
        label=_("Siste dag"),
        required=False,
        widget=DateInput(),
        help_text=_("Tom: like mange dager som arenaen du kopierer, ellers én dag."),
    )
    source = forms.ModelChoiceField(
        label=_("Kopier fra"),
        queryset=Arena.objects.none(),
        required=False,
        empty_label=_("Ingen – start med en tom arena"),
        help_text=_(
            "Vi kopierer formål, planer, problemstillinger, målgrupper, bord og programmet "
            "(flyttet til de nye datoene). Deltakere og tiltak blir ikke med."
        ),
    )

    def __init__(self, *args, arenas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = arenas

    def clean(self):
        cleaned = super().clean()
        source, start = cleaned.get("source"), cleaned.get("start_date")
        if start and not cleaned.get("end_date"):
            span = (source.end_date - source.start_date) if source else None
            cleaned["end_date"] = start + span if span else start
        _check_dates(cleaned)
        end = cleaned.get("end_date")
        if source and start and end and (end - start) < (source.end_date - source.start_date):
            days = (source.end_date - source.start_date).days + 1
            raise ValidationError(
                {
                    "end_date": ValidationError(
                        _(
                            "Arenaen du kopierer varer %(days)s dager. Velg en siste dag som gir "
                            "plass til hele programmet."
                        ),
                        "too_short",
                        params={"days": days},
                    )
                }
            )
        return cleaned


class ArenaForm(forms.ModelForm):
    class Meta:
        model = Arena
        fields = [
            "title",
            "purpose",
            "venue",
            "start_date",
            "end_date",
            "plans",
            "privacy_text",
            "retention_months",
            "followup_months",
            "default_language",
            "dots_per_participant",
            "groups_assigned",
            "auto_seating",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "plans": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 6}),
            "privacy_text": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        _check_dates(cleaned)
        if cleaned.get("groups_assigned") and cleaned.get("auto_seating"):
            self.add_error(
                "auto_seating",
                _("Velg én måte å fordele bord på: fasilitator fordeler, eller automatisk."),
            )
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and self.instance.pk:
            outside = self.instance.sessions.filter(Q(day__lt=start) | Q(day__gt=end)).count()
            if outside:
                raise ValidationError(
                    _(
                        "%(count)s programposter ligger utenfor de nye datoene. Flytt eller slett "
                        "dem i programmet først."
                    ),
                    "sessions_outside",
                    params={"count": outside},
                )
        return cleaned


class ArenaStatusForm(forms.Form):
    """The status is changed in two steps: the first POST shows what will happen (`confirmed`
    unset), the second does it (decision 43)."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Arena.Status.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    restart_session = forms.BooleanField(required=False, initial=True)


class PlanForm(forms.ModelForm):
    goals = forms.CharField(
        label=_("Mål i planen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ett mål per linje."),
    )

    class Meta:
        model = Plan
        fields = ["title", "short_name", "opportunity_area", "url"]
        widgets = {"opportunity_area": forms.Textarea(attrs={"rows": 3})}

    # Plans are published by the county on https; a bare "buskerudfylke.no/..." means that.
    url = forms.URLField(label=_("Lenke til planen"), required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["goals"].initial = "\n".join(g.text for g in self.instance.goals.all())

    def goal_lines(self):
        return self.cleaned_data["goals"].splitlines()


class SessionForm(StyledForm, forms.ModelForm):
    """A block of the program. Times must fit the arena's days and not overlap on a day."""

    class Meta:
        model = ProgramSession
        fields = ["day", "starts_at", "ends_at", "title", "kind", "instructions", "allows_editing"]
        widgets = {
            "day": forms.Select,
            "starts_at": TimeInput(),
            "ends_at": TimeInput(),
            "instructions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        self.arena = arena
        self.instance.arena = arena
        days = []
        day = arena.start_date
        while day <= arena.end_date:
            days.append(day)
            day = day.fromordinal(day.toordinal() + 1)
        self.fields["day"].widget.choices = [(d.isoformat(), _day_label(d)) for d in days]
        self.days = days

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day not in self.days:
            raise ValidationError(_("Velg en av arenaens dager."), "outside_arena")
        return day

    def clean(self):
        cleaned = super().clean()
        day, start, end = (cleaned.get(k) for k in ("day", "starts_at", "ends_at"))
        if start and end and end <= start:
            self.add_error(
                "ends_at", ValidationError(_("Slutt må være etter start."), "ends_before_start")
            )
        elif day and start and end:
            clash = (
                self.arena.sessions.filter(day=day, starts_at__lt=end, ends_at__gt=start)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash:
                raise ValidationError(
                    _("Tiden overlapper med «%(title)s» (%(start)s–%(end)s) samme dag."),
                    "overlap",
                    params={
                        "title": clash.title,
                        "start": f"{clash.starts_at:%H:%M}",
                        "end": f"{clash.ends_at:%H:%M}",
                    },
                )
        return cleaned


def _day_label(day):
    return date_say(day, "weekday")


class _ArenaTopicForm(forms.ModelForm):
    """A problem area or target group of one arena, unique by name within it."""

    unique_field = ""
    unique_message = ""

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.arena = arena

    def validate_unique(self):
        # `arena` is not a form field, so the ModelForm would skip the per-arena constraint.
        try:
            self.instance.validate_constraints()
        except ValidationError:
            self.add_error(self.unique_field, ValidationError(self.unique_message, "unique"))


class ProblemAreaForm(_ArenaTopicForm):
    unique_field = "title"
    unique_message = _("Denne problemstillingen finnes allerede.")

    class Meta:
        model = ProblemArea
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TargetGroupForm(_ArenaTopicForm):
    unique_field = "name"
    unique_message = _("Denne målgruppen finnes allerede.")

    class Meta:
        model = TargetGroup
        fields = ["name"]


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "problem_areas"]
        widgets = {"problem_areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.arena = arena
        self.fields["problem_areas"].queryset = arena.problem_areas.all()

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except ValidationError:
            self.add_error(
                "name", ValidationError(_("Et bord med dette navnet finnes allerede."), "unique")
            )


# A room rarely has more tables than this; a typo like 1–200 should not fill the list.
MAX_NEW_TABLES = 50


class ManyGroupsForm(forms.Form):
    """Many tables at once: "Bord" from 1 to 12 gives "Bord 1" … "Bord 12"."""

    prefix_name = forms.CharField(label=_("Navn før nummeret"), max_length=90, initial=_("Bord"))
    first = forms.IntegerField(label=_("Fra nummer"), min_value=0, max_value=999, initial=1)
    last = forms.IntegerField(label=_("Til nummer"), min_value=0, max_value=999, initial=12)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first is not None and last is not None:
            if last < first:
                self.add_error(
                    "last", ValidationError(_("Til-nummeret kan ikke være lavere."), "order")
                )
            elif last - first + 1 > MAX_NEW_TABLES:
                message = _("Legg til høyst %(max)s bord om gangen.") % {"max": MAX_NEW_TABLES}
                self.add_error("last", ValidationError(message, "too_many"))
        return cleaned

    def names(self):
        data = self.cleaned_data
        prefix = data["prefix_name"].strip()
        return [f"{prefix} {n}" for n in range(data["first"], data["last"] + 1)]


class MoveParticipantsForm(forms.Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("Deltakere"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    group = forms.ModelChoiceField(
        label=_("Flytt til bord"), queryset=None, required=False, empty_label=_("Uten bord")
    )

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = arena.participants.select_related(
            "organisation", "group"
        )
        self.fields["participants"].label_from_instance = _participant_label
        self.fields["group"].queryset = arena.groups.all()


def _participant_label(participant):
    table = participant.group.name if participant.group else _("uten bord")
    return f"{participant.display_name} ({participant.organisation.name}) – {table}"


class MembershipForm(forms.Form):
    """Add a colleague who already has a user account (the county's IT creates accounts)."""

    user = forms.CharField(
        label=_("Brukernavn eller e-post"),
        max_length=254,
        help_text=_("Kollegaen må ha en brukerkonto. IT lager kontoer i administrasjonen."),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=ArenaMembership.Role.choices)

    def clean_user(self):
        value = self.cleaned_data["user"].strip()
        users = get_user_model().objects.filter(
            Q(username__iexact=value) | Q(email__iexact=value), is_active=True
        )
        if len(users[:2]) != 1:
            raise ValidationError(
                _("Vi finner ingen bruker med det brukernavnet eller den e-postadressen."),
                "unknown_user",
            )
        return users[0]


class ToggleForm(forms.Form):
    """Open/close editing and show/hide the ranking: one checkbox-less boolean from a button."""

    value = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class CurrentSessionForm(forms.Form):
    session = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = arena.sessions.all()


class TimerForm(forms.Form):
    """The current session's countdown: one button per action, minutes only for a start."""

    action = forms.ChoiceField(
        choices=[("start", "start"), ("pause", "pause"), ("add", "add"), ("reset", "reset")]
    )
    minutes = forms.IntegerField(label=_("Minutter"), min_value=1, max_value=600, required=False)
