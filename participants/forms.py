"""The join steps. What is typed is kept in the session between steps, so no step loses it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arena.access import joinable_arena
from arena.forms_base import StyledForm
from participants.models import Organisation, Participant

WRONG_CODE = _("Vi finner ingen arena med den koden. Sjekk koden på skjermen og prøv igjen.")


class JoinCodeForm(StyledForm, forms.Form):
    code = forms.CharField(
        label=_("Skriv inn koden fra skjermen"),
        # Room for a whole pasted join link, which gives its code (`normalize_join_code`).
        max_length=300,
        help_text=_(
            "For eksempel ABC-1234. Store eller små bokstaver, med eller uten bindestrek. "
            "Du kan også lime inn hele lenken."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,  # the only field of the page: ready to type
            }
        ),
        error_messages={"required": _("Skriv inn koden fra skjermen.")},
    )

    def clean_code(self):
        self.arena = joinable_arena(self.cleaned_data["code"])
        if self.arena is None:
            raise forms.ValidationError(WRONG_CODE, code="unknown_code")
        return self.arena.join_code


class JoinDetailsForm(StyledForm, forms.ModelForm):
    """Name, organisation (found in the registry or added) and the optional e-mail."""

    organisation_query = forms.CharField(
        label=_("Hvem representerer du?"),
        required=False,
        max_length=200,
        help_text=_("Skriv noen bokstaver i navnet, så søker vi i listen over aktører."),
        widget=forms.TextInput(attrs={"autocomplete": "organization", "type": "search"}),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),  # the arena's choice, set in __init__
        required=False,
        widget=forms.HiddenInput,
    )
    new_organisation_name = forms.CharField(
        label=_("Navn på aktøren"), required=False, max_length=200
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Type aktør"),
        required=False,
        choices=[("", _("Velg type"))] + list(Organisation.Kind.choices),
    )

    class Meta:
        model = Participant
        fields = ["display_name", "email", "consents_to_followup"]
        labels = {
            "display_name": _("Hva heter du?"),
            "email": _("E-post (valgfritt)"),
            "consents_to_followup": _("Ja, send meg e-post om oppfølgingen av tiltakene"),
        }
        help_texts = {
            "display_name": _("Navnet vises for de andre ved bordet."),
            "email": _("Vi sender deg lenken din, så du kan fortsette på en annen enhet."),
        }
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "name"})}
        error_messages = {"display_name": {"required": _("Skriv navnet ditt.")}}

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what this arena's people are offered: another arena's unconfirmed additions
        # cannot be picked by posting their id (decision 30).
        self.offered = Organisation.objects.for_arena(arena)
        self.fields["organisation"].queryset = self.offered

    def clean(self):
        data = super().clean()
        if data.get("consents_to_followup") and not data.get("email"):
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Skriv e-postadressen din, eller fjern haken for e-post."),
                    code="consent_without_email",
                ),
            )
        if not data.get("organisation"):
            self._clean_organisation(data)
        return data

    def _clean_organisation(self, data):
        name = " ".join((data.get("new_organisation_name") or "").split())
        if name:
            if not data.get("new_organisation_kind") and not (
                Organisation.objects.filter(name__iexact=name).exists()
            ):
                self.add_error(
                    "new_organisation_kind",
                    forms.ValidationError(
                        _("Velg hva slags aktør «%(name)s» er."),
                        code="no_kind",
                        params={"name": name},
                    ),
                )
            return
        # Typed the exact name of a registry entry without picking it from the list: take it.
        query = " ".join((data.get("organisation_query") or "").split())
        data["organisation"] = self.offered.filter(name__iexact=query).first() if query else None
        if data["organisation"] is None:
            self.add_error(
                "organisation_query",
                forms.ValidationError(
                    _("Velg hvem du representerer i listen, eller legg til en ny aktør."),
                    code="no_organisation",
                ),
            )


class JoinGroupForm(StyledForm, forms.Form):
    group = forms.ModelChoiceField(
        queryset=None,
        label=_("Hvilket bord sitter du ved?"),
        error_messages={"required": _("Velg bordet du sitter ved.")},
    )

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = arena.groups.all()
