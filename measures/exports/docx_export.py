"""DOCX: the report a county sends to its politicians, built with python-docx.

Cover, key figures, then per problem area each measure with its six answers as headings, and
actor and funding tables; the overview tables at the end. Norwegian headings throughout.
"""

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from measures.summaries import format_amount, report_sections

BLUE = RGBColor(0x0B, 0x53, 0x94)


def _style_id(document, name):
    """A style's id, looked up once per document: python-docx scans every style on each
    lookup (by name, and again to compare with the default), which made a long report slow."""
    cache = document.__dict__.setdefault("_style_ids", {})
    if name not in cache:
        cache[name] = document.styles[name].style_id
    return cache[name]


def _paragraph(document, text, style):
    paragraph = document.add_paragraph(text)
    paragraph._p.style = _style_id(document, style)
    return paragraph


def _heading(document, text, level):
    return _paragraph(document, text, f"Heading {level}")


def _table(document, header, rows, widths=None):
    table = document.add_table(rows=1, cols=len(header))
    table._tbl.tblStyle_val = _style_id(document, "Light Grid Accent 1")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    # Rows are built in the XML and appended: python-docx's `add_row` and `row.cells` each walk
    # the whole table, which made a 1,000-row ranking quadratic.
    column_widths = [Cm(w) for w in widths] if widths else [None] * len(header)
    for row in rows:
        tr = OxmlElement("w:tr")
        for value, width in zip(row, column_widths, strict=True):
            tc = tr.add_tc()
            if width is not None:
                tc.width = width
            _Cell(tc, table).text = "" if value is None else str(value)
        table._tbl.append(tr)
    if widths:
        for tc, width in zip(table._tbl.tr_lst[0].tc_lst, column_widths, strict=True):
            tc.width = width
    document.add_paragraph()
    return table


def _cover(document, summary):
    for _i in range(6):
        document.add_paragraph()
    kicker = document.add_paragraph(_("Oppsummering fra arena"))
    kicker.runs[0].font.size = Pt(14)
    kicker.runs[0].font.color.rgb = BLUE
    document.add_heading(summary.arena_title, level=0)
    dates = date_format(summary.start_date, "j. F Y")
    if summary.end_date != summary.start_date:
        dates = (
            f"{date_format(summary.start_date, 'j. F')}–{date_format(summary.end_date, 'j. F Y')}"
        )
    meta = document.add_paragraph(" · ".join(filter(None, [dates, summary.venue])))
    meta.runs[0].font.size = Pt(13)
    if summary.purpose:
        document.add_paragraph(summary.purpose)
    made = document.add_paragraph(
        _("Laget med Tiltaksarena %(date)s") % {"date": date_format(summary.generated_on, "j. F Y")}
    )
    made.runs[0].font.size = Pt(9)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _key_figures(document, summary):
    k = summary.key_figures
    _heading(document, _("Sammendrag"), 1)
    document.add_paragraph(
        _(
            "Arenaen kom fram til %(measures)d tiltak. %(complete)d av dem har svar på alle seks "
            "spørsmålene, og %(agreed)d er vedtatt. %(participants)d deltakere fra "
            "%(orgs)d organisasjoner var med, og %(actors)d aktører har fått en rolle i tiltakene."
        )
        % {
            "measures": k.measures,
            "complete": k.complete,
            "agreed": k.agreed,
            "participants": k.participants,
            "orgs": k.organisations_present,
            "actors": k.actors_in_measures,
        }
    )
    _table(
        document,
        [_("Nøkkeltall"), _("Antall")],
        [
            (_("Tiltak"), k.measures),
            (_("Med svar på alle seks spørsmål"), k.complete),
            (_("Vedtatt"), k.agreed),
            (_("Deltakere"), k.participants),
            (_("Organisasjoner til stede"), k.organisations_present),
            (_("Aktører med rolle i tiltak"), k.actors_in_measures),
            (_("Prikker gitt"), k.dots),
            (_("«Vi blir med»"), k.commitments),
            (_("Hull i dekningen (målgruppe × retning)"), k.gaps),
        ],
        widths=(11, 4),
    )


def _measure(document, measure):
    _heading(document, measure.title, 2)
    facts = [
        f"{_('Status')}: {measure.status_label}",
        f"{_('Bord')}: {measure.group}" if measure.group else "",
        f"{_('Målgrupper')}: {', '.join(measure.target_groups)}" if measure.target_groups else "",
        f"{_('Retning')}: {measure.direction_label}" if measure.direction_label else "",
        _("%(n)d av 6 spørsmål besvart") % {"n": measure.answered_count},
    ]
    meta = document.add_paragraph(" · ".join(filter(None, facts)))
    meta.runs[0].font.size = Pt(9)
    for answer in measure.answers:
        _heading(document, f"{answer.number}. {answer.question}", 3)
        if answer.number == 2 and measure.actors:
            _table(
                document,
                [_("Aktør"), _("Rolle"), _("Hva aktøren skal gjøre")],
                [(a.organisation, a.role_label, a.role_text) for a in measure.actors],
                widths=(6, 3.5, 6.5),
            )
        elif answer.number == 5 and measure.fundings:
            _table(
                document,
                [_("Finansiør"), _("Type"), _("Status"), _("Beløp")],
                [
                    (
                        f.financier,
                        f.kind_label,
                        f.status_label,
                        format_amount(f.amount) if f.amount is not None else "",
                    )
                    for f in measure.fundings
                ],
                widths=(5.5, 3.5, 4, 3),
            )
        elif answer.text:
            for line in answer.text.splitlines():
                document.add_paragraph(line)
        else:
            document.add_paragraph(_("Ikke besvart")).runs[0].italic = True


