"""The measure owner's status report, through their personal follow-up link."""

from django import forms
from django.utils.translation import gettext_lazy as _

from measures.models import FollowUpUpdate


class FollowUpUpdateForm(forms.ModelForm):
    class Meta:
        model = FollowUpUpdate
        fields = ["status", "text", "reported_by"]
        labels = {
            "status": _("Hvordan står det til med tiltaket?"),
            "text": _("Kort om status"),
            "reported_by": _("Ditt navn"),
        }
        help_texts = {
            "text": _(
                "Hva er gjort siden sist, og hva skjer videre? To–tre setninger holder "
                "(høyst 2000 tegn)."
            ),
        }
        widgets = {
            "status": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 4}),  # maxlength: from the model
            "reported_by": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio list needs no empty "---------" choice; the field is still required.
        self.fields["status"].choices = FollowUpUpdate.Status.choices

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if (
            self.cleaned_data.get("status")
            in (
                FollowUpUpdate.Status.DELAYED,
                FollowUpUpdate.Status.STOPPED,
            )
            and not text
        ):
            raise forms.ValidationError(
                _("Skriv kort hvorfor tiltaket er forsinket eller stanset."),
                code="reason_required",
            )
        return text
