"""PDF: the same report as the DOCX, printed by WeasyPrint from HTML and the print stylesheet."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from measures.exports.charts import summary_charts
from measures.summaries import report_sections

# WeasyPrint reports every layout step at INFO; the server log wants only its warnings.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

STYLESHEET = settings.BASE_DIR / "static" / "css" / "summary.css"


def render_html(summary):
    context = {
        "summary": summary,
        "sections": report_sections(summary),
        "charts": summary_charts(summary),
    }
    return render_to_string("measures/report_document.html", context)


def render(summary):
    # Everything is inline (charts as data: URIs), so WeasyPrint fetches nothing from anywhere.
    html = HTML(string=render_html(summary), base_url=str(settings.BASE_DIR))
    return html.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
