"""The changes feed of the shared editor, and who is where (decision 15).

Every open editor polls about once a second. A poll is answered from the shared cache in one
round trip (`cache.get_many`, one indexed query on the PostgreSQL cache table) and touches
neither the session nor the database: each change is cached under its own revision
(`chg:<measure>:<rev>`), so concurrent publishes never overwrite each other, and the poll
simply asks for the next few revisions. `rev:<measure>` (10 s) is only a hint that catches a
lost cache write; on a miss the database answers with one query, so losing the cache only
costs a query. An unchanged poll does not even reach the view: `feed_unchanged` answers it for
`measures.middleware.FeedMiddleware` from one smaller cache read.
"""

import contextlib
import time
import zlib
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import gettext as _

from arena.access import FEED_REVOKED_KEY, editor_feed_access
from measures.forms import MeasureForm
from measures.models import Measure, MeasureChange
from measures.steps import STEPS

CHANGE_TTL = 2 * 60  # an editor further behind reads the database once, then the cache again
REV_TTL = 10
CARDS_TTL = 6 * 60 * 60  # a lost stamp only costs its table one fresh render
PRESENCE_TTL = 30
PRESENCE_FRESH = 25  # seconds; an editor heartbeats every 10 s, so 25 s means it is gone
PRESENCE_SLOTS = 8  # presence is kept in 8 small maps, by participant pk (see presence_touch)
PROBE = 6  # revisions a poll asks the cache for at once (then the cache again, then the DB)
DB_LIMIT = 200  # a feed further behind than this reloads the page (the outbox survives)


def entry(change, *, leads=None):
    """A change as the feed sends it."""
    data = {
        "rev": change.revision,
        "kind": change.kind,
        "field": change.name,
        "value": change.value,
        "row": change.value if change.kind == MeasureChange.Kind.ROW else None,
        "by": {"id": change.by_id, "name": change.by_name},
        "at": change.at.isoformat(),
        "op": str(change.op),
    }
    if leads is not None:
        data["leads"] = leads
    return data


def _chg(measure_pk, rev):
    return f"chg:{measure_pk}:{rev}"


def publish(measure_pk, group_id, data, *, card=True):
    """After commit: make the change visible to every editor of the measure and, when it may
    change the measure's card (`card`), to its table's cards on the home page."""
    cache.set(_chg(measure_pk, data["rev"]), data, CHANGE_TTL)
    cache.set(f"rev:{measure_pk}", data["rev"], REV_TTL)
    notify(measure_pk)
    if group_id and card:
        table_cards_touch(group_id)


CHANNEL = "ta:feed"


_publishers = {}


def notify(measure_pk):
    """Wake the open streams of this measure on every app server (`measures.editor_stream`):
    one Redis PUBLISH where REDIS_URL is set, nothing otherwise (the streams look again every
    second then). A lost message costs a stream at most its keep-alive wait."""
    url = settings.REDIS_URL
    if not url:
        return
    if url not in _publishers:
        _publishers[url] = redis.Redis.from_url(url, socket_timeout=1)
    # A failure loses nothing: the change is saved and cached; the streams find it soon.
    with contextlib.suppress(redis.RedisError, OSError):
        _publishers[url].publish(CHANNEL, str(measure_pk))


def table_cards_touch(group_id):
    """A card of this table changed (title, status, six marks, a new measure): the "Vårt bord"
    polls of its members get the new cards. Call after commit."""
    cache.set(f"grp:{group_id}:rev", time.time_ns(), CARDS_TTL)


def group_stamp(group_id):
    """Changes whenever a card of the table may have changed: the ETag of "Vårt bord"."""
    stamp = cache.get(f"grp:{group_id}:rev")
    if stamp is None:
        stamp = time.time_ns()
        cache.add(f"grp:{group_id}:rev", stamp, CARDS_TTL)
    return stamp


@dataclass
class Feed:
    etag: str
    payload: dict
    participant_pk: int


