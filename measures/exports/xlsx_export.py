"""XLSX: one sheet per subject, header row frozen and filters on, text cells neutralised."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from measures.exports.cells import measure_header, measure_row, safe_cell

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B5394")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60


def sheets(summary):
    """(sheet title, header, rows) for every sheet, in workbook order."""
    measures = summary.measures
    k = summary.key_figures
    return [
        (
            _("Oversikt"),
            [_("Nøkkeltall"), _("Verdi")],
            [
                [_("Arena"), summary.arena_title],
                [_("Dato"), f"{summary.start_date:%d.%m.%Y}–{summary.end_date:%d.%m.%Y}"],
                [_("Tiltak"), k.measures],
                [_("Med svar på alle seks spørsmål"), k.complete],
                [_("Vedtatt"), k.agreed],
                [_("Deltakere"), k.participants],
                [_("Organisasjoner til stede"), k.organisations_present],
                [_("Aktører med rolle i tiltak"), k.actors_in_measures],
                [_("Prikker gitt"), k.dots],
                [_("«Vi blir med»"), k.commitments],
                [_("Hull i dekningen"), k.gaps],
            ],
        ),
        (_("Tiltak"), measure_header(summary), [measure_row(m) for m in measures]),
        (
            _("Aktører og roller"),
            [_("Tiltak"), _("Aktør"), _("Type aktør"), _("Rolle"), _("Hva aktøren skal gjøre")],
            [
                [m.title, a.organisation, a.kind_label, a.role_label, a.role_text]
                for m in measures
                for a in m.actors
            ],
        ),
        (
            _("Finansiering"),
            [_("Tiltak"), _("Finansiør"), _("Type"), _("Status"), _("Beløp (kr)")],
            [
                [m.title, f.financier, f.kind_label, f.status_label, f.amount]
                for m in measures
                for f in m.fundings
            ],
        ),
        (
            _("Indikatorer"),
            [_("Tiltak"), _("Indikator"), _("Målverdi"), _("Innen")],
            [[m.title, i.indicator, i.target, i.due] for m in measures for i in m.indicators],
        ),
        (
            _("Stemmer"),
            [_("Plass"), _("Tiltak"), _("Prikker"), _("Stemt av"), _("Blir med")],
            [[r.rank, r.title, r.dots, r.voters, r.commitments] for r in summary.ranking],
        ),
        (
            _("Vi blir med"),
            [_("Tiltak"), _("Aktør"), _("Rolle"), _("Hva de kan bidra med"), _("Sagt av")],
            [
                [title, c.organisation, c.role_label, c.text, c.said_by]
                for title, c in summary.commitments
            ],
        ),
        (
            _("Kommentarer"),
            [_("Tiltak"), _("Skrevet av"), _("Kommentar"), _("Skjult"), _("Skrevet")],
            [
                [
                    m.title,
                    c.author,
                    c.text,
                    _("ja") if c.hidden else _("nei"),
                    c.created_at.strftime("%Y-%m-%d %H:%M"),
                ]
                for m in measures
                for c in m.comments
            ],
        ),
    ]


def render(summary):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets(summary):
        sheet = workbook.create_sheet(title[:31])
        sheet.append([safe_cell(h) for h in header])
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        widths = [len(str(h)) for h in header]
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
            widths = [
                max(w, min(MAX_WIDTH, len(str(v or "")))) for w, v in zip(widths, row, strict=True)
            ]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = WRAP
                if cell.data_type == "f":  # never a formula, whatever the text
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