def _overview(document, summary):
    _heading(document, _("Oversikter"), 1)
    coverage = summary.coverage
    _heading(document, _("Målgrupper og retning"), 2)
    _table(
        document,
        [_("Målgruppe"), *coverage.directions],
        [(name, *counts) for name, counts in coverage.rows],
    )
    if coverage.gaps:
        document.add_paragraph(_("Ingen tiltak for:"))
        for name, direction in coverage.gaps:
            _paragraph(document, f"{name} – {direction.lower()}", "List Bullet")
    _heading(document, _("Aktører og roller"), 2)
    _table(
        document,
        [_("Aktør"), _("Type"), _("Tiltak"), _("Ansvarlig for")],
        [(o.name, o.kind_label, o.measures, o.leads) for o in summary.actor_matrix.organisations],
    )
    if summary.actor_matrix.single_actor_measures:
        document.add_paragraph(_("Tiltak med bare én aktør eller ingen:"))
        for title, count in summary.actor_matrix.single_actor_measures:
            _paragraph(document, f"{title} ({count})", "List Bullet")
    _heading(document, _("Finansiering"), 2)
    _table(
        document,
        [
            _("Finansiør"),
            _("Tiltak"),
            _("Mulig"),
            _("Må søkes / er spurt"),
            _("Avklart"),
            _("Avklart beløp"),
        ],
        [
            (
                f.name,
                f.measures,
                f.possible,
                f.asked,
                f.committed,
                format_amount(f.amount_committed),
            )
            for f in summary.financing.financiers
        ],
    )
    _heading(document, _("Tidsperspektiv"), 2)
    _table(document, [_("Tidsperspektiv"), _("Tiltak")], summary.horizons.counts, widths=(11, 4))
    if summary.horizons.timeline:
        _table(
            document,
            [_("Tiltak"), _("Tidsperspektiv"), _("Periode")],
            [(t, label, period) for t, label, _s, _e, period in summary.horizons.timeline],
        )
    _heading(document, _("Prioritering"), 2)
    _table(
        document,
        [_("Plass"), _("Tiltak"), _("Prikker"), _("Blir med")],
        [(r.rank, r.title, r.dots, r.commitments) for r in summary.ranking],
        widths=(1.5, 10, 2, 2),
    )
    if summary.commitments:
        _heading(document, _("«Vi blir med»"), 2)
        _table(
            document,
            [_("Tiltak"), _("Aktør"), _("Rolle"), _("Hva de kan bidra med")],
            [(t, c.organisation, c.role_label, c.text) for t, c in summary.commitments],
        )
    _heading(document, _("Deltakelse etter type aktør"), 2)
    _table(
        document,
        [
            _("Type aktør"),
            _("Deltakere"),
            _("Organisasjoner"),
            _("Roller i tiltak"),
            _("Ansvarlig for"),
        ],
        [
            (r.kind_label, r.participants, r.organisations, r.actor_roles, r.leads)
            for r in summary.participation
        ],
    )


def _move_body(source, target):
    """Move everything written to `source` to the end of `target`.

    python-docx inserts each paragraph by scanning the body for the section properties, which
    makes a long report quadratic (74 s for 1,000 measures). Writing each measure into a small
    scratch document and moving its elements over keeps it linear. Both documents come from
    the same template, so style references carry over."""
    end = target.element.body.sectPr
    for child in list(source.element.body):
        if child is not source.element.body.sectPr:
            end.addprevious(child)


def render(summary):
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    for level, size in ((1, 18), (2, 14), (3, 11)):
        style = styles[f"Heading {level}"]
        style.font.color.rgb = BLUE
        style.font.size = Pt(size)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    document.core_properties.title = summary.arena_title
    document.core_properties.language = "nb-NO"
    _cover(document, summary)
    body = document.add_section(WD_SECTION.CONTINUOUS)
    footer = body.footer
    footer.is_linked_to_previous = False
    footer.paragraphs[0].text = f"{summary.arena_title} – {_('oppsummering')}"
    footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _key_figures(document, summary)
    scratch = Document()
    for area, entries in report_sections(summary):
        _heading(document, area.title, 1)
        if area.description:
            document.add_paragraph(area.description)
        if not entries:
            document.add_paragraph(_("Ingen tiltak under denne problemstillingen."))
        for measure, full in entries:
            if full:
                _measure(scratch, measure)
                _move_body(scratch, document)
            else:
                document.add_paragraph(
                    _("«%(title)s» – se omtalen under en tidligere problemstilling.")
                    % {"title": measure.title}
                )
    _overview(document, summary)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