def feed_read(*, measure_pk, since, token, focus=None):
    """The feed answer for an editor at revision `since`.

    `token` is checked by `arena.access.editor_feed_access` (404 if it does not hold).
    `focus` (a field name, a row kind or `step-<n>`) is sent by the client only when it
    changes and every 10 s; then this editor's presence is touched."""
    since = max(int(since), 0)
    state = _state(measure_pk, since)
    access = editor_feed_access(
        token, measure_pk=measure_pk, revoked=state.get(FEED_REVOKED_KEY) or {}
    )
    if focus is not None:
        presence_touch(
            measure_pk=measure_pk,
            participant_pk=access.participant_pk,
            name=access.name,
            focus=focus,
            known=state,
        )
    return _answer(measure_pk, since, state, access.participant_pk)


def shared_read(*, measure_pk, since):
    """The feed at revision `since` as any editor of the measure gets it, with the revoked map
    to check each one's token by (`for_viewer`): the stream server reads it once for all its
    open streams of the measure after a change (`measures.editor_stream`)."""
    since = max(int(since), 0)
    state = _state(measure_pk, since)
    return state.get(FEED_REVOKED_KEY) or {}, _answer(measure_pk, since, state, None)


def for_viewer(shared, *, token, measure_pk):
    """A `shared_read` answer for the holder of `token` (404 as `feed_read` gives it)."""
    revoked, feed = shared
    access = editor_feed_access(token, measure_pk=measure_pk, revoked=revoked)
    return Feed(etag=feed.etag, payload=feed.payload, participant_pk=access.participant_pk)


def _state(measure_pk, since):
    """One cache round trip: the revision hint, the revoked tokens, presence, and the next
    `PROBE` changes."""
    keys = [f"rev:{measure_pk}", FEED_REVOKED_KEY, *_presence_keys(measure_pk)]
    keys += [_chg(measure_pk, since + i) for i in range(1, PROBE + 1)]
    return cache.get_many(keys)


def _answer(measure_pk, since, state, participant_pk):
    presence = _presence_of(measure_pk, state)
    changes = []
    for i in range(1, PROBE + 1):
        found = state.get(_chg(measure_pk, since + i))
        if found is None:
            break
        changes.append(found)
    last = since + len(changes)
    hint = state.get(f"rev:{measure_pk}")
    if hint is None:
        hint = Measure.objects.filter(pk=measure_pk).values_list("version", flat=True).first()
        cache.set(f"rev:{measure_pk}", hint or 0, REV_TTL)
    reload = False
    if len(changes) == PROBE or (hint or 0) > last:  # further behind: the rest of the cache
        ahead = range(last + 1, min(max(hint or 0, last + PROBE), last + 50) + 1)
        found = cache.get_many([_chg(measure_pk, r) for r in ahead])
        for rev in ahead:
            if _chg(measure_pk, rev) not in found:
                break
            changes.append(found[_chg(measure_pk, rev)])
        last = since + len(changes)
        if (hint or 0) > last:  # entries lost or expired: the database has them all
            more, reload = _from_db(measure_pk, last)
            changes += more
    rev = max([last, hint or 0] + [c["rev"] for c in changes])
    here = _fresh(presence)
    etag = _etag(rev, here)
    people = _presence_list(here)
    leads = next((c["leads"] for c in reversed(changes) if "leads" in c), None)
    payload = {
        "rev": rev,
        "changes": changes,
        "presence": people,
        "leads": leads,
        "reload": reload,
    }
    return Feed(etag=etag, payload=payload, participant_pk=participant_pk)


def feed_unchanged(*, measure_pk, since, token, etag):
    """True when `feed_read(since=since)` would answer `etag` with no changes, i.e. a 304.

    The fast path of every unchanged poll (`measures.middleware.FeedMiddleware`):
    ONE `cache.get_many` (the rev hint, presence, the revoked tokens, the next revision's
    entry), the token's signature, and nothing else. It says True only where `feed_read`
    would take neither the database nor a second cache read: the hint is there and not ahead,
    and the next revision is not cached (a publish writes it before the hint). Anything
    else, a bad, expired or revoked token included, is False: the view decides (and 404s)."""
    keys = [f"rev:{measure_pk}", FEED_REVOKED_KEY, *_presence_keys(measure_pk)]
    state = cache.get_many([*keys, _chg(measure_pk, since + 1)])
    hint = state.get(f"rev:{measure_pk}")
    if hint is None or hint > since or _chg(measure_pk, since + 1) in state:
        return False
    try:
        editor_feed_access(token, measure_pk=measure_pk, revoked=state.get(FEED_REVOKED_KEY) or {})
    except Http404:
        return False
    return etag == _etag(since, _fresh(_presence_of(measure_pk, state)))


