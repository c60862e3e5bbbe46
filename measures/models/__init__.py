"""What the arena produces: measures (tiltak) that answer the invitation's six questions.

Split by job into modules; every name is re-exported here, so `from measures.models import X`
stays the one way to import them."""

from measures.models.exports import ExportJob
from measures.models.gallery import Comment, Commitment, Vote
from measures.models.history import ExportLog, FollowUpUpdate, MeasureChange
from measures.models.links import MeasureLink
from measures.models.measure import (
    M2M_FIELDS,
    MIN_ANSWER_CHARS,
    QUESTIONS,
    Completeness,
    Measure,
    MeasureQuerySet,
    is_real_answer,
    split_lines,
)
from measures.models.room import Room
from measures.models.rows import Funding, Indicator, MeasureActor

__all__ = [
    "M2M_FIELDS",
    "MIN_ANSWER_CHARS",
    "QUESTIONS",
    "Comment",
    "Commitment",
    "Completeness",
    "ExportJob",
    "ExportLog",
    "FollowUpUpdate",
    "Funding",
    "Indicator",
    "Measure",
    "MeasureActor",
    "MeasureChange",
    "MeasureLink",
    "MeasureQuerySet",
    "Room",
    "Vote",
    "is_real_answer",
    "split_lines",
]
