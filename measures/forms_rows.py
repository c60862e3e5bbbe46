"""The rows of a measure (actors, indicators, funding) as inline formsets.

Each field carries the value it was shown with, so that `changed_rows` can hand
`measures.services.measure_rows_save` plain values: what this person changed and what they
saw. The service, not the form, writes the rows and creates a new organisation.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from arena.forms_base import StyledForm
from measures.models import Funding, Indicator, Measure, MeasureActor
from participants.models import Organisation


class _RowForm(StyledForm, forms.ModelForm):
    """A row of a formset. Each field carries the value it was shown with (hidden initial), so
    a save writes only what this person changed and keeps what others changed meanwhile."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.widget.is_hidden or isinstance(field, forms.BooleanField):
                continue
            field.show_hidden_initial = True

    def row_change(self, *, order):
        """This row as plain values for `measure_rows_save`: its id, whether to remove it, the
        cleaned values, which of them this person changed, and what the page showed for those
        (as Python values, to compare with the database). `order` places a new row."""
        names = [*self._meta.fields, *self.declared_fields]
        changed = [name for name in self.changed_data if name in names]
        return {
            "pk": self.instance.pk,
            "delete": bool(self.cleaned_data.get("DELETE")),
            "values": {name: self.cleaned_data.get(name) for name in [*names, "organisation"]},
            "changed": changed,
            "shown": {name: self._shown(name) for name in changed},
            "order": order,
        }

    def _shown(self, name):
        field = self.fields[name]
        raw = field.widget.value_from_datadict(self.data, self.files, self.add_initial_prefix(name))
        try:
            value = field.to_python(raw)
            return field._coerce(value) if hasattr(field, "_coerce") else value
        except forms.ValidationError:
            return raw  # unreadable: compared as text, so it counts as changed by others


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
        names, leads = set(), 0
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
            leads += data.get("role_kind") == MeasureActor.Role.LEAD
        if leads > 1:
            raise forms.ValidationError(
                _("Bare én aktør kan være ansvarlig/eier. Velg en annen rolle for de andre."),
                code="several_leads",
            )


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


def changed_rows(formset):
    """The forms of the rows this person changed, and the same rows as plain values for
    `measures.services.measure_rows_save` (a clash it reports is shown on the form at the same
    position). A new row goes after the rows shown."""
    changed = [form for form in formset.forms if form.has_changed()]
    return changed, [form.row_change(order=len(formset.forms)) for form in changed]
