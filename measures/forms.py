"""Forms of the measure editor: the title that creates a measure and the measure's own
fields, which each step and each autosave use a subset of. Its rows (actors, indicators,
funding) are in forms_rows.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arena.forms_base import StyledForm
from arena.models import PlanGoal
from measures.models import QUESTIONS, Measure


class MeasureCreateForm(StyledForm, forms.ModelForm):
    """The first thing a group types: a title. The key makes a double tap create one measure."""

    creation_key = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Measure
        fields = ["title"]
        labels = {"title": _("Hva kaller dere tiltaket?")}
        help_texts = {"title": _("Et kort navn. Dere kan endre det senere.")}
        error_messages = {"title": {"required": _("Gi tiltaket et navn.")}}


class MeasureForm(StyledForm, forms.ModelForm):
    """All of a measure's own fields; each step and each autosave uses a subset (`only`)."""

    class Meta:
        model = Measure
        fields = [
            "title",
            "problem_areas",
            "target_groups",
            "direction",
            "plan_goals",
            "description",
            "way_of_working",
            "arenas_to_develop",
            "arenas_to_discontinue",
            "goal",
            "horizon",
            "start_year",
            "start_term",
            "end_year",
            "end_term",
        ]
        labels = {
            "title": _("Tittel"),
            "problem_areas": _("Hvilke problemstillinger svarer tiltaket på?"),
            "target_groups": _("Hvem er tiltaket for?"),
            "direction": _("Retning"),
            "plan_goals": _("Hvilke mål i planene bidrar tiltaket til?"),
            "description": QUESTIONS[0][1],
            "way_of_working": _("Hvordan bør det jobbes?"),
            "arenas_to_develop": _("Hvilke arenaer må utvikles?"),
            "arenas_to_discontinue": _(
                "Hvilke arenaer kan saneres (legges ned eller slås sammen)?"
            ),
            "goal": QUESTIONS[3][1],
            "horizon": QUESTIONS[5][1],
            "start_year": _("Startår"),
            "start_term": _("Start"),
            "end_year": _("Sluttår"),
            "end_term": _("Slutt"),
        }
        help_texts = {
            "title": _("Et kort navn som sier hva tiltaket er."),
            "problem_areas": _("Velg én eller flere."),
            "target_groups": _("Velg én eller flere."),
            "plan_goals": _("Valgfritt."),
            "description": _("Hva er problemet, og hva vil dere gjøre med det?"),
            "way_of_working": _("Hvordan skal dere samarbeide? Hvilke møteplasser trengs?"),
            "arenas_to_develop": _("Én møteplass per linje."),
            "arenas_to_discontinue": _("Én møteplass per linje."),
            "goal": _("Hva er oppnådd når tiltaket virker? Gjerne noe som kan telles."),
            "horizon": _(
                "Kort sikt (under 1 år), mellomlang (1–3 år) eller lang sikt (over 3 år / varig)?"
            ),
            "start_year": _("For eksempel 2026."),
            "end_year": _("La stå tomt hvis tiltaket er varig."),
        }
        widgets = {
            "problem_areas": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "plan_goals": forms.CheckboxSelectMultiple,
            "direction": forms.RadioSelect,
            "horizon": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 7}),
            "way_of_working": forms.Textarea(attrs={"rows": 5}),
            "arenas_to_develop": forms.Textarea(attrs={"rows": 3}),
            "arenas_to_discontinue": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 4}),
            "start_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "end_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        error_messages = {
            "title": {"required": _("Gi tiltaket et navn.")},
            "start_year": {"invalid": _("Skriv året med fire siffer, for eksempel 2026.")},
            "end_year": {"invalid": _("Skriv året med fire siffer, for eksempel 2029.")},
        }

    def __init__(self, *args, arena, only=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if only is not None and name not in only:
                del self.fields[name]
        choices = {
            "problem_areas": arena.problem_areas.all(),
            "target_groups": arena.target_groups.all(),
            "plan_goals": PlanGoal.objects.filter(plan__arenas=arena).select_related("plan"),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset
        # Radio buttons need no "---------": not choosing is leaving them all unticked.
        for name, choices in (
            ("direction", Measure.Direction.choices),
            ("horizon", Measure.Horizon.choices),
        ):
            if name in self.fields:
                self.fields[name].choices = choices
        for name in ("start_term", "end_term"):
            if name in self.fields:
                self.fields[name].choices = [("", _("Velg"))] + list(Measure.Term.choices)

    def clean_start_year(self):
        return _sensible_year(self.cleaned_data.get("start_year"))

    def clean_end_year(self):
        return _sensible_year(self.cleaned_data.get("end_year"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error(
                "end_year",
                forms.ValidationError(
                    _("Sluttåret kan ikke være før startåret."), code="end_before_start"
                ),
            )
        return data


def _sensible_year(year):
    if year is not None and not 2000 <= year <= 2100:
        raise forms.ValidationError(_("Skriv et år mellom 2000 og 2100."), code="year_out_of_range")
    return year
