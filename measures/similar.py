"""Measures from other tables that look like this one (decision 48).

Trigram similarity as PostgreSQL's pg_trgm defines it (each word padded with two spaces in
front and one behind, cut into three-letter pieces; the score is shared pieces over all
pieces), computed in Python over the arena's measures: one `values()` query, whatever the
database, and an arena has a few hundred measures at most. Common Norwegian words and words
under three letters are left out, so that "og", "for" and "som" do not make every
description alike."""

import functools
import re
from dataclasses import dataclass

from django.db.models.functions import Substr

from measures.models import Measure

# A measure at least this alike is suggested (pg_trgm's default threshold is 0.3).
THRESHOLD = 0.3
SUGGESTIONS = 5
# The start of a description says what the measure is; the rest would only cost time.
DESCRIPTION_CHARS = 600

_WORD = re.compile(r"\w+", re.UNICODE)
STOP_WORDS = frozenset(
    (
        "alle",
        "andre",
        "at",
        "av",
        "bli",
        "blir",
        "bør",
        "da",
        "de",
        "dem",
        "den",
        "denne",
        "der",
        "det",
        "dette",
        "dere",
        "du",
        "eller",
        "en",
        "er",
        "et",
        "etter",
        "fra",
        "for",
        "før",
        "gjennom",
        "har",
        "hva",
        "hvem",
        "hvor",
        "ikke",
        "inn",
        "med",
        "men",
        "mer",
        "mot",
        "må",
        "når",
        "og",
        "også",
        "om",
        "opp",
        "på",
        "seg",
        "sin",
        "skal",
        "slik",
        "som",
        "til",
        "ut",
        "ved",
        "vi",
        "vil",
        "være",
        "våre",
        "vår",
    )
)


def trigrams(text):
    """The set of three-letter pieces of the words of `text` (lower case, stop words out)."""
    pieces = set()
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        padded = f"  {word} "
        pieces.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return pieces


def similarity(a, b):
    """Shared pieces over all pieces, 0–1 (`a`, `b`: sets from `trigrams`)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Suggestion:
    pk: int
    title: str
    group_name: str
    score: float
    linked: bool = False  # already linked ("samme idé") with the measure asked about


def _pieces(title, description):
    return _pieces_of(title, (description or "")[:DESCRIPTION_CHARS])


@functools.lru_cache(maxsize=4096)
def _pieces_of(title, description):
    # The same texts are scored on every editor page of the arena: each measure's pieces are
    # cut once per process until its title or description changes (keys ≤ 800 characters).
    return trigrams(title), trigrams(f"{title} {description}")


def score(mine, theirs):
    """The better of the titles' likeness and the likeness of title and description together:
    two tables rarely choose the same title for the same idea, but often the same words."""
    return max(similarity(mine[0], theirs[0]), similarity(mine[1], theirs[1]))


def similar_measures(
    arena, *, title, description, measure=None, group_id=None, linked=(), keep=None
):
    """Up to `SUGGESTIONS` measures of `arena` from other tables than `group_id`, at least
    `THRESHOLD` alike, most alike first; and the measure `keep` (a pk) last if it is alike but
    not among them (the pair the facilitation board points to). One query."""
    mine = _pieces(title or "", description or "")
    if not mine[1]:
        return []
    rows = Measure.objects.filter(arena=arena).values_list(
        "pk", "title", Substr("description", 1, DESCRIPTION_CHARS), "group_id", "group__name"
    )
    if measure is not None:
        rows = rows.exclude(pk=measure.pk)
    if group_id is not None:
        rows = rows.exclude(group_id=group_id)
    found = []
    for pk, their_title, their_description, _group, group_name in rows:
        alike = score(mine, _pieces(their_title, their_description))
        if alike >= THRESHOLD:
            found.append(Suggestion(pk, their_title, group_name or "", alike, pk in linked))
    found.sort(key=lambda s: (-s.score, s.title, s.pk))
    shown = found[:SUGGESTIONS]
    shown += [s for s in found[SUGGESTIONS:] if s.pk == keep]
    return shown


TITLE_MAX = 200


def table_suggestions(measure, *, arena, title=None, description=None):
    """What the table writing `measure` is shown: measures of other tables like it, from its
    saved title and description or from what is being typed (one query)."""
    return similar_measures(
        arena,
        title=measure.title if title is None else title[:TITLE_MAX],
        description=measure.description if description is None else description,
        measure=measure,
        group_id=measure.group_id,
    )
