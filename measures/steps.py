"""The editor's steps: what each screen asks, in the invitation's order."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from measures.forms_rows import ActorFormSet, FundingFormSet, IndicatorFormSet
from measures.models import QUESTIONS


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    fields: tuple = ()
    rows: str = ""
    question: int = 0
    help: str = ""
    example: str = ""
    # The one field whose label is the question itself: the heading says it, the label hides.
    answer_field: str = ""

    @property
    def formset_class(self):
        return {"actors": ActorFormSet, "indicators": IndicatorFormSet, "fundings": FundingFormSet}[
            self.rows
        ]

    @property
    def heading(self):
        if not self.question:
            return self.name
        return f"{self.question}. {QUESTIONS[self.question - 1][1]}"


STEPS = (
    Step(
        0,
        _("Tittel og tema"),
        fields=("title", "problem_areas", "target_groups", "direction", "plan_goals"),
        help=_("Gi tiltaket et navn, og si hva det handler om og hvem det er for."),
    ),
    Step(
        1,
        _("Tiltaket"),
        fields=("description",),
        answer_field="description",
        question=1,
        help=_("Hva er problemet, og hva vil dere gjøre med det?"),
        example=_(
            "Mange lærlingplasser i industrien står tomme, mens elever på yrkesfag ikke får "
            "læreplass. Vi vil lage en felles formidlingsordning mellom skolene og bedriftene."
        ),
    ),
    Step(
        2,
        _("Aktører"),
        rows="actors",
        question=2,
        help=_("Legg til hver organisasjon og hva den skal gjøre. Én må være ansvarlig."),
        example=_(
            "Buskerud fylkeskommune – ansvarlig; NHO Buskerud – rekrutterer bedrifter; "
            "NAV – følger opp unge utenfor skole og arbeid."
        ),
    ),
    Step(
        3,
        _("Arbeidsform"),
        fields=("way_of_working", "arenas_to_develop", "arenas_to_discontinue"),
        question=3,
        help=_(
            "Hvordan skal dere samarbeide? Hvilke møteplasser trengs, og hvilke kan legges ned?"
        ),
        example=_(
            "Månedlig formidlingsmøte per region; det gamle rådet for fag- og yrkesopplæring "
            "slås sammen med dette."
        ),
    ),
    Step(
        4,
        _("Mål"),
        fields=("goal",),
        rows="indicators",
        answer_field="goal",
        question=4,
        help=_("Hva er oppnådd når tiltaket virker? Gjerne noe som kan telles."),
        example=_("80 % av søkerne til læreplass får plass innen 1. oktober 2027."),
    ),
    Step(
        5,
        _("Finansiering"),
        rows="fundings",
        question=5,
        help=_("Hvem kan betale, og er det avklart?"),
        example=_("Fylkeskommunen (egne midler, avklart); HK-dir (tilskudd, må søkes)."),
    ),
    Step(
        6,
        _("Tidsperspektiv"),
        fields=("horizon", "start_year", "start_term", "end_year", "end_term"),
        answer_field="horizon",
        question=6,
        help=_(
            "Kort sikt (under 1 år), mellomlang (1–3 år) eller lang sikt (over 3 år / varig)? "
            "Når starter det?"
        ),
        example=_("Mellomlang: høsten 2026 til våren 2029."),
    ),
)
REVIEW = len(STEPS)
