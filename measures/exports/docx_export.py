"""DOCX: the case document a county sends to its politicians, drawn from `report.report_blocks`.

Cover, a table of contents (a TOC field, pre-filled with the headings so it reads before Word
updates it), page numbers and a running header, the one-page summary, the overview table, one
sheet per measure, the overviews with their charts. Tables have fixed column widths, header
rows that repeat on every page and rows that never split; the proofing language and the
document's properties are the report's language.

The body is written as WordprocessingML elements appended before the final section properties:
python-docx's `add_paragraph` scans the body for every paragraph, which made a long report
quadratic.
"""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from measures.exports import blocks as b
from measures.exports.charts import chart_pngs, summary_charts
from measures.exports.options import PROOFING_LANGUAGES
from measures.exports.report import report_blocks

BLUE = RGBColor(0x0B, 0x53, 0x94)
TWIPS_PER_CM = 567
SMALL = 18  # half-points: 9 pt
TABLE_TEXT = 18


def _el(tag, **attrs):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def _run(text, *, bold=False, italic=False, size=None, color=None):
    r = _el("w:r")
    if bold or italic or size or color:
        rpr = r.makeelement(qn("w:rPr"), {})
        if bold:
            rpr.append(_el("w:b"))
        if italic:
            rpr.append(_el("w:i"))
        if color:
            rpr.append(_el("w:color", val=color))
        if size:
            rpr.append(_el("w:sz", val=size))
        r.append(rpr)
    t = _el("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _p(text="", *, style=None, align=None, page_break=False, **run):
    p = _el("w:p")
    if style or align or page_break:
        ppr = _el("w:pPr")
        if style:
            ppr.append(_el("w:pStyle", val=style))
        if page_break:
            ppr.append(_el("w:pageBreakBefore"))
        if align:
            ppr.append(_el("w:jc", val=align))
        p.append(ppr)
    if text:
        p.append(_run(text, **run))
    return p


def _page_break():
    p = _el("w:p")
    r = _el("w:r")
    r.append(_el("w:br", type="page"))
    p.append(r)
    return p


def _field(p, instruction, cached=""):
    """A complex field (PAGE, NUMPAGES, TOC) with its cached result."""
    for kind, extra in (("begin", None), ("instr", instruction), ("separate", None)):
        r = _el("w:r")
        if kind == "instr":
            instr = _el("w:instrText")
            instr.text = f" {extra} "
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(instr)
        else:
            r.append(_el("w:fldChar", fldCharType=kind))
        p.append(r)
    if cached:
        p.append(_run(cached))
    r = _el("w:r")
    r.append(_el("w:fldChar", fldCharType="end"))
    p.append(r)


def _table(block):
    tbl = _el("w:tbl")
    tblpr = _el("w:tblPr")
    tblpr.append(_el("w:tblStyle", val="TableGrid"))
    total = round(sum(block.widths) * TWIPS_PER_CM)
    tblpr.append(_el("w:tblW", w=total, type="dxa"))
    # Fixed layout: Word and LibreOffice keep these widths instead of fitting to the content,
    # which broke words mid-word ("fylkeskom|mune").
    tblpr.append(_el("w:tblLayout", type="fixed"))
    tblpr.append(
        _el(
            "w:tblLook",
            val="04A0",
            firstRow="1",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="0",
            noVBand="1",
        )
    )
    tbl.append(tblpr)
    grid = _el("w:tblGrid")
    widths = [round(w * TWIPS_PER_CM) for w in block.widths]
    for w in widths:
        grid.append(_el("w:gridCol", w=w))
    tbl.append(grid)
    for index, row in enumerate((block.header, *block.rows)):
        tr = _el("w:tr")
        trpr = _el("w:trPr")
        trpr.append(_el("w:cantSplit"))
        if index == 0:
            trpr.append(_el("w:tblHeader"))  # repeats at the top of every page
        tr.append(trpr)
        for column, (value, width) in enumerate(zip(row, widths, strict=True)):
            tc = _el("w:tc")
            tcpr = _el("w:tcPr")
            tcpr.append(_el("w:tcW", w=width, type="dxa"))
            if index == 0:
                tcpr.append(_el("w:shd", val="clear", color="auto", fill="DCE6F2"))
            tc.append(tcpr)
            lines = str(value or "").splitlines() or [""]
            for line in lines:
                p = _p(
                    line,
                    style="TableText",
                    align="right" if column in block.numeric else None,
                    bold=index == 0,
                )
                tc.append(p)
            tr.append(tc)
        tbl.append(tr)
    return tbl


def _contents(block, headings, levels):
    """The TOC field, pre-filled with the headings (without page numbers: Word fills them
    in when it updates the field, which `updateFields` asks it to do on opening)."""
    out = [_p(block.title, style="TOCHeading")]
    entries = [(text, level) for text, level in headings if level <= levels] or [("", 1)]
    first = _p(style=f"TOC{entries[0][1]}")
    _field(first, f'TOC \\o "1-{levels}" \\h \\z \\u', entries[0][0])
    # The field's end belongs in the last paragraph: move it there.
    end = first[-1]
    first.remove(end)
    out.append(first)
    for text, level in entries[1:]:
        out.append(_p(text, style=f"TOC{level}"))
    out[-1].append(end)
    return out


def _styles(document, language):
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    for level, size in ((1, 18), (2, 14), (3, 11)):
        style = styles[f"Heading {level}"]
        style.font.color.rgb = BLUE
        style.font.size = Pt(size)
    table_text = styles.add_style("TableText", 1)
    table_text.base_style = styles["Normal"]
    table_text.font.size = Pt(9)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    for level in (1, 2):
        toc = styles.add_style(f"TOC{level}", 1)
        toc.name = f"toc {level}"
        toc.base_style = styles["Normal"]
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
    heading = styles.add_style("TOCHeading", 1) if "TOC Heading" not in styles else None
    if heading is not None:
        heading.base_style = styles["Heading 1"]
    # The proofing language: Word marked every Norwegian word when this said en-US.
    lang = PROOFING_LANGUAGES.get(language, "nb-NO")
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.find(qn("w:lang")).set(qn("w:val"), lang)
    settings = document.settings.element
    settings.append(_el("w:updateFields", val="true"))
    return lang


def _header_footer(section, report):
    section.different_first_page_header_footer = True  # the cover has neither
    header = section.header.paragraphs[0]
    header.text = report.running_header
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.runs[0].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # "Side %(page)s av %(pages)s", with the two numbers as fields.
    template = _("Side %(page)s av %(pages)s")
    before, rest = template.split("%(page)s", 1)
    middle, after = rest.split("%(pages)s", 1)
    p = footer._p
    p.append(_run(before))
    _field(p, "PAGE", "1")
    p.append(_run(middle))
    _field(p, "NUMPAGES", "1")
    p.append(_run(after))


def _cover(block):
    out = [_p() for _i in range(6)]
    out.append(_p(block.kicker, size=28, color="0B5394"))
    out.append(_p(block.title, style="Title"))
    out.append(_p(block.meta, size=26))
    out.extend(_p(line) for line in block.purpose.splitlines() if line.strip())
    out.append(_p(block.made, size=SMALL))
    return out


def render(summary, options=None):
    report = report_blocks(summary, options)
    charts = summary_charts(summary)
    pngs = chart_pngs([charts[k.key] for k in report.blocks if isinstance(k, b.Chart)])
    document = Document()
    lang = _styles(document, report.language)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    _header_footer(section, report)
    props = document.core_properties
    props.title = report.title
    props.subject = report.running_header
    props.author = "Tiltaksarena"
    props.language = lang
    props.keywords = _("tiltak, oppsummering")

    levels = 2 if len(summary.measures) <= 100 else 1
    headings = [(h.text, h.level) for h in report.blocks if isinstance(h, b.Heading)]
    body = document.element.body
    end = body.sectPr
    for block in report.blocks:
        if isinstance(block, b.Chart):
            chart = charts[block.key]
            paragraph = document.add_paragraph()  # python-docx places the picture part
            paragraph.add_run().add_picture(io.BytesIO(pngs[block.key]), width=Cm(15))
            paragraph._p.xpath(".//wp:docPr")[0].set("descr", chart.alt)
            continue
        for element in _elements(block, headings, levels):
            end.addprevious(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _elements(block, headings, levels):
    if isinstance(block, b.Cover):
        return _cover(block)
    if isinstance(block, b.Contents):
        return _contents(block, headings, levels)
    if isinstance(block, b.Heading):
        return [_p(block.text, style=f"Heading{block.level}", page_break=block.page_break)]
    if isinstance(block, b.Para):
        if block.style == "small":
            return [_p(block.text, size=SMALL, color="495057")]
        if block.style == "italic":
            return [_p(block.text, italic=True)]
        if block.style == "decision":
            return [_p(block.text, style="IntenseQuote")]
        return [_p(block.text)]
    if isinstance(block, b.Bullets):
        return [_p(item, style="ListBullet") for item in block.items]
    if isinstance(block, b.Table):
        return [_table(block), _p(size=SMALL)]
    if isinstance(block, b.PageBreak):
        return [_page_break()]
    raise TypeError(block)
