"""The plain rows a measure's summary holds (built by `measures.summaries.measure`), and how
an amount and a period are written."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class ActorRole:
    organisation: str
    organisation_id: int
    kind_label: str
    role: str
    role_label: str
    role_text: str


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str
    target: str
    due: datetime.date | None


@dataclass(frozen=True)
class FundingRow:
    financier: str
    organisation_id: int | None
    kind_label: str
    status: str
    status_label: str
    amount: int | None


@dataclass(frozen=True)
class CommitmentRow:
    organisation: str
    role_label: str
    text: str
    said_by: str
    created_at: datetime.datetime


@dataclass(frozen=True)
class CommentRow:
    author: str
    text: str
    hidden: bool
    created_at: datetime.datetime


@dataclass(frozen=True)
class Answer:
    number: int
    question: str
    text: str
    answered: bool


def format_amount(amount):
    """12 500 000 kr: Norwegian thousands separator (a non-breaking space)."""
    return f"{amount:,.0f}".replace(",", "\u00a0") + "\u00a0kr"


def period_text(start_term, start_year, end_term, end_year, terms):
    def point(term, year):
        if not year:
            return ""
        return f"{terms.get(term, '')} {year}".strip()

    start, end = point(start_term, start_year), point(end_term, end_year)
    if start and end:
        return f"{start} – {end}"
    return start or end