def _etag(rev, here):
    """`"<rev>-<crc32 of who is where>"`; crc32, not hash(): every worker seeds hash()
    differently, and the ETag must match in any worker."""
    where = zlib.crc32(repr([(pk, p["field"]) for pk, p in here]).encode())
    return f'"{rev}-{where}"'


def _from_db(measure_pk, after):
    rows = list(
        MeasureChange.objects.filter(measure_id=measure_pk, revision__gt=after).order_by(
            "revision"
        )[: DB_LIMIT + 1]
    )
    if len(rows) > DB_LIMIT:
        return [], True
    changes = [entry(c) for c in rows]
    if changes:  # the next poller finds them in the cache
        cache.set_many({_chg(measure_pk, c["rev"]): c for c in changes}, CHANGE_TTL)
    return changes, False


def _presence_key(measure_pk, participant_pk):
    return f"presence:{measure_pk}:{participant_pk % PRESENCE_SLOTS}"


def _presence_keys(measure_pk):
    return [f"presence:{measure_pk}:{slot}" for slot in range(PRESENCE_SLOTS)]


def _presence_of(measure_pk, state):
    """The presence map of a measure from a `cache.get_many` answer holding its slots."""
    presence = {}
    for key in _presence_keys(measure_pk):
        presence.update(state.get(key) or {})
    return presence


def presence_touch(*, measure_pk, participant_pk, name, focus, known=None):
    """This editor is here, at `focus` ("" = just looking).

    The cache has no atomic map update, so a touch reads and writes its slot: two editors
    touching one map at the same moment would lose one of them until its next heartbeat.
    Each participant's slot is its pk modulo PRESENCE_SLOTS, so the people at one table
    (who joined one after another) rarely share one. `known` is a `get_many` answer that
    already holds the slot (the poll's), which saves a read; it is updated in place."""
    key = _presence_key(measure_pk, participant_pk)
    now = time.time()
    slot = known.get(key) if known is not None else cache.get(key)
    slot = {pk: p for pk, p in (slot or {}).items() if now - p["at"] < PRESENCE_FRESH}
    before = slot.get(participant_pk, {}).get("field")
    slot[participant_pk] = {"name": name, "field": focus or "", "at": now}
    cache.set(key, slot, PRESENCE_TTL)
    if before != (focus or ""):
        notify(measure_pk)
    if known is not None:
        known[key] = slot
    return slot


def _fresh(presence):
    """[(participant, entry)] of the editors still here, by name: what the ETag covers."""
    now = time.time()
    here = [(pk, p) for pk, p in presence.items() if now - p["at"] < PRESENCE_FRESH]
    return sorted(here, key=lambda item: (item[1]["name"], item[0]))


def _presence_list(here):
    return [
        {"id": pk, "name": p["name"], "field": p["field"], "text": presence_text(p)}
        for pk, p in here
    ]


def presence_text(person):
    """ "Kari skriver i «Mål»", "Ola ser på «Aktører»", or "Eva er her"."""
    label, typing = focus_label(person["field"])
    if not label:
        return _("%(name)s er her") % {"name": person["name"]}
    if typing:
        return _("%(name)s skriver i «%(field)s»") % {"name": person["name"], "field": label}
    return _("%(name)s ser på «%(field)s»") % {"name": person["name"], "field": label}


_ROW_STEPS = {step.rows: step for step in STEPS if step.rows}
# An answer's label is the whole question; its step's short name reads better in one line.
_ANSWER_STEPS = {step.answer_field: step for step in STEPS if step.answer_field}


def focus_label(focus):
    """(label, typing) for a presence focus: a field name or row kind (typing there) or
    `step-<n>` (looking at that step)."""
    focus = focus or ""
    if focus in _ANSWER_STEPS:
        return str(_ANSWER_STEPS[focus].name), True
    if focus in MeasureForm._meta.labels:
        return str(MeasureForm._meta.labels[focus]), True
    if focus in _ROW_STEPS:
        return str(_ROW_STEPS[focus].name), True
    number = focus.removeprefix("step-")
    if focus.startswith("step-") and number.isdigit() and int(number) < len(STEPS):
        return str(STEPS[int(number)].name), False
    return "", False
