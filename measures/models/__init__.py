"""What the arena produces: measures (tiltak) that answer the invitation's six questions.

The models live in submodules; every name importers use is re-exported here, so
`from measures.models import X` stays the one way to import them."""

from measures.models.measure import (
    M2M_FIELDS,
    MIN_ANSWER_CHARS,
    QUESTIONS,
    Comment,
    Commitment,
    Completeness,
    FollowUpUpdate,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
    MeasureChange,
    MeasureQuerySet,
    Vote,
    is_real_answer,
    split_lines,
)

__all__ = [
    "M2M_FIELDS",
    "MIN_ANSWER_CHARS",
    "QUESTIONS",
    "Comment",
    "Commitment",
    "Completeness",
    "FollowUpUpdate",
    "Funding",
    "Indicator",
    "Measure",
    "MeasureActor",
    "MeasureChange",
    "MeasureQuerySet",
    "Vote",
    "is_real_answer",
    "split_lines",
]
