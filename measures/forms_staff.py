"""Staff forms on the measures: the overview's filters, the status move and the contact person."""

from django import forms
from django.utils.translation import gettext_lazy as _

from measures.forms_gallery import MeasureFilterForm
from measures.models import Measure


class StaffMeasureFilterForm(MeasureFilterForm):
    """The participants' filters plus status: staff look for what is agreed, stalled, stopped."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *Measure.Status.choices]
    )

    def filter(self, measures):
        measures = super().filter(measures)
        if self.is_bound and self.is_valid() and self.cleaned_data["status"]:
            measures = measures.filter(status=self.cleaned_data["status"])
        return measures


class MeasureStatusForm(forms.Form):
    """A plain form, not a ModelForm: the service decides whether the move is allowed, and a
    refused move must leave the measure on the page as it is."""

    status = forms.ChoiceField(label=_("Ny status"), choices=Measure.Status.choices)

    def __init__(self, *args, measure, **kwargs):
        kwargs.setdefault("initial", {"status": measure.status})
        super().__init__(*args, **kwargs)
        self.fields["status"].help_text = _(
            "Utkast → sendt inn → prioritert → vedtatt → startet → fullført, eller stanset. "
            "Et vedtatt tiltak må ha én ansvarlig aktør."
        )


class MeasureContactForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["contact_name", "contact_email"]
        labels = {
            "contact_name": _("Kontaktperson"),
            "contact_email": _("E-post til kontaktpersonen"),
        }
        help_texts = {
            "contact_name": _("Den som rapporterer status for tiltaket etter arenaen."),
            "contact_email": _("Oppfølgingslenken sendes hit."),
        }
        error_messages = {
            "contact_email": {"invalid": _("Skriv en e-postadresse, for eksempel kari@bfk.no.")}
        }
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())

    def save(self, commit=True):
        # Only these two fields: a full save would write back every answer as it was when the
        # page was read, over whatever a group autosaved a moment ago.
        self.instance.save(update_fields=["contact_name", "contact_email", "updated_at"])
        return self.instance
