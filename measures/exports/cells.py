"""What every tabular export shares: safe cells and the measure columns."""

from django.utils.translation import gettext as _

from arena.text import clean_text

# A spreadsheet reads a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet could run as a formula gets a leading apostrophe, which Excel and
    LibreOffice show as text; numbers and dates pass through."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Input is cleaned on the way in; this also covers rows written by other means.
        value = clean_text(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def measure_header(summary):
    return [
        _("ID"),
        _("Tiltak"),
        _("Bord"),
        _("Status"),
        _("Problemstillinger"),
        _("Målgrupper"),
        _("Retning"),
        *(f"{n}. {q}" for n, q in enumerate(summary.questions, start=1)),
        _("Ansvarlig"),
        _("Besvarte spørsmål (av 6)"),
        _("Prikker"),
        _("Blir med"),
    ]


def measure_row(measure):
    return [
        measure.pk,
        measure.title,
        measure.group,
        measure.status_label,
        "; ".join(measure.problem_areas),
        "; ".join(measure.target_groups),
        measure.direction_label,
        *(answer.text for answer in measure.answers),
        measure.lead.organisation if measure.lead else "",
        measure.answered_count,
        measure.dots,
        len(measure.commitments),
    ]
