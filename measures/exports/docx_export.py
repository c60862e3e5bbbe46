"""DOCX: the case document a county sends to its politicians, drawn from `report.report_blocks`.

Cover, a table of contents (a TOC field, pre-filled with the headings so it reads before Word
updates it), page numbers and a running header, the one-page summary, the overview table, one
sheet per measure, the overviews with their charts. Tables have fixed column widths, header
rows that repeat on every page and rows that never split; the proofing language and the
document's properties are the report's language.

The body is written as WordprocessingML text, parsed once and moved before the final section
properties: python-docx's `add_paragraph` scans the body for every paragraph (quadratic), and
building each element through `OxmlElement` took most of a long report's time.
"""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

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
    """One run as WordprocessingML text (escaped)."""
    props = "".join(
        (
            "<w:b/>" if bold else "",
            "<w:i/>" if italic else "",
            f'<w:color w:val="{color}"/>' if color else "",
            f'<w:sz w:val="{size}"/>' if size else "",
        )
    )
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(text="", *, style=None, align=None, page_break=False, **run):
    props = "".join(
        (
            f'<w:pStyle w:val="{style}"/>' if style else "",
            "<w:pageBreakBefore/>" if page_break else "",
            f'<w:jc w:val="{align}"/>' if align else "",
        )
    )
    props = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{props}{_run(text, **run) if text else ''}</w:p>"


def _page_break():
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def _field(p, instruction, cached=""):
    """A complex field (PAGE, NUMPAGES) with its cached result, appended to paragraph `p`."""
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
        p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>{escape(cached)}</w:t></w:r>"))
    r = _el("w:r")
    r.append(_el("w:fldChar", fldCharType="end"))
    p.append(r)


def _table(block):
    """A table as WordprocessingML text. Fixed layout: Word and LibreOffice keep these widths
    instead of fitting to the content, which broke words mid-word ("fylkeskom|mune"). The
    header row repeats on every page (tblHeader) and no row splits across a page (cantSplit)."""
    widths = [round(w * TWIPS_PER_CM) for w in block.widths]
    parts = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>',
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    numeric = set(block.numeric)
    for index, row in enumerate((block.header, *block.rows)):
        header = index == 0
        parts.append(
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if header
            else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        )
        for column, (value, width) in enumerate(zip(row, widths, strict=True)):
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="DCE6F2"/>' if header else ""
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>')
            align = "right" if column in numeric else None
            for line in str(value or "").splitlines() or [""]:
                parts.append(_p(line, style="TableText", align=align, bold=header))
            parts.append("</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _contents(block, headings, levels):
    """The TOC field, pre-filled with the headings (without page numbers: Word fills them in
    when it updates the field, which `updateFields` asks it to do on opening). The field
    begins in the first entry's paragraph and ends in the last one's."""
    entries = [(text, level) for text, level in headings if level <= levels] or [("", 1)]
    instruction = f'TOC \\o "1-{levels}" \\h \\z \\u'
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    out = [_p(block.title, style="TOCHeading")]
    last = len(entries) - 1
    for index, (text, level) in enumerate(entries):
        out.append(
            f'<w:p><w:pPr><w:pStyle w:val="TOC{level}"/></w:pPr>'
            f"{begin if index == 0 else ''}{_run(text)}{end if index == last else ''}</w:p>"
        )
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
    for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, None)):
        if text:
            p.append(
                parse_xml(
                    f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
                )
            )
        if field:
            _field(p, field, "1")


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
    parts = []
    for block in report.blocks:
        if isinstance(block, b.Chart):
            parts.append(_picture(document, charts[block.key], pngs[block.key]))
        else:
            parts.extend(_elements(block, headings, levels))
    _replace_body(document, parts)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _picture(document, chart, png):
    """A chart as an inline picture paragraph, with the chart's alternative text."""
    inline = document.part.new_pic_inline(io.BytesIO(png), Cm(15), None)
    inline.docPr.set("descr", chart.alt)
    drawing = etree.tostring(inline, encoding="unicode")
    return (
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        f"<w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>"
    )


def _replace_body(document, parts):
    """Put the written body in place of the template's, keeping its section properties (page
    size, margins, header and footer). The whole document part is parsed once from text:
    building each element, or moving a parsed body into the template's tree, took most of a
    long report's time."""
    part = document.part
    xml = etree.tostring(part.element, encoding="unicode")
    opening = xml.index("<w:body>") + len("<w:body>")
    section = xml.index("<w:sectPr", opening)
    part._element = parse_xml(xml[:opening] + "".join(parts) + xml[section:])


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
