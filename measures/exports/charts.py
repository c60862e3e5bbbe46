"""The summary's charts: server-rendered SVG from pygal, built from `ArenaSummary` only.

Each chart sits beside a table with the same numbers (the table is what a screen reader
reads), so the SVG is served as an image (`data:` URI) with a short alternative text. pygal's
JavaScript is switched off: no script, and nothing from another origin.
"""

import base64
from dataclasses import dataclass

import pygal
import typst
from django.utils.translation import gettext as _
from pygal.style import Style

# Colours with at least 3:1 contrast against white, told apart without colour by their order.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    colors=("#0b5394", "#b45309", "#146c43", "#6f42c1", "#b02a37", "#495057"),
    font_family="system-ui, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif",
    title_font_size=20,
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    legend_font_size=14,
    tooltip_font_size=14,
    opacity="1",
    opacity_hover="0.85",
)
MAX_BARS = 15
# Fonts come from the machine, never from the network; Typst draws the SVGs with these.
FONT_PATHS = ["/usr/share/fonts/truetype", "/usr/share/fonts/opentype"]
PNG_PPI = 150


@dataclass(frozen=True)
class Chart:
    key: str
    alt: str
    svg: bytes
    height: int = 400
    width: int = 800

    @property
    def data_uri(self):
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


def _config(**extra):
    return {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": False,
        "show_legend": False,
        # The numbers are in the table beside every chart; printed on the bars they collide
        # with the guide lines.
        "print_values": False,
        "width": 800,
        "explicit_size": False,
        # Never cut a label ("Personer med neds…"): the margins grow to fit it instead.
        "truncate_label": -1,
        "truncate_legend": -1,
        **extra,
    }


def _count_axis(values):
    """Whole numbers on the value axis: counts of measures are never 0.4."""
    top = max([*values, 1])
    step = max(1, -(-top // 8))
    return list(range(0, top + step, step))


def _short(text, length=60):
    return text if len(text) <= length else text[: length - 1] + "…"


def _horizontal(key, title, rows, alt):
    """One horizontal bar per (label, value) row, biggest first as given."""
    rows = list(rows)[:MAX_BARS]
    height = max(220, 90 + 38 * len(rows))
    values = [value for _label, value in rows]
    chart = pygal.HorizontalBar(**_config(height=height, title=title, y_labels=_count_axis(values)))
    # pygal draws the first label at the bottom; reverse so that the list reads top-down.
    rows.reverse()
    chart.x_labels = [_short(label) for label, _value in rows]
    chart.add(title, [value for _label, value in rows])
    return Chart(key, alt, chart.render(), height)


def summary_charts(summary):
    """Every chart of the summary page, in page order, keyed for the template."""
    coverage = summary.coverage
    # Horizontal, so that long target-group names sit in full to the left of their bars.
    bar = pygal.HorizontalBar(
        **_config(
            height=max(260, 110 + 60 * len(coverage.rows)),
            title=_("Tiltak per målgruppe og retning"),
            y_labels=_count_axis([c for _n, counts in coverage.rows for c in counts]),
            show_legend=True,
            legend_at_bottom=True,
        )
    )
    rows = list(reversed(coverage.rows))  # pygal draws the first label at the bottom
    bar.x_labels = [name for name, _counts in rows]
    for index, direction in enumerate(coverage.directions):
        bar.add(direction, [counts[index] for _name, counts in rows])
    charts = [
        _horizontal(
            "completeness",
            _("Tiltak med svar på hvert spørsmål"),
            [(f"{n}. {q}", count) for n, q, count in summary.completeness.per_question],
            _("Søylediagram: hvor mange tiltak som har svar på hvert av de seks spørsmålene."),
        ),
        Chart(
            "coverage",
            _("Søylediagram: antall tiltak per målgruppe, delt på retning."),
            bar.render(),
            max(260, 110 + 60 * len(coverage.rows)),
        ),
        _horizontal(
            "actors",
            _("Aktører med flest tiltak"),
            [(o.name, o.measures) for o in summary.actor_matrix.organisations],
            _("Søylediagram: aktørene med flest tiltak."),
        ),
        _horizontal(
            "financing",
            _("Finansiering etter status"),
            summary.financing.status_counts,
            _("Søylediagram: antall finansieringskilder per status."),
        ),
        _horizontal(
            "horizons",
            _("Tiltak etter tidsperspektiv"),
            summary.horizons.counts,
            _("Søylediagram: antall tiltak per tidsperspektiv."),
        ),
        _horizontal(
            "ranking",
            _("Prikker per tiltak"),
            [(r.title, r.dots) for r in summary.ranking],
            _("Søylediagram: tiltakene med flest prikker i prioriteringen."),
        ),
        _horizontal(
            "participation",
            _("Deltakere per type aktør"),
            [(r.kind_label, r.participants) for r in summary.participation],
            _("Søylediagram: antall deltakere per type aktør."),
        ),
    ]
    if summary.horizons.years:
        years = pygal.Bar(
            **_config(
                height=300,
                title=_("Tiltak som pågår per år"),
                y_labels=_count_axis([n for _year, n in summary.horizons.years]),
            )
        )
        years.x_labels = [str(year) for year, _n in summary.horizons.years]
        years.add(_("Tiltak"), [n for _year, n in summary.horizons.years])
        charts.append(
            Chart(
                "years",
                _("Søylediagram: antall tiltak som pågår hvert år."),
                years.render(),
                300,
            )
        )
    return {chart.key: chart for chart in charts}


def chart_pngs(charts):
    """The charts as PNG images, for the DOCX (Word cannot show SVG everywhere): one Typst
    compilation draws every SVG on a page of its own size."""
    if not charts:
        return {}
    inputs = {f"c{i}": chart.svg.decode("utf-8") for i, chart in enumerate(charts)}
    pages = "\n#pagebreak()\n".join(
        f'#image(bytes(sys.inputs.c{i}), format: "svg", width: 16cm)' for i in range(len(charts))
    )
    source = "#set page(width: auto, height: auto, margin: 0pt)\n" + pages
    images = typst.compile(
        source.encode("utf-8"),
        format="png",
        ppi=PNG_PPI,
        sys_inputs=inputs,
        font_paths=FONT_PATHS,
        ignore_system_fonts=True,
    )
    if isinstance(images, bytes):
        images = [images]
    return {chart.key: png for chart, png in zip(charts, images, strict=True)}
