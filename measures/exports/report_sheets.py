"""The report's body: one sheet per measure under its problem area, and the overviews a county
asks for (coverage, actors by role, money per financier, ranking, follow-up, participation)."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from measures.exports.blocks import Bullets, Chart, Heading, Para, Table, amount, long_date
from measures.models import Measure
from measures.summaries import report_sections

# An actor's row lists at most this many titles per role; the rest are counted.
TITLES_PER_CELL = 6


def ranking_sentence(summary):
    if not summary.has_votes:
        return _("Det er ikke gjennomført noen prioritering med prikker.")
    top = summary.ranking[0]
    return ngettext(
        "Flest prikker: «%(title)s» med %(n)d prikk.",
        "Flest prikker: «%(title)s» med %(n)d prikker.",
        top.dots,
    ) % {"title": top.title, "n": top.dots}


# The sheet's fixed words per language, looked up once per language instead of once per
# measure (gettext was a fifth of a 1,000-measure report's time).
_TEXTS = {}


def _texts():
    language = translation.get_language()
    if language not in _TEXTS:
        _TEXTS[language] = {
            "status": _("Status: %(status)s"),
            "id": _("ID: %(id)s"),
            "group": _("Bord: %(group)s"),
            "targets": _("Målgrupper: %(list)s"),
            "direction": _("Retning: %(direction)s"),
            "answered": [
                ngettext("%(n)d av 6 spørsmål besvart", "%(n)d av 6 spørsmål besvart", n) % {"n": n}
                for n in range(7)
            ],
            "followup": _("Oppfølging %(date)s: %(status)s"),
            "no_followup": _("Oppfølging: ingen statusrapport ennå."),
            "actors": (_("Aktør"), _("Rolle"), _("Hva aktøren skal gjøre")),
            "fundings": (_("Finansiør"), _("Type"), _("Status"), _("Beløp")),
            "no_amount": _("beløp ikke oppgitt"),
            "unanswered": _("Ikke besvart"),
            "see_above": _("«%(title)s» – se omtalen under en tidligere problemstilling."),
        }
    return _TEXTS[language]


def _facts(m, t):
    facts = [
        t["status"] % {"status": m.status_label},
        t["id"] % {"id": m.pk},
        t["group"] % {"group": m.group} if m.group else "",
        t["targets"] % {"list": ", ".join(m.target_groups)} if m.target_groups else "",
        t["direction"] % {"direction": m.direction_label} if m.direction_label else "",
        t["answered"][m.answered_count],
    ]
    return " · ".join(filter(None, facts))


def followup_line(m, t=None):
    t = t or _texts()
    if m.followup_status_label:
        line = t["followup"] % {"date": long_date(m.followup_on), "status": m.followup_status_label}
        return f"{line}. {m.followup_text}".strip() if m.followup_text else line
    return t["no_followup"]


def measure_sheet(m, options, *, level=2):
    """A "tiltaksark": the six answers as headings, actors and funding as tables."""
    t = _texts()
    blocks = [
        Heading(m.title, level, page_break=options.one_page_per_measure),
        Para(_facts(m, t), "small"),
    ]
    if m.status in Measure.AGREED_STATUSES:
        blocks.append(Para(followup_line(m, t), "small"))
    for answer in m.answers:
        blocks.append(Heading(f"{answer.number}. {answer.question}", level + 1))
        if answer.number == 2 and m.actors:
            blocks.append(
                Table(
                    t["actors"],
                    tuple((a.organisation, a.role_label, a.role_text) for a in m.actors),
                    (5.6, 3.2, 7.8),
                )
            )
        elif answer.number == 5 and m.fundings:
            blocks.append(
                Table(
                    t["fundings"],
                    tuple(
                        (
                            f.financier,
                            f.kind_label,
                            f.status_label,
                            amount(f.amount) if f.amount is not None else t["no_amount"],
                        )
                        for f in m.fundings
                    ),
                    (5.6, 3.6, 4.4, 3.0),
                    numeric=(3,),
                )
            )
        elif answer.text:
            blocks.extend(Para(line) for line in answer.text.splitlines() if line.strip())
        else:
            blocks.append(Para(t["unanswered"], "italic"))
    return blocks


def area_sections(summary, options):
    blocks = []
    for area, entries in report_sections(summary):
        blocks.append(Heading(area.title, 1))
        if area.description:
            blocks.append(Para(area.description))
        if not entries:
            blocks.append(Para(_("Ingen tiltak under denne problemstillingen."), "italic"))
        for measure, full in entries:
            if full:
                blocks.extend(measure_sheet(measure, options))
            else:
                blocks.append(Para(_texts()["see_above"] % {"title": measure.title}, "italic"))
    return blocks


def _titles(titles):
    shown = ", ".join(titles[:TITLES_PER_CELL])
    rest = len(titles) - TITLES_PER_CELL
    if rest > 0:
        shown += " " + ngettext("(+%(n)d til)", "(+%(n)d til)", rest) % {"n": rest}
    return shown or "–"


def _financier_note(f):
    notes = []
    if f.committed_without_amount:
        notes.append(
            ngettext(
                "%(n)d avklart, beløp ikke oppgitt",
                "%(n)d avklarte, beløp ikke oppgitt",
                f.committed_without_amount,
            )
            % {"n": f.committed_without_amount}
        )
    if f.also_named:
        notes.append(_("også kalt %(names)s") % {"names": ", ".join(f.also_named)})
    return "; ".join(notes)


def analysis(summary):
    coverage = summary.coverage
    directions = len(coverage.directions)
    blocks = [
        Heading(_("Oversikter"), 1),
        Heading(_("Målgrupper og retning"), 2),
        Chart("coverage"),
        Table(
            (_("Målgruppe"), *coverage.directions),
            tuple((name, *(str(c) for c in counts)) for name, counts in coverage.rows),
            (16.6 - 3.2 * directions, *(3.2,) * directions),
            numeric=tuple(range(1, directions + 1)),
        ),
    ]
    if coverage.gaps:
        blocks.append(Para(_("Ingen tiltak for:")))
        blocks.append(Bullets(tuple(f"{n} – {d.lower()}" for n, d in coverage.gaps)))
    blocks += [
        Heading(_("Hva hver aktør har tatt på seg"), 2),
        Chart("actors"),
        Table(
            (_("Aktør"), _("Ansvarlig for"), _("Partner i"), _("Bidrar i"), _("Finansierer")),
            tuple(
                (
                    f"{a.name} ({a.kind_label})" if a.kind_label else a.name,
                    _titles(a.lead),
                    _titles(a.partner),
                    _titles(a.contributor),
                    _titles(a.financier),
                )
                for a in summary.actors
            ),
            (5.0, 2.9, 2.9, 2.9, 2.9),
        ),
        Heading(_("Finansiering: søkt og avklart per finansiør"), 2),
        Chart("financing"),
        Table(
            (_("Finansiør"), _("Tiltak"), _("Søkt eller mulig"), _("Avklart"), _("Merknad")),
            (
                *(
                    (
                        f.name,
                        str(f.measures),
                        amount(f.amount_sought),
                        amount(f.amount_committed),
                        _financier_note(f),
                    )
                    for f in summary.financing.financiers
                ),
                (
                    _("Sum"),
                    "",
                    amount(summary.financing.amount_sought),
                    amount(summary.financing.amount_committed),
                    "",
                ),
            ),
            (4.6, 1.6, 3.2, 3.2, 4.0),
            numeric=(1, 2, 3),
        ),
        Heading(_("Tidsperspektiv"), 2),
        Chart("horizons"),
        Table(
            (_("Tidsperspektiv"), _("Tiltak")),
            tuple((label, str(n)) for label, n in summary.horizons.counts),
            (12.6, 4.0),
            numeric=(1,),
        ),
        Heading(_("Prioritering"), 2),
    ]
    if summary.has_votes:
        blocks += [
            Chart("ranking"),
            Table(
                (_("Plass"), _("Tiltak"), _("Prikker"), _("Blir med")),
                tuple(
                    (str(r.rank), r.title, str(r.dots), str(r.commitments))
                    for r in summary.ranking
                    if r.dots or r.commitments
                ),
                (1.6, 11.0, 2.0, 2.0),
                numeric=(0, 2, 3),
            ),
        ]
    else:
        blocks.append(Para(ranking_sentence(summary)))
    if summary.commitments:
        blocks += [
            Heading(_("«Vi blir med»"), 2),
            Table(
                (_("Tiltak"), _("Aktør"), _("Rolle"), _("Hva de kan bidra med")),
                tuple((t, c.organisation, c.role_label, c.text) for t, c in summary.commitments),
                (4.6, 4.0, 2.8, 5.2),
            ),
        ]
    followed = summary.followed_measures
    blocks.append(Heading(_("Oppfølging av vedtatte tiltak"), 2))
    if followed:
        blocks.append(
            Table(
                (_("Tiltak"), _("Ansvarlig"), _("Status"), _("Siste rapport"), _("Kort om status")),
                tuple(
                    (
                        m.title,
                        m.lead.organisation if m.lead else "–",
                        m.followup_status_label or _("Ingen rapport"),
                        long_date(m.followup_on) if m.followup_on else "–",
                        m.followup_text,
                    )
                    for m in followed
                ),
                (4.4, 3.4, 2.4, 2.6, 3.8),
            )
        )
    else:
        blocks.append(Para(_("Ingen tiltak er vedtatt ennå.")))
    blocks += [
        Heading(_("Deltakelse etter type aktør"), 2),
        Chart("participation"),
        Table(
            (_("Type aktør"), _("Deltakere"), _("Organisasjoner"), _("Roller"), _("Ansvarlig for")),
            tuple(
                (
                    r.kind_label,
                    str(r.participants),
                    str(r.organisations),
                    str(r.actor_roles),
                    str(r.leads),
                )
                for r in summary.participation
            ),
            (5.0, 2.9, 2.9, 2.9, 2.9),
            numeric=(1, 2, 3, 4),
        ),
    ]
    return blocks
