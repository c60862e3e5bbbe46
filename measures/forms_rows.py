"""The rows of a measure (actors, indicators, funding) as inline formsets.

Each field carries the value it was shown with (the base of the three-way merge). The editor's
services (`measures.editor_rows`), not the form, write the rows and create a new organisation.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from arena.forms_base import StyledForm
from measures.models import Funding, Indicator, Measure, MeasureActor
from measures.models.rows import MAX_ROWS
from participants.models import Organisation


class _RowForm(StyledForm, forms.ModelForm):
    """A row: in the plain step's formset, and alone in the editor's row services."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.widget.is_hidden or isinstance(field, forms.BooleanField):
                continue
            field.show_hidden_initial = True


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
        # The registry entry, if there is one; the service creates a new one from the name.
        data["organisation"] = Organisation.objects.filter(name__iexact=name).first()
        if data["organisation"] is None and not data.get("new_kind"):
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
    max_num=MAX_ROWS,
)
IndicatorFormSet = forms.inlineformset_factory(
    Measure,
    Indicator,
    form=IndicatorForm,
    formset=_Rows,
    extra=1,
    can_delete=True,
    max_num=MAX_ROWS,
)
FundingFormSet = forms.inlineformset_factory(
    Measure, Funding, form=FundingForm, formset=_Rows, extra=1, can_delete=True, max_num=MAX_ROWS
)
