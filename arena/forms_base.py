"""What every app's forms share. It lives in the base app, so that participants and measures
both import it downwards."""

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

DASHES = BLANK_CHOICE_DASH[0][1]  # Django's "---------"
EMPTY_CHOICE = _("Velg …")


def _plain_empty_choice(field):
    """ "Velg …" instead of Django's "---------" as a select's empty choice."""
    if getattr(field, "empty_label", None) == DASHES:
        field.empty_label = EMPTY_CHOICE
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DASHES):
            field.choices = [("", EMPTY_CHOICE), *choices[1:]]


def style_fields(form):
    """Bootstrap classes on every widget; our own field template renders the rest."""
    for field in form.fields.values():
        _plain_empty_choice(field)
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
    """Mixed in before the Django form class: Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
