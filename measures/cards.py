"""Measure cards rendered once per measure, version and language, and shared from the cache by
every page and every screen that shows them: the participants' home and list, the
facilitation board and the wall.

A list reads only the light columns of its measures (`light`). Each card is looked up in the
cache under a key made of the measure's id, version and last change (`updated_at`, which also
moves for what changes without a new version: a status set by staff or by the follow-up), the
language and what the card shows from outside the measure row (the table's name, the arena's
address in the links, the problem areas on the wall). Only the cards not found are rendered,
and only for them are the texts and the "has rows" facts that the six marks need read — in one
query (`_completeness_of`), however many are missing.
"""

import datetime
import hashlib
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from measures.models import Completeness, Funding, Indicator, Measure, MeasureActor

CARD_SECONDS = 6 * 60 * 60
TEMPLATES = {
    "home": "measures/_measure_card.html",
    "compact": "measures/_measure_compact.html",
    "board": "measures/_board_measure.html",
    "wall": "measures/_wall_measure.html",
    "projector": "measures/_projector_measure.html",
}
LIGHT_FIELDS = (
    "id", "arena_id", "group_id", "group__name", "title", "status", "version", "updated_at",
    "created_at",
)  # fmt: skip
TEXT_FIELDS = ("description", "way_of_working", "arenas_to_develop", "arenas_to_discontinue")
TEXT_FIELDS += ("goal", "horizon")


def light(queryset):
    """The columns a card's key and a list's order need, with the table's name."""
    return queryset.select_related("group").only(*LIGHT_FIELDS)


class Row(NamedTuple):
    """What a card's key needs of a measure, read as a plain row: a list of every measure (the
    participant's home) builds no model instances for the cards found in the cache."""

    pk: int
    group_id: int | None
    group_name: str | None
    version: int
    updated_at: datetime.datetime


def rows(queryset):
    """The measures as `Row`s, in the queryset's order; one query."""
    fields = ("id", "group_id", "group__name", "version", "updated_at")
    return [Row._make(values) for values in queryset.values_list(*fields)]


def _group_name(measure):
    if isinstance(measure, Row):
        return measure.group_name or ""
    return measure.group.name if measure.group_id else ""


def _key(kind, measure, slug, language):
    shown = [slug, _group_name(measure)]
    if kind == "wall":
        shown += [area.title for area in measure.problem_areas.all()]
    digest = hashlib.md5("\x1f".join(shown).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"card:{kind}:{measure.pk}:{measure.version}:{_changed(measure)}:{language}:{digest}"


def _completeness_of(pks):
    """{pk: Completeness} for these measures, in one query: their texts and whether they have
    a lead actor, an indicator and a funding row."""
    rows = (
        Measure.objects.filter(pk__in=pks)
        .only(*TEXT_FIELDS)
        .annotate(
            has_lead=Exists(MeasureActor.objects.filter(measure=OuterRef("pk"), role_kind="lead")),
            has_indicators=Exists(Indicator.objects.filter(measure=OuterRef("pk"))),
            has_fundings=Exists(Funding.objects.filter(measure=OuterRef("pk"))),
        )
    )
    return {
        row.pk: row.completeness_with(
            has_lead=row.has_lead,
            has_indicators=row.has_indicators,
            has_fundings=row.has_fundings,
        )
        for row in rows
    }


def completeness_many(measures):
    """{pk: Completeness} of these (light) measures, computed once per version and kept in
    the cache; the ones not cached cost one query together."""
    keys = {m.pk: f"cpl:{m.pk}:{m.version}:{_changed(m)}" for m in measures}
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        fresh = {keys[pk]: c.answered for pk, c in _completeness_of(missing).items()}
        cache.set_many(fresh, CARD_SECONDS)
        found.update(fresh)
    return {pk: Completeness(answered=found[key]) for pk, key in keys.items() if key in found}


def _changed(measure):
    return int(measure.updated_at.timestamp() * 1_000_000)


def cards(kind, measures, *, arena):
    """The HTML of each measure's card of `kind`, in the order of `measures` (light rows)."""
    return card_lists([(kind, measures)], arena=arena)[0]


def card_lists(lists, *, arena):
    """For each (kind, measures) in `lists`, the HTML of the measures' cards of that kind: one
    cache read for them all, and one query for the texts of all the measures not cached."""
    language = get_language()
    keyed = [[(m, _key(kind, m, arena.slug, language)) for m in ms] for kind, ms in lists]
    keys = [key for pairs in keyed for _m, key in pairs]
    found = cache.get_many(keys) if keys else {}
    missing = {key: (kind, m) for (kind, _ms), pairs in zip(lists, keyed, strict=True)
               for m, key in pairs if key not in found}  # fmt: skip
    if missing:
        unique = {m.pk: m for _kind, m in missing.values()}
        plain = [pk for pk, m in unique.items() if isinstance(m, Row)]
        if plain:  # rows to render: their measures, in one query (one deleted since is left out)
            found_now = {m.pk: m for m in light(Measure.objects.filter(pk__in=plain))}
            unique = {pk: found_now.get(pk, m) for pk, m in unique.items()}
            unique = {pk: m for pk, m in unique.items() if not isinstance(m, Row)}
            missing = {key: (kind, unique[m.pk]) for key, (kind, m) in missing.items()
                       if m.pk in unique}  # fmt: skip
        completeness = completeness_many(list(unique.values()))
        rendered = {}
        for key, (kind, measure) in missing.items():
            measure.arena = arena
            context = {"measure": measure, "arena": arena, "completeness": completeness[measure.pk]}
            rendered[key] = render_to_string(TEMPLATES[kind], context)
        cache.set_many(rendered, CARD_SECONDS)
        found.update(rendered)
    # Our own templates, rendered with autoescaping, so safe to insert as they are.
    return [[mark_safe(found[key]) for _m, key in pairs if key in found] for pairs in keyed]  # noqa: S308


def as_items(html):
    """Cards as the `<li>` items of one list: joined as they are (`conditional_escape` leaves
    the safe HTML of `card_lists` alone, and would escape anything else), not formatted one
    by one by `format_html_join` (~70 cards on a home page)."""
    return mark_safe("".join([f"<li>{conditional_escape(card)}</li>" for card in html]))  # noqa: S308


def cards_list(kind, measures, *, arena):
    """The cards as `<li>` items of one list, for templates that show them all at once."""
    return as_items(cards(kind, measures, arena=arena))


def complete_count(measures):
    """How many of these (light) measures answer all six questions: the board's number."""
    return sum(c.is_complete for c in completeness_many(measures).values())
