"""The report's content as a list of plain blocks, the same for the DOCX and the PDF.

`report_blocks(summary, options)` says what the case document contains — cover, contents,
one-page summary, overview table, one sheet per measure under its problem area, the overviews,
the drafts' appendix — and `docx_export` and `pdf_export` only decide how each block looks.
Every sentence is built here, through gettext/ngettext, in the active language.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from measures.exports import report_sheets
from measures.exports.blocks import (
    Bullets,
    Contents,
    Cover,
    Heading,
    PageBreak,
    Para,
    Report,
    Table,
    amount,
    date_span,
    long_date,
)
from measures.exports.options import ExportOptions

# The executive summary lists at most this many prioritised measures, so it stays on one page.
SUMMARY_MEASURES = 8


def _cover(summary):
    return Cover(
        kicker=_("Oppsummering fra arena"),
        title=summary.arena_title,
        meta=" · ".join(
            filter(None, [date_span(summary.start_date, summary.end_date), summary.venue])
        ),
        purpose=summary.purpose,
        made=_("Laget med Tiltaksarena %(date)s") % {"date": long_date(summary.generated_on)},
    )


def _counts_sentence(summary):
    k = summary.key_figures
    parts = [
        ngettext("Rapporten omfatter %(n)d tiltak.", "Rapporten omfatter %(n)d tiltak.", k.measures)
        % {"n": k.measures},
        ngettext("%(n)d er prioritert.", "%(n)d er prioriterte.", k.prioritised)
        % {"n": k.prioritised},
        ngettext("%(n)d er vedtatt.", "%(n)d er vedtatt.", k.agreed) % {"n": k.agreed},
        ngettext(
            "%(n)d har svar på alle seks spørsmålene.",
            "%(n)d har svar på alle seks spørsmålene.",
            k.complete,
        )
        % {"n": k.complete},
        ngettext(
            "%(n)d deltaker fra %(orgs)s var med.",
            "%(n)d deltakere fra %(orgs)s var med.",
            k.participants,
        )
        % {
            "n": k.participants,
            "orgs": ngettext("%(n)d organisasjon", "%(n)d organisasjoner", k.organisations_present)
            % {"n": k.organisations_present},
        },
    ]
    if k.left_out:
        parts.append(
            ngettext(
                "%(n)d tiltak til er ikke tatt med i dette utvalget.",
                "%(n)d tiltak til er ikke tatt med i dette utvalget.",
                k.left_out,
            )
            % {"n": k.left_out}
        )
    return " ".join(parts)


def _executive_summary(summary, options):
    blocks = [Heading(_("Sammendrag"), 1), Para(_counts_sentence(summary))]
    chosen = summary.prioritised_measures
    if chosen:
        blocks.append(Heading(_("Prioriterte og vedtatte tiltak"), 2))
        blocks.append(
            Table(
                (_("Tiltak"), _("Ansvarlig"), _("Status"), _("Søkt (kr)"), _("Avklart (kr)")),
                tuple(
                    (
                        m.title,
                        m.lead.organisation if m.lead else "–",
                        m.status_label,
                        amount(m.amount_sought),
                        amount(m.amount_committed),
                    )
                    for m in chosen[:SUMMARY_MEASURES]
                ),
                (4.6, 3.6, 2.2, 3.1, 3.1),
                numeric=(3, 4),
            )
        )
        if len(chosen) > SUMMARY_MEASURES:
            rest = len(chosen) - SUMMARY_MEASURES
            blocks.append(
                Para(
                    ngettext(
                        "… og %(n)d til, se oversikten.", "… og %(n)d til, se oversikten.", rest
                    )
                    % {"n": rest},
                    "small",
                )
            )
    else:
        blocks.append(Para(_("Ingen tiltak er prioritert eller vedtatt ennå.")))
    money = summary.financing
    blocks.append(Heading(_("Kostnader, tid og dekning"), 2))
    horizons = ", ".join(f"{label}: {n}" for label, n in summary.horizons.counts if n)
    gaps = summary.coverage.gaps
    blocks.append(
        Bullets(
            (
                _("Søkt eller mulig finansiering: %(sought)s. Avklart: %(committed)s.")
                % {
                    "sought": amount(money.amount_sought),
                    "committed": amount(money.amount_committed),
                },
                _("Tidsperspektiv: %(list)s.") % {"list": horizons or "–"},
                (
                    ngettext(
                        "Hull i dekningen: ingen tiltak for %(list)s.",
                        "Hull i dekningen (%(n)d): ingen tiltak for %(list)s.",
                        len(gaps),
                    )
                    % {
                        "n": len(gaps),
                        "list": "; ".join(f"{name} – {d.lower()}" for name, d in gaps),
                    }
                    if gaps
                    else _("Alle målgrupper har tiltak i begge retninger.")
                ),
                report_sheets.ranking_sentence(summary),
            )
        )
    )
    blocks.append(Heading(_("Forslag til vedtak"), 2))
    decision = options.decision or (
        _(
            "Oppsummeringen fra %(arena)s tas til orientering. De prioriterte tiltakene følges "
            "opp i det videre arbeidet."
        )
        % {"arena": summary.arena_title}
    )
    blocks.extend(Para(line, "decision") for line in decision.splitlines() if line.strip())
    blocks.append(PageBreak())
    return blocks


def _about(summary, options):
    scope = {
        "submitted": _("Rapporten tar med innsendte tiltak og alt som er kommet videre."),
        "agreed": _("Rapporten tar bare med prioriterte og vedtatte tiltak."),
        "all": _("Rapporten tar med alle tiltak, også utkast."),
    }[options.scope]
    return [
        Heading(_("Om rapporten"), 1),
        Para(scope),
        Bullets(
            (
                _(
                    "Prikker: hver deltaker fikk et antall prikker å fordele på tiltakene de "
                    "mente var viktigst."
                ),
                _(
                    "«Vi blir med»: en organisasjon har sagt at den vil bidra i tiltaket, uten "
                    "at det er en forpliktelse."
                ),
                _(
                    "Retning: om tiltaket skal hindre at folk faller utenfor, eller få folk inn "
                    "i arbeid (eller begge)."
                ),
            )
        ),
    ]


def _overview_table(summary):
    return [
        Heading(_("Oversikt over tiltakene"), 1),
        Table(
            (_("ID"), _("Tiltak"), _("Status"), _("Ansvarlig"), _("Tidsperspektiv"), _("Avklart")),
            tuple(
                (
                    str(m.pk),
                    m.title,
                    m.status_label,
                    m.lead.organisation if m.lead else "–",
                    m.horizon_label or "–",
                    amount(m.amount_committed),
                )
                for m in summary.measures
            ),
            (1.1, 4.8, 2.0, 3.5, 2.3, 2.9),
            numeric=(0, 5),
        ),
    ]


def report_blocks(summary, options=None):
    """The whole case document as a `Report` of blocks."""
    options = options or ExportOptions()
    report = Report(
        language=options.language or summary.default_language,
        title=summary.arena_title,
        running_header=_("%(arena)s – oppsummering") % {"arena": summary.arena_title},
    )
    blocks = report.blocks
    blocks.append(_cover(summary))
    blocks.append(PageBreak())
    blocks.append(Contents(_("Innhold"), _("Oppdater feltet for å vise sidetallene.")))
    blocks.append(PageBreak())
    blocks.extend(_executive_summary(summary, options))
    blocks.extend(_about(summary, options))
    blocks.extend(_overview_table(summary))
    blocks.extend(report_sheets.area_sections(summary, options))
    blocks.extend(report_sheets.analysis(summary))
    if summary.appendix:
        blocks.append(Heading(_("Vedlegg: utkast"), 1, page_break=True))
        blocks.append(
            Para(_("Disse tiltakene var ikke sendt inn da rapporten ble laget."), "italic")
        )
        for m in summary.appendix:
            blocks.extend(report_sheets.measure_sheet(m, options, level=2))
    return report
