"""Forms of the gallery walk: the filters over the measures, a comment, a commitment."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from arena.forms_base import StyledForm
from measures.models import Comment, Commitment


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


class CommentForm(StyledForm, forms.ModelForm):
    # Given out with the page; the same key twice (a double tap, 20 parallel posts) is one
    # comment (`services.comment_add`). A post without one still works, without that guard.
    creation_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"creation_key": uuid.uuid4()})
        super().__init__(*args, **kwargs)

    class Meta:
        model = Comment
        fields = ["text"]
        labels = {"text": _("Din kommentar")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Skriv en kommentar først.")}}


class CommitmentForm(StyledForm, forms.ModelForm):
    """ "Vi blir med" says what the organisation will do: a role and one line, both asked
    for, so that one tap no longer commits an organisation to nothing in particular."""

    class Meta:
        model = Commitment
        fields = ["role_kind", "text"]
        labels = {
            "role_kind": _("Hvilken rolle kan dere ta?"),
            "text": _("Hva kan dere bidra med?"),
        }
        help_texts = {
            "text": _("Én linje, for eksempel «Vi stiller med to veiledere»."),
        }
        error_messages = {
            "role_kind": {"required": _("Velg hvilken rolle dere kan ta.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        role = self.fields["role_kind"]
        role.choices = [("", _("Velg en rolle")), *Commitment._meta.get_field("role_kind").choices]
        if self.instance.pk is None:
            role.initial = ""
        text = self.fields["text"]
        text.required = True
        text.error_messages["required"] = _("Skriv kort hva dere kan bidra med.")
