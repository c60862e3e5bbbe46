"""XLSX for analysts: one sheet per subject, joined by the measure's stable id.

Every sheet about measures starts with the columns ID and Tiltak, so that sheets join on the id
(titles change and repeat). Problem areas and target groups are one row per measure × value in a
long-format sheet, so that filters work. Amounts are numbers with a kr format, dates are dates,
moderated (hidden) comments are left out. Text is stored as text: an XLSX text cell is never a
formula, so text starting with "-" or "=" keeps no visible apostrophe; `quotePrefix` keeps it
text when someone edits the cell.
"""

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from arena.text import without_control_characters
from measures.exports.cells import FORMULA_STARTS

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B5394")
MAX_WIDTH = 60
KR = '#,##0 "kr"'
DATE = "DD.MM.YYYY"
DATETIME = "DD.MM.YYYY HH:MM"


class Kr(int):
    """An amount in kroner: written as a number with the kr format."""


def _id_columns():
    return [_("ID"), _("Tiltak")]


def _kr(value):
    return None if value is None else Kr(value)


def _overview(summary):
    k = summary.key_figures
    return (
        _("Oversikt"),
        [_("Nøkkeltall"), _("Verdi")],
        [
            [_("Arena"), summary.arena_title],
            [_("Første dag"), summary.start_date],
            [_("Siste dag"), summary.end_date],
            [_("Tiltak"), k.measures],
            [_("Med svar på alle seks spørsmål"), k.complete],
            [_("Prioritert"), k.prioritised],
            [_("Vedtatt"), k.agreed],
            [_("Deltakere"), k.participants],
            [_("Organisasjoner til stede"), k.organisations_present],
            [_("Aktører med rolle i tiltak"), k.actors_in_measures],
            [_("Prikker gitt"), k.dots],
            [_("«Vi blir med»"), k.commitments],
            [_("Hull i dekningen"), k.gaps],
            [_("Søkt eller mulig (kr)"), Kr(summary.financing.amount_sought)],
            [_("Avklart (kr)"), Kr(summary.financing.amount_committed)],
        ],
    )


def _measures(summary):
    header = [
        *_id_columns(),
        _("Bord"),
        _("Status"),
        _("Retning"),
        *(f"{n}. {q}" for n, q in enumerate(summary.questions, start=1)),
        _("Ansvarlig"),
        _("Besvarte spørsmål (av 6)"),
        _("Prikker"),
        _("Blir med"),
        _("Søkt eller mulig (kr)"),
        _("Avklart (kr)"),
        _("Kontaktperson"),
        _("E-post"),
        _("Oppfølging"),
        _("Oppfølging, dato"),
        _("Oppfølging, kort om status"),
        _("Startår"),
        _("Sluttår"),
    ]
    rows = [
        [
            m.pk,
            m.title,
            m.group,
            m.status_label,
            m.direction_label,
            *(a.text for a in m.answers),
            m.lead.organisation if m.lead else "",
            m.answered_count,
            m.dots,
            len(m.commitments),
            Kr(m.amount_sought),
            Kr(m.amount_committed),
            m.contact_name,
            m.contact_email,
            m.followup_status_label,
            m.followup_on,
            m.followup_text,
            m.start_year,
            m.end_year,
        ]
        for m in summary.measures
    ]
    return _("Tiltak"), header, rows


