"""Forms of the participant workshop: the measure's steps, its rows, comments and filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arena.models import PlanGoal
from measures.models import (
    QUESTIONS,
    Comment,
    Commitment,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
)
from participants.models import Organisation
from participants.services import organisation_get_or_create

# Fields whose value is a set of rows of another table; compared as sorted ids.
M2M_FIELDS = ("problem_areas", "target_groups", "plan_goals")
TEXT_FIELDS = (
    "title",
    "description",
    "way_of_working",
    "arenas_to_develop",
    "arenas_to_discontinue",
    "goal",
)


def style_fields(form):
    """Bootstrap classes on every widget; our own field template renders the rest."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = css
    return form


class StyledForm:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class MeasureFilterForm(StyledForm, forms.Form):
    problem_area = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Problemstilling"), empty_label=_("Alle")
    )
    target_group = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Målgruppe"), empty_label=_("Alle")
    )
    group = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Bord"), empty_label=_("Alle")
    )

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem_area"].queryset = arena.problem_areas.all()
        self.fields["target_group"].queryset = arena.target_groups.all()
        self.fields["group"].queryset = arena.groups.all()

    def filter(self, measures):
        if not self.is_bound or not self.is_valid():
            return measures
        data = self.cleaned_data
        if data["problem_area"]:
            measures = measures.filter(problem_areas=data["problem_area"])
        if data["target_group"]:
            measures = measures.filter(target_groups=data["target_group"])
        if data["group"]:
            measures = measures.filter(group=data["group"])
        return measures.distinct()


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


