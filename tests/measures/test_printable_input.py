"""Text pasted from Word may carry control characters that DOCX and XLSX cannot store: they are
removed on the way in, so that every export can always be written."""

import io

import openpyxl
from django.urls import reverse

from measures.exports import render_export
from measures.exports.cells import safe_cell
from measures.exports.options import ExportOptions
from measures.models import Comment


def test_pasted_control_characters_are_removed_and_the_reports_still_render(client_a, measure_a):
    url = reverse(
        "measures:measure-edit",
        kwargs={"slug": measure_a.arena.slug, "pk": measure_a.pk, "step": 1},
    )
    pasted = "Første linje\x0bandre linje\x07 og\ttab"
    response = client_a.post(
        url, {"description": pasted, "base-description": "", "version": 1, "goto": 2}
    )
    assert response.status_code == 302
    measure_a.refresh_from_db()
    assert measure_a.description == "Første linjeandre linje og\ttab"

    comment_url = reverse(
        "measures:comment-create", kwargs={"slug": measure_a.arena.slug, "pk": measure_a.pk}
    )
    client_a.post(comment_url, {"text": "Bra\x0c tiltak"})
    assert Comment.objects.get().text == "Bra tiltak"

    # The measure is still a draft, which the default export leaves out.
    everything = ExportOptions(scope="all")
    for key in ("xlsx", "docx", "pdf"):
        content = render_export(measure_a.arena, key, everything)
        assert len(content) > 1000
    workbook = openpyxl.load_workbook(
        io.BytesIO(render_export(measure_a.arena, "xlsx", everything))
    )
    texts = [c.value for row in workbook.worksheets[1].iter_rows() for c in row]
    assert "Første linjeandre linje og\ttab" in texts


def test_spreadsheet_cells_drop_control_characters_written_by_other_means():
    assert safe_cell("a\x0bb") == "ab"
    assert safe_cell("\x0b=1+1") == "'=1+1"