def sheets(summary):
    """(sheet title, header, rows) for every sheet, in workbook order."""
    measures = summary.measures
    votes = summary.has_votes
    return [
        _overview(summary),
        _measures(summary),
        (
            _("Tema og målgrupper"),
            [*_id_columns(), _("Slag"), _("Verdi")],
            [
                *(
                    [m.pk, m.title, _("Problemstilling"), area]
                    for m in measures
                    for area in m.problem_areas
                ),
                *(
                    [m.pk, m.title, _("Målgruppe"), group]
                    for m in measures
                    for group in m.target_groups
                ),
            ],
        ),
        (
            _("Aktører og roller"),
            [*_id_columns(), _("Aktør"), _("Type aktør"), _("Rolle"), _("Hva aktøren skal gjøre")],
            [
                [m.pk, m.title, a.organisation, a.kind_label, a.role_label, a.role_text]
                for m in measures
                for a in m.actors
            ],
        ),
        (
            _("Per aktør"),
            [
                _("Aktør"),
                _("Type aktør"),
                _("Ansvarlig for"),
                _("Partner i"),
                _("Bidrar i"),
                _("Finansierer"),
                _("Tiltak i alt"),
            ],
            [
                [
                    a.name,
                    a.kind_label,
                    len(a.lead),
                    len(a.partner),
                    len(a.contributor),
                    len(a.financier),
                    a.total,
                ]
                for a in summary.actors
            ],
        ),
        (
            _("Finansiering"),
            [*_id_columns(), _("Finansiør"), _("Type"), _("Status"), _("Beløp (kr)")],
            [
                [m.pk, m.title, f.financier, f.kind_label, f.status_label, _kr(f.amount)]
                for m in measures
                for f in m.fundings
            ],
        ),
        (
            _("Finansiører"),
            [
                _("Finansiør"),
                _("Tiltak"),
                _("Søkt eller mulig (kr)"),
                _("Avklart (kr)"),
                _("Avklart uten beløp"),
                _("Også kalt"),
            ],
            [
                [
                    f.name,
                    f.measures,
                    Kr(f.amount_sought),
                    Kr(f.amount_committed),
                    f.committed_without_amount,
                    "; ".join(f.also_named),
                ]
                for f in summary.financing.financiers
            ],
        ),
        (
            _("Indikatorer"),
            [*_id_columns(), _("Indikator"), _("Målverdi"), _("Innen")],
            [[m.pk, m.title, i.indicator, i.target, i.due] for m in measures for i in m.indicators],
        ),
        (
            _("Stemmer"),
            [*_id_columns(), _("Plass"), _("Prikker"), _("Stemt av"), _("Blir med")],
            # Without votes there is no ranking: the rank stays empty rather than "1" for all.
            [
                [m.pk, m.title, rank if votes else None, m.dots, m.voters, len(m.commitments)]
                for rank, m in _ranked(summary)
            ],
        ),
        (
            _("Vi blir med"),
            [*_id_columns(), _("Aktør"), _("Rolle"), _("Hva de kan bidra med"), _("Sagt av")],
            [
                [m.pk, m.title, c.organisation, c.role_label, c.text, c.said_by]
                for m in measures
                for c in m.commitments
            ],
        ),
        (
            _("Kommentarer"),
            [*_id_columns(), _("Skrevet av"), _("Kommentar"), _("Skrevet")],
            [
                [m.pk, m.title, c.author, c.text, c.created_at]
                for m in measures
                for c in m.comments
                if not c.hidden  # moderated away: not for the county's files
            ],
        ),
        (
            _("Oppfølging"),
            [
                *_id_columns(),
                _("Status for tiltaket"),
                _("Ansvarlig"),
                _("Kontaktperson"),
                _("E-post"),
                _("Siste rapport"),
                _("Dato"),
                _("Kort om status"),
            ],
            [
                [
                    m.pk,
                    m.title,
                    m.status_label,
                    m.lead.organisation if m.lead else "",
                    m.contact_name,
                    m.contact_email,
                    m.followup_status_label,
                    m.followup_on,
                    m.followup_text,
                ]
                for m in summary.followed_measures
            ],
        ),
    ]


def _ranked(summary):
    """(rank, measure) in the ranking's order: equal dots share a rank, as in the summary."""
    order = sorted(
        summary.measures, key=lambda m: (-m.dots, -len(m.commitments), m.title.casefold())
    )
    ranks = {}
    rank, previous = 0, None
    for position, m in enumerate(order, start=1):
        if m.dots != previous:
            rank, previous = position, m.dots
        ranks[m.pk] = rank
    return [(ranks[m.pk], m) for m in order]


def _cell(sheet, value):
    if isinstance(value, Kr):
        cell = WriteOnlyCell(sheet, int(value))
        cell.number_format = KR
        return cell
    if isinstance(value, datetime.datetime):
        naive = (
            timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        )
        cell = WriteOnlyCell(sheet, naive)
        cell.number_format = DATETIME
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE
        return cell
    if isinstance(value, str):
        value = without_control_characters(value)
        if value.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # text, never a formula, and no visible apostrophe
            cell.quotePrefix = True
            return cell
        return value
    return value


def _width(value):
    if isinstance(value, datetime.date):
        return 16
    return min(MAX_WIDTH, len(str(value if value is not None else "")))


def render(summary, options=None):
    # write_only: rows stream out instead of living as cell objects (the big sheets are 10,000
    # rows at 1,000 measures).
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets(summary):
        sheet = workbook.create_sheet(title[:31])
        widths = [len(str(h)) for h in header]
        for row in rows:
            widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
        sheet.freeze_panes = "A2"
        last = f"{get_column_letter(len(header))}{len(rows) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"
        head = []
        for text in header:
            cell = WriteOnlyCell(sheet, str(text))
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            head.append(cell)
        sheet.append(head)
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