class _RowForm(StyledForm, forms.ModelForm):
    """A row: in the plain step's formset, and alone in the editor's row services. Each field
    carries the value it was shown with (hidden initial): the base of the three-way merge."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.widget.is_hidden or isinstance(field, forms.BooleanField):
                continue
            field.show_hidden_initial = True

    def apply(self, row, *, is_new, skip=()):
        """Copy onto `row` what this person changed (everything, for a new row), except the
        fields in `skip`."""
        # Only this form's own fields: an inline formset appends its foreign key to the shared
        # Meta.fields list, and the editor's row services use the form without a formset.
        for name in self._meta.fields:
            if name not in self.fields:
                continue
            if (is_new or name in self.changed_data) and name not in skip:
                setattr(row, name, self.cleaned_data[name])


class ActorForm(_RowForm):
    organisation_name = forms.CharField(
        label=_("Aktør"),
        max_length=200,
        help_text=_("Skriv navnet; velg fra listen hvis den finnes."),
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off"}),
    )
    new_kind = forms.ChoiceField(
        label=_("Type aktør (bare hvis den er ny)"),
        required=False,
        choices=[("", _("Velg type"))] + list(Organisation.Kind.choices),
    )

    class Meta:
        model = MeasureActor
        fields = ["role_kind", "role_text"]
        labels = {"role_kind": _("Rolle"), "role_text": _("Hva skal aktøren gjøre?")}

    def apply(self, row, *, is_new, skip=()):
        super().apply(row, is_new=is_new, skip=skip)
        if (is_new or "organisation_name" in self.changed_data) and "organisation_name" not in skip:
            row.organisation = self.organisation or organisation_get_or_create(
                name=self.cleaned_data["organisation_name"], kind=self.cleaned_data["new_kind"]
            )

    field_order = ["organisation_name", "new_kind", "role_kind", "role_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["organisation_name"].initial = self.instance.organisation.name
        else:  # most actors are partners; one less thing to pick on a phone
            self.initial.setdefault("role_kind", MeasureActor.Role.PARTNER)
            if not self.initial["role_kind"]:
                self.initial["role_kind"] = MeasureActor.Role.PARTNER

    def clean(self):
        data = super().clean()
        name = " ".join((data.get("organisation_name") or "").split())
        if not name:
            return data
        self.organisation = Organisation.objects.filter(name__iexact=name).first()
        if self.organisation is None and not data.get("new_kind"):
            self.add_error(
                "new_kind",
                forms.ValidationError(
                    _("«%(name)s» finnes ikke i listen ennå. Velg hva slags aktør det er."),
                    code="unknown_organisation",
                    params={"name": name},
                ),
            )
        return data


class IndicatorForm(_RowForm):
    class Meta:
        model = Indicator
        fields = ["indicator", "target", "due"]
        labels = {
            "indicator": _("Hva skal måles?"),
            "target": _("Målverdi"),
            "due": _("Innen (dato)"),
        }
        help_texts = {"target": _("For eksempel 80 %.")}
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class FundingForm(_RowForm):
    financier = forms.CharField(
        label=_("Finansiør"),
        max_length=200,
        help_text=_("En aktør fra listen, eller en annen kilde, f.eks. Erasmus+."),
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off"}),
    )

    class Meta:
        model = Funding
        fields = ["kind", "status", "amount"]
        labels = {"kind": _("Type"), "status": _("Er det avklart?"), "amount": _("Beløp (kr)")}
        help_texts = {"amount": _("Valgfritt.")}
        widgets = {"amount": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def apply(self, row, *, is_new, skip=()):
        super().apply(row, is_new=is_new, skip=skip)
        if (is_new or "financier" in self.changed_data) and "financier" not in skip:
            name = " ".join(self.cleaned_data["financier"].split())
            row.organisation = Organisation.objects.filter(name__iexact=name).first()
            row.source = "" if row.organisation else name

    field_order = ["financier", "kind", "status", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["financier"].initial = str(self.instance)


class _Rows(forms.BaseInlineFormSet):
    """Rows of a measure. A row someone else removed while this person had it on screen is
    saved again as a new row with what this person sees, instead of failing on its stale id."""

    def __init__(self, *args, **kwargs):
        # Actor and funding rows show their organisation's name: one query, not one per row.
        related = ["organisation"] if hasattr(self.model, "organisation") else []
        kwargs.setdefault("queryset", self.model._default_manager.select_related(*related))
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        pk_name = self.model._meta.pk.name
        removed = False
        if self.is_bound and i < self.initial_form_count():
            key = f"{self.add_prefix(i)}-{pk_name}"
            try:
                pk = self._get_to_python(self.model._meta.pk)(self.data.get(key))
            except forms.ValidationError:
                pk = None
            removed = pk is not None and self._existing_object(pk) is None
            if removed:
                self.data = self.data.copy()
                self.data[key] = ""
        form = super()._construct_form(i, **kwargs)
        if removed:  # no id to require: the row is new again
            form.fields[pk_name].required = False
        return form


class _ActorRows(_Rows):
    def clean(self):
        super().clean()
        names = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("organisation_name"):
                continue
            name = " ".join(data["organisation_name"].split()).lower()
            if name in names:
                raise forms.ValidationError(
                    _("Samme aktør står to ganger. Slå radene sammen til én."),
                    code="duplicate_actor",
                )
            names.add(name)
        # Two leads are not refused here: two people may choose one at the same moment. The
        # actors step says so at the field and offers the one-tap fix (`editor.lead_choose`).


ActorFormSet = forms.inlineformset_factory(
    Measure,
    MeasureActor,
    form=ActorForm,
    formset=_ActorRows,
    extra=1,
    can_delete=True,
    max_num=30,
)
IndicatorFormSet = forms.inlineformset_factory(
    Measure, Indicator, form=IndicatorForm, formset=_Rows, extra=1, can_delete=True, max_num=30
)
FundingFormSet = forms.inlineformset_factory(
    Measure, Funding, form=FundingForm, formset=_Rows, extra=1, can_delete=True, max_num=30
)


class CommentForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        labels = {"text": _("Din kommentar")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Skriv en kommentar først.")}}


class CommitmentForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["role_kind", "text"]
        labels = {
            "role_kind": _("Hvilken rolle kan dere ta?"),
            "text": _("Hva kan dere bidra med?"),
        }
