"""The facilitator's controls of the room: what the projector shows and the phones' message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from measures.models import Room


class ProjectorForm(forms.Form):
    """One form behind several buttons: a mode button sends `mode`, the gallery's arrows send
    `step`, the big-text field sends `screen_message` (and `mode=message`)."""

    mode = forms.ChoiceField(choices=Room.Mode.choices, required=False)
    step = forms.TypedChoiceField(
        choices=[("1", "1"), ("-1", "-1")], coerce=int, required=False, empty_value=0
    )
    screen_message = forms.CharField(
        label=_("Stor tekst på skjermen"), max_length=200, required=False
    )


class BroadcastForm(forms.Form):
    text = forms.CharField(
        label=_("Melding til alle telefoner"),
        max_length=200,
        required=False,
        help_text=_("Kort, for eksempel «5 minutter igjen». Tom melding fjerner den."),
    )
