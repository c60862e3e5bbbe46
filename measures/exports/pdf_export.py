"""PDF: the same report as the DOCX, printed by WeasyPrint from HTML and the print stylesheet.

WeasyPrint keeps every laid-out page in memory until it writes the file (about 1.2 MiB a page),
so a long report is printed in parts of at most PART_MEASURES measures, joined with pypdf, with
the page numbers carried on from part to part.
"""

import io
import logging

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from weasyprint import CSS, HTML

from measures.exports.charts import summary_charts
from measures.summaries import report_sections

# WeasyPrint reports every layout step at INFO; the server log wants only its warnings.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

STYLESHEET = settings.BASE_DIR / "static" / "css" / "summary.css"
PART_MEASURES = 40


def report_parts(summary):
    """The report's parts in order, as template flags: the front, the problem areas in parts
    of at most PART_MEASURES measures, the overview. An area too long for one part is split,
    and its later slices are marked as continued."""
    parts, current, size = [], [], 0
    for area, entries in report_sections(summary):
        entries = list(entries)
        if size and size + len(entries) > PART_MEASURES:
            parts.append(current)
            current, size = [], 0
        start = 0
        while True:
            chunk = entries[start : start + PART_MEASURES - size]
            current.append((area, tuple(chunk), start > 0))
            size += len(chunk)
            start += len(chunk)
            if start >= len(entries):
                break
            parts.append(current)
            current, size = [], 0
    if current:
        parts.append(current)
    return [
        {"front": True, "sections": (), "overview": False},
        *({"front": False, "sections": tuple(p), "overview": False} for p in parts),
        {"front": False, "sections": (), "overview": True},
    ]


def render_html(summary, *, charts=None, front=True, sections=None, overview=True):
    context = {
        "summary": summary,
        "charts": charts or summary_charts(summary),
        "front": front,
        "sections": (
            tuple((area, entries, False) for area, entries in report_sections(summary))
            if sections is None
            else sections
        ),
        "overview": overview,
    }
    return render_to_string("measures/report_document.html", context)


def render(summary):
    charts = summary_charts(summary)
    stylesheet = CSS(filename=str(STYLESHEET))
    writer = PdfWriter()
    first_page = 1
    for part in report_parts(summary):
        # Everything is inline (charts as data: URIs), so WeasyPrint fetches nothing.
        html = HTML(string=render_html(summary, charts=charts, **part), base_url=str(STYLESHEET))
        numbering = CSS(string=f"@page :first {{ counter-reset: page {first_page} }}")
        reader = PdfReader(io.BytesIO(html.write_pdf(stylesheets=[stylesheet, numbering])))
        writer.append(reader)
        first_page += len(reader.pages)
    writer.add_metadata({"/Title": summary.arena_title, "/Producer": "Tiltaksarena"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
