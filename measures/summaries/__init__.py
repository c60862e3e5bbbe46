"""The read side for project leads: one arena as plain data, in a fixed number of queries.

The summary page and every export (CSV, XLSX, DOCX, PDF, JSON) are built from
`arena_summary(arena)`, so that every format says the same thing. Labels are turned into plain
strings here, in the active language, so that exporters never touch the ORM.

Split by job: `measure.py` holds one measure's rows (`MeasureSummary`, `summary_measures`,
`format_amount`), `arena.py` the arena-level aggregates built from them
(`ArenaSummary`, `arena_summary`, `report_sections`). Import from `measures.summaries`.
"""

from measures.summaries.arena import (
    COVERAGE_DIRECTIONS,
    MANY_MEASURES,
    ROLE_ABBREVIATIONS,
    ActorMatrix,
    AreaSection,
    ArenaSummary,
    CompletenessSummary,
    Coverage,
    Horizons,
    KeyFigures,
    OrganisationLoad,
    ParticipationRow,
    RankingRow,
    arena_summary,
    report_sections,
)
from measures.summaries.measure import (
    ActorRole,
    Answer,
    CommentRow,
    CommitmentRow,
    FundingRow,
    IndicatorRow,
    MeasureSummary,
    format_amount,
    summary_measures,
)
from measures.summaries.money import ActorView, FinancierRow, Financing

__all__ = [
    "COVERAGE_DIRECTIONS",
    "MANY_MEASURES",
    "ROLE_ABBREVIATIONS",
    "ActorMatrix",
    "ActorView",
    "ActorRole",
    "Answer",
    "ArenaSummary",
    "AreaSection",
    "CommentRow",
    "CommitmentRow",
    "CompletenessSummary",
    "Coverage",
    "FinancierRow",
    "Financing",
    "FundingRow",
    "Horizons",
    "IndicatorRow",
    "KeyFigures",
    "MeasureSummary",
    "OrganisationLoad",
    "ParticipationRow",
    "RankingRow",
    "arena_summary",
    "format_amount",
    "report_sections",
    "summary_measures",
]
