"""What each organisation has taken on, and the money: sought vs committed per financier.

A county reads a report by organisation: "what has our municipality promised, and what have we
been asked to pay for?". Financiers are merged when they are the same organisation: by the
registry link when the funding row has one, else by name, and "Programme (HK-dir)" merges into
"HK-dir" when that is another financier's name.
"""

import re
from collections import Counter
from dataclasses import dataclass

from measures.models import Funding, MeasureActor

_PARENTHESIS = re.compile(r"\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class FinancierRow:
    name: str
    measures: int
    possible: int
    asked: int
    committed: int
    amount_committed: int
    amount_total: int
    amount_sought: int = 0  # possible + asked: named but not committed
    committed_without_amount: int = 0  # committed rows where no amount was given
    also_named: tuple = ()  # other names merged into this one


@dataclass(frozen=True)
class Financing:
    financiers: tuple
    status_counts: tuple  # (status label, count)
    amount_committed: int
    amount_total: int
    without_funding: int
    amount_sought: int = 0


@dataclass(frozen=True)
class ActorView:
    """One organisation and the measures it has taken on, by role (titles, in measure order)."""

    name: str
    kind_label: str
    lead: tuple
    partner: tuple
    contributor: tuple
    financier: tuple  # as an actor with the financier role or as a funding row's organisation

    @property
    def total(self):
        return len(set(self.lead + self.partner + self.contributor + self.financier))


def _norm(name):
    return " ".join(name.split()).casefold()


def _financier_keys(measures):
    """A key per funding row, the same for rows that name the same organisation."""
    by_name = {}
    for m in measures:
        for f in m.fundings:
            if f.organisation_id:
                by_name[_norm(f.financier)] = ("org", f.organisation_id)
    for m in measures:
        for f in m.fundings:
            by_name.setdefault(_norm(f.financier), ("name", _norm(f.financier)))
    keys = {}
    for name, key in by_name.items():
        inner = _PARENTHESIS.search(name)
        if key[0] == "name" and inner and _norm(inner[1]) in by_name:
            key = by_name[_norm(inner[1])]
        keys[name] = key
    return keys


def financing_summary(measures):
    keys = _financier_keys(measures)
    statuses = Funding.Status.values  # an enum property that rebuilds its list on each access
    rows, names = {}, {}
    for m in measures:
        for f in m.fundings:
            key = keys[_norm(f.financier)]
            row = rows.setdefault(
                key,
                {
                    "measures": set(),
                    **dict.fromkeys(statuses, 0),
                    "amc": 0,
                    "amt": 0,
                    "ams": 0,
                    "nil": 0,
                },
            )
            names.setdefault(key, Counter())[f.financier] += 2 if f.organisation_id else 1
            row["measures"].add(m.pk)
            row[f.status] += 1
            row["amt"] += f.amount or 0
            if f.status == Funding.Status.COMMITTED:
                row["amc"] += f.amount or 0
                row["nil"] += f.amount is None
            else:
                row["ams"] += f.amount or 0
    financiers = []
    for key, r in rows.items():
        # The registry's name (counted double) or the most used spelling names the row.
        ordered = [n for n, _c in names[key].most_common()]
        financiers.append(
            FinancierRow(
                name=ordered[0],
                measures=len(r["measures"]),
                possible=r[Funding.Status.POSSIBLE],
                asked=r[Funding.Status.ASKED],
                committed=r[Funding.Status.COMMITTED],
                amount_committed=r["amc"],
                amount_total=r["amt"],
                amount_sought=r["ams"],
                committed_without_amount=r["nil"],
                also_named=tuple(ordered[1:]),
            )
        )
    financiers.sort(key=lambda r: (-r.measures, r.name.casefold()))
    statuses = Counter(f.status for m in measures for f in m.fundings)
    return Financing(
        financiers=tuple(financiers),
        status_counts=tuple((str(s.label), statuses[s.value]) for s in Funding.Status),
        amount_committed=sum(r.amount_committed for r in financiers),
        amount_total=sum(r.amount_total for r in financiers),
        without_funding=sum(1 for m in measures if not m.fundings),
        amount_sought=sum(r.amount_sought for r in financiers),
    )


def actor_views(measures):
    """Every organisation with a role or a funding row, most measures first."""
    R = MeasureActor.Role
    slots = {
        R.LEAD: "lead",
        R.PARTNER: "partner",
        R.CONTRIBUTOR: "contributor",
        R.FINANCIER: "financier",
    }
    found = {}
    for m in measures:
        for a in m.actors:
            entry = found.setdefault(a.organisation_id, [a.organisation, a.kind_label, {}])
            entry[2].setdefault(slots.get(a.role, "contributor"), []).append(m.title)
        for f in m.fundings:
            if f.organisation_id:
                entry = found.setdefault(f.organisation_id, [f.financier, "", {}])
                titles = entry[2].setdefault("financier", [])
                if m.title not in titles:
                    titles.append(m.title)
    views = [
        ActorView(name, kind, *(tuple(roles.get(s, ())) for s in slots.values()))
        for name, kind, roles in found.values()
    ]
    views.sort(key=lambda v: (-v.total, -len(v.lead), v.name.casefold()))
    return tuple(views)
