"""Exports of one arena: one module per format, each a function over plain data.

CSV, XLSX, DOCX and PDF render `summaries.arena_summary(arena)` limited to the lead's choices
(`options.ExportOptions`: statuses, drafts, language, layout, decision text), so that they say
the same thing as the summary page; DOCX and PDF draw the same blocks (`report.py`). JSON
renders the whole arena (`json_export.arena_backup`) so that `import_arena` can restore it.
"""

from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from measures.exports.options import ExportOptions


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    description: str
    content_type: str


FORMATS = {
    f.key: f
    for f in (
        ExportFormat(
            "docx",
            "Word (DOCX)",
            _("Rapport til politisk behandling"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ExportFormat("pdf", "PDF", _("Den samme rapporten som PDF"), "application/pdf"),
        ExportFormat(
            "xlsx",
            "Excel (XLSX)",
            _("Regneark med ett ark per tema"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ExportFormat("csv", "CSV", _("Tiltakene, én linje per tiltak"), "text/csv; charset=utf-8"),
        ExportFormat(
            "json", "JSON", _("Hele arenaen, for sikkerhetskopi og flytting"), "application/json"
        ),
    )
}


def export_filename(slug, key, *, today=None, stem=None):
    """`buskerud-oppsummering-2026-03-12.docx`: built from the slug and the date, never from
    text a user typed (the slug is re-slugified in case an old one predates validation). The
    stem is in the active language (`-summary-` in English)."""
    today = today or timezone.localdate()
    stem = stem or pgettext("file name", "oppsummering")
    return f"{slugify(slug) or 'arena'}-{slugify(stem)}-{today.isoformat()}.{key}"


def render_export(arena, key, options=None):
    """The file's bytes for `arena` in format `key` (one of FORMATS), with the lead's choices
    (`ExportOptions`; the defaults leave drafts out and use the arena's language)."""
    options = (options or ExportOptions()).for_arena(arena)
    with translation.override(options.language):
        return _render(arena, key, options)


def _render(arena, key, options):
    from measures.exports import (
        csv_export,
        docx_export,
        json_export,
        pdf_export,
        xlsx_export,
    )
    from measures.summaries import arena_summary

    if key == "json":
        return json_export.render(json_export.arena_backup(arena))
    renderer = {
        "csv": csv_export.render,
        "xlsx": xlsx_export.render,
        "docx": docx_export.render,
        "pdf": pdf_export.render,
    }[key]
    summary = arena_summary(
        arena, statuses=options.statuses, drafts_appendix=options.drafts_appendix
    )
    return renderer(summary, options)
