"""Pairs of measures from different tables that look alike, for the facilitation board
(decision 53): the same likeness and threshold as the suggestions (`measures.similar`), over
every pair of the measures sent in.

Sent in only: a draft is still being written (its table sees the suggestions in the editor),
and the gallery and voting take only measures sent in (decision 42). At most `MAX_COMPARED`,
the most recently changed. Every pair is scored with each measure's trigram pieces as bits of
one Python integer (`(a & b).bit_count()` counts the shared pieces exactly), which is some
thirty times faster than set intersections; and the scores are kept in the cache under the
compared measures' ids, versions and last changes, so that what moves the board without
changing a measure sent in (a dot, a new participant, a draft typed) costs no scoring and no
text read. Already linked pairs are left out; merged measures are not on the board at all.
"""

import functools
import hashlib
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.functions import Substr

from measures.models import Measure, MeasureLink
from measures.similar import DESCRIPTION_CHARS, THRESHOLD, _pieces

BOARD_PAIRS = 10
MAX_COMPARED = 300
# Pairs kept in the cache, best first: enough that linked ones can be left out afterwards.
KEPT = 100
CACHE_SECONDS = 6 * 60 * 60


@dataclass(frozen=True)
class Pair:
    first: object  # the board's (light) measures, with their table
    second: object
    score: float

    @property
    def percent(self):
        return round(self.score * 100)


def board_pairs(arena, measures):
    """Up to `BOARD_PAIRS` pairs of `measures` (the board's, newest change first) from
    different tables, at least `THRESHOLD` alike, not linked, most alike first.

    Queries: none while fewer than two tables have a measure sent in; else the standing links
    (1), and the descriptions of the compared measures when their scores are not cached (1)."""
    compared = [m for m in measures if m.status != Measure.Status.DRAFT][:MAX_COMPARED]
    if len({m.group_id for m in compared}) < 2:
        return []
    key = _key(arena, compared)
    scored = cache.get(key)
    if scored is None:
        scored = pair_scores(compared)
        cache.set(key, scored, CACHE_SECONDS)
    linked = {
        frozenset(pair)
        for pair in MeasureLink.objects.filter(
            arena=arena, kind=MeasureLink.Kind.LINK, undone_at__isnull=True
        ).values_list("source_id", "target_id")
    }
    by_pk = {m.pk: m for m in compared}
    pairs = [
        Pair(by_pk[a], by_pk[b], score) for score, a, b in scored if frozenset((a, b)) not in linked
    ]
    return pairs[:BOARD_PAIRS]


def _key(arena, measures):
    """Changes with any compared measure's text (version, `updated_at`) or table, and with
    which measures are compared."""
    parts = "|".join(
        f"{m.pk}:{m.version}:{m.updated_at.timestamp()}:{m.group_id}" for m in measures
    )
    digest = hashlib.md5(parts.encode(), usedforsecurity=False).hexdigest()
    return f"pairs:{arena.pk}:{digest}"


def pair_scores(measures):
    """[(score, pk, pk)] of the pairs of `measures` (light, with `group_id`) from different
    tables that are at least `THRESHOLD` alike, best first, at most `KEPT` (one query)."""
    heads = dict(
        Measure.objects.filter(pk__in=[m.pk for m in measures]).values_list(
            "pk", Substr("description", 1, DESCRIPTION_CHARS)
        )
    )
    return score_pairs(measures, heads)


def score_pairs(measures, heads):
    """`pair_scores` given each measure's start of description (`heads`: {pk: text})."""
    rows = [_masks(m.title, heads.get(m.pk) or "") for m in measures]
    titles, n_titles, wholes, n_wholes = (list(column) for column in zip(*rows, strict=True))
    # A pair is a candidate when shared / (n_a + n_b - shared) may reach the threshold, i.e.
    # shared * (1 + t) >= t * (n_a + n_b); a hair below it, so rounding never loses one. Its
    # score is then computed as `similar.similarity` does.
    rate, floor = 1 + THRESHOLD, THRESHOLD - 1e-9
    found = []
    for i, first in enumerate(measures[:-1]):
        title_a, n_title_a, whole_a, n_whole_a = rows[i]
        if not n_whole_a:
            continue
        shared = [(whole_a & other).bit_count() for other in wholes[i + 1 :]]
        shared_titles = [(title_a & other).bit_count() for other in titles[i + 1 :]]
        near = [
            offset
            for offset, (k, kt, n_b, nt_b) in enumerate(
                zip(shared, shared_titles, n_wholes[i + 1 :], n_titles[i + 1 :], strict=True)
            )
            if k * rate >= floor * (n_whole_a + n_b) or kt * rate >= floor * (n_title_a + nt_b)
        ]
        for offset in near:
            j = i + 1 + offset
            if measures[j].group_id == first.group_id:
                continue
            alike = max(
                _jaccard(shared[offset], n_whole_a, n_wholes[j]),
                _jaccard(shared_titles[offset], n_title_a, n_titles[j]),
            )
            if alike >= THRESHOLD:
                a, b = sorted((first.pk, measures[j].pk))
                found.append((alike, a, b))
    found.sort(key=lambda item: (-item[0], item[1], item[2]))
    return found[:KEPT]


def _jaccard(shared, n_a, n_b):
    """Shared pieces over all pieces, as `similar.similarity`."""
    return shared / (n_a + n_b - shared) if shared else 0.0


# Each piece's bit, for this process: titles and whole texts apart, so that the titles'
# integers stay short. Emptied (with every mask made from it) when it grows past `MAX_BITS`,
# so that a long-running process does not widen every integer with pieces of old texts.
_BITS = ({}, {})
_GENERATION = [0]
_LOCK = threading.Lock()
MAX_BITS = 50_000


def _masks(title, description):
    """(title mask, number of pieces, whole-text mask, number of pieces) of one measure, made
    once per process and text (like its pieces, `similar._pieces`)."""
    with _LOCK:
        if len(_BITS[1]) > MAX_BITS:
            _BITS[0].clear()
            _BITS[1].clear()
            _GENERATION[0] += 1
            _masks_of.cache_clear()
        return _masks_of(title, (description or "")[:DESCRIPTION_CHARS], _GENERATION[0])


@functools.lru_cache(maxsize=4096)
def _masks_of(title, description, _generation):
    title_pieces, whole = _pieces(title, description)
    return (
        _mask(title_pieces, _BITS[0]),
        len(title_pieces),
        _mask(whole, _BITS[1]),
        len(whole),
    )


def _mask(pieces, bits):
    """The pieces as set bits of one integer (pieces not seen before get the next bits)."""
    positions = [bits.setdefault(piece, len(bits)) for piece in pieces]
    row = bytearray(max(positions, default=0) // 8 + 1)
    for bit in positions:
        row[bit >> 3] |= 1 << (bit & 7)
    return int.from_bytes(row, "little")
