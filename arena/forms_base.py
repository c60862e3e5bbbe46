"""What every app's forms share. It lives in the base app, so that participants and measures
both import it downwards."""

from django import forms


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
    """Mixed in before the Django form class: Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
