"""What the project lead chooses before exporting: which measures, which language, which layout,
and the proposed decision text. The same choices come from the summary page's form and from
`export_arena`'s options, so both produce the same file."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from measures.models import Measure

S = Measure.Status
# Which measures a report covers. "Submitted and later" is the default: a draft is a table's
# unfinished note, not something to put before politicians.
SCOPES = {
    "submitted": tuple(s for s in S.values if s != S.DRAFT),
    "agreed": (S.PRIORITISED, S.AGREED, S.STARTED, S.COMPLETED),
    "all": tuple(S.values),
}
SCOPE_CHOICES = (
    ("submitted", _("Innsendte og videre (ikke utkast)")),
    ("agreed", _("Bare prioriterte og vedtatte")),
    ("all", _("Alle, også utkast")),
)
DRAFT_CHOICES = (
    ("omit", _("Utelat utkast")),
    ("appendix", _("Utkast som vedlegg")),
)
LAYOUT_CHOICES = (
    ("flow", _("Tiltakene etter hverandre")),
    ("page", _("Ett tiltak per side")),
)
DECISION_MAX = 4000
# Word and LibreOffice want a region: these are the proofing languages of each report language.
PROOFING_LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


@dataclass(frozen=True)
class ExportOptions:
    scope: str = "submitted"
    drafts: str = "omit"
    language: str = ""  # empty: the arena's default language
    layout: str = "flow"
    decision: str = ""

    @property
    def statuses(self):
        return SCOPES[self.scope]

    @property
    def drafts_appendix(self):
        return self.drafts == "appendix" and S.DRAFT not in self.statuses

    @property
    def one_page_per_measure(self):
        return self.layout == "page"

    def for_arena(self, arena):
        """The options with the language filled in from the arena when none was chosen."""
        if self.language:
            return self
        return ExportOptions(
            self.scope, self.drafts, arena.default_language, self.layout, self.decision
        )


class ExportOptionsForm(forms.Form):
    """The choices on the summary page; sent with GET, since an export changes nothing."""

    omfang = forms.ChoiceField(
        label=_("Hvilke tiltak"),
        choices=SCOPE_CHOICES,
        initial="submitted",
        required=False,
        widget=forms.RadioSelect,
    )
    utkast = forms.ChoiceField(
        label=_("Utkast"),
        choices=DRAFT_CHOICES,
        initial="omit",
        required=False,
        widget=forms.RadioSelect,
    )
    sprak = forms.ChoiceField(
        label=_("Språk"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    oppsett = forms.ChoiceField(
        label=_("Oppsett"),
        choices=LAYOUT_CHOICES,
        initial="flow",
        required=False,
        widget=forms.RadioSelect,
    )
    vedtak = forms.CharField(
        label=_("Forslag til vedtak"),
        help_text=_("Står i sammendraget i Word- og PDF-rapporten. Kan stå tomt."),
        max_length=DECISION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def options(self, arena):
        """The chosen options, or the defaults for whatever is missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return ExportOptions(
            scope=data.get("omfang") or "submitted",
            drafts=data.get("utkast") or "omit",
            language=data.get("sprak") or arena.default_language,
            layout=data.get("oppsett") or "flow",
            decision=(data.get("vedtak") or "").strip(),
        )
