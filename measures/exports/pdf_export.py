"""PDF: the same case document as the DOCX, typeset by Typst as a tagged PDF/UA-1 document.

The blocks of `report.report_blocks` go to `report.typ` as JSON (Typst inserts them as text,
never as markup), the charts as SVG. Typst tags the structure (headings, tables with their
header rows, figures with alt text, /Lang), writes bookmarks from the headings and numbers the
pages; a 1,000-measure report takes seconds where WeasyPrint took minutes (decision 37).
Fonts are the machine's own (FONT_PATHS); nothing is fetched.
"""

import json
from pathlib import Path

from django.utils.translation import gettext as _

from measures.exports import blocks as b
from measures.exports.charts import FONT_PATHS, summary_charts
from measures.exports.report import report_blocks
from measures.typst_process import compile_pdf

TEMPLATE = Path(__file__).with_name("report.typ")
REGIONS = {"nb": "NO", "nn": "NO", "en": "GB"}


def _block(block, charts):
    if isinstance(block, b.Cover):
        return {
            "k": "cover",
            "kicker": block.kicker,
            "title": block.title,
            "meta": block.meta,
            "purpose": [line for line in block.purpose.splitlines() if line.strip()],
            "made": block.made,
        }
    if isinstance(block, b.Contents):
        return {"k": "contents", "title": block.title}
    if isinstance(block, b.Heading):
        return {"k": "h", "text": block.text, "level": block.level, "pb": block.page_break}
    if isinstance(block, b.Para):
        return {"k": "p", "text": block.text, "style": block.style}
    if isinstance(block, b.Bullets):
        return {"k": "ul", "items": list(block.items)}
    if isinstance(block, b.Table):
        return {
            "k": "table",
            "header": list(block.header),
            "rows": [[str(v or "") for v in row] for row in block.rows],
            "widths": list(block.widths),
            "numeric": list(block.numeric),
        }
    if isinstance(block, b.Chart):
        return {"k": "chart", "key": block.key, "alt": charts[block.key].alt}
    if isinstance(block, b.PageBreak):
        return {"k": "pb"}
    raise TypeError(block)


def typst_inputs(summary, options=None):
    """What `report.typ` reads: the report as JSON, and each chart's SVG."""
    report = report_blocks(summary, options)
    charts = summary_charts(summary)
    before, rest = _("Side %(page)s av %(pages)s").split("%(page)s", 1)
    middle, after = rest.split("%(pages)s", 1)
    data = {
        "title": report.title,
        "header": report.running_header,
        "lang": report.language,
        "region": REGIONS.get(report.language, "NO"),
        "keywords": [_("tiltak"), _("oppsummering")],
        "page": [before, middle, after],
        "depth": 2 if len(summary.measures) <= 100 else 1,
        "blocks": [_block(block, charts) for block in report.blocks],
    }
    inputs = {"data": json.dumps(data, ensure_ascii=False)}
    inputs.update({f"c{key}": chart.svg.decode("utf-8") for key, chart in charts.items()})
    return inputs


def render(summary, options=None):
    # In a process of its own: Typst keeps what it laid out in memory for good (decision 37).
    return compile_pdf(
        TEMPLATE,
        inputs=typst_inputs(summary, options),
        font_paths=FONT_PATHS,
        pdf_standards=["ua-1"],
    )
