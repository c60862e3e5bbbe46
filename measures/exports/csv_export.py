"""CSV: the measures, one line each, for Excel in Norway (UTF-8 with BOM, semicolons)."""

import csv
import io

from django.utils.translation import gettext as _

from measures.exports.cells import measure_header, measure_row, safe_cell

# Norwegian Excel splits on semicolons (the comma is the decimal sign); the BOM makes it read
# the file as UTF-8 so that æøå survive.
DELIMITER = ";"


def _write(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render(summary, options=None):
    return _write(measure_header(summary), (measure_row(m) for m in summary.measures))


def followup_csv(rows):
    """The follow-up overview: one line per agreed measure with its latest report."""
    header = [
        _("Tiltak"),
        _("Status for tiltaket"),
        _("Ansvarlig"),
        _("Kontaktperson"),
        _("E-post"),
        _("Siste rapport"),
        _("Dato"),
        _("Kort om status"),
        _("Står stille"),
        _("Antall rapporter"),
    ]
    return _write(
        header,
        (
            [
                r.title,
                r.measure_status_label,
                r.lead,
                r.contact_name,
                r.contact_email,
                r.latest.status_label if r.latest else "",
                r.latest.reported_on.isoformat() if r.latest else "",
                r.latest.text if r.latest else "",
                _("ja") if r.stalled else _("nei"),
                len(r.history),
            ]
            for r in rows
        ),
    )
