"""A staff action sent twice has one effect (arena/once.py, decision 66): the timer's "+5 min",
moving a theme or a table, "Lag ny kode", a new program session and a new arena. Each form
carries a one-time `op`, read here from the page as a browser without JavaScript sends it; the
same form sent twice, one after the other or at once, acts once, and the second answer says so.
A page loaded again is a new action."""

import datetime
import uuid
from html.parser import HTMLParser

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.urls import reverse

from arena.models import Arena, HandledOp, ProgramSession
from arena.once import once, ops_purge
from tests import factories
from tests.arena.test_views import url
from tests.concurrency import at_once


class _Forms(HTMLParser):
    """Every form of a page: its action and its inputs (name → value)."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "inputs": {}})
        elif tag == "input" and self.forms and attrs.get("type") == "hidden":
            self.forms[-1]["inputs"][attrs.get("name")] = attrs.get("value", "")


def sent_form(client, page, action, **inputs):
    """The hidden inputs (with the op) of the form on `page` that posts to `action` and has
    `inputs` among its own, as the browser would send them; the csrf token is left out."""
    parser = _Forms()
    parser.feed(client.get(page).content.decode())
    for form in parser.forms:
        fields = form["inputs"]
        if (form["action"] or page) == action and inputs.items() <= fields.items():
            assert "op" in fields, f"the form posting to {action} has no op"
            return {name: value for name, value in fields.items() if name != "csrfmiddlewaretoken"}
    raise AssertionError(f"no form posting to {action} with {inputs} on {page}")


def _timer(arena):
    session = factories.ProgramSessionFactory(arena=arena, title="Gruppearbeid 1")
    ProgramSession.objects.filter(pk=session.pk).update(is_current=True)
    action = url("session-timer", arena)
    return url("measures:facilitation", arena), action, {}, {"action": "add"}


def _timer_effect(arena):
    return arena.sessions.get().timer_left  # paused: five minutes are 300 s, ten are 600


def _ordered(factory, arena, **names):
    for order, name in enumerate(["A", "B", "C"]):
        factory(arena=arena, order=order, **{names["field"]: name})


def _topic_move(arena):
    _ordered(factories.ProblemAreaFactory, arena, field="title")
    first = arena.problem_areas.get(title="A")
    action = url("topic-move", arena, kind="problemstilling", pk=first.pk)
    return url("topic-list", arena), action, {"direction": "ned"}, {}


def _group_move(arena):
    _ordered(factories.GroupFactory, arena, field="name")
    action = url("group-move", arena, pk=arena.groups.get(name="A").pk)
    return url("group-list", arena), action, {"direction": "ned"}, {}


def _joincode(arena):
    return url("arena-detail", arena), url("joincode-regenerate", arena), {}, {}


def _session_create(arena):
    data = {
        "day": "2026-03-11",
        "starts_at": "09:00",
        "ends_at": "10:00",
        "title": "Prioritering",
        "kind": "prioritisation",
    }
    return url("session-create", arena), url("session-create", arena), {}, data


def _arena_create(arena):
    data = {"title": "Arena 2027", "start_date": "2027-03-09", "end_date": "2027-03-10"}
    return reverse("arena:arena-create"), reverse("arena:arena-create"), {}, data


# kind: (set-up, the effect once, what the effect is read as, the repeat's message)
ACTIONS = {
    "timer add": (_timer, 300, _timer_effect, "Dette ble allerede gjort."),
    "theme move": (
        _topic_move,
        ["B", "A", "C"],
        lambda arena: [a.title for a in arena.problem_areas.order_by("order")],
        "Dette ble allerede gjort.",
    ),
    "table move": (
        _group_move,
        ["B", "A", "C"],
        lambda arena: [g.name for g in arena.groups.order_by("order")],
        "Dette ble allerede gjort.",
    ),
    "new join code": (
        _joincode,
        1,
        lambda arena: Arena.objects.get(pk=arena.pk).revision,  # one bump per new code
        "Den nye koden er allerede laget.",
    ),
    "new session": (_session_create, 1, lambda arena: arena.sessions.count(), "allerede lagret"),
    "new arena": (
        _arena_create,
        1,
        lambda arena: Arena.objects.filter(title="Arena 2027").count(),
        "Arenaen er allerede laget.",
    ),
}


def _prepare(kind, arena, client):
    """The form as the page sends it, and the effect's reading before."""
    setup, _once, effect, _message = ACTIONS[kind]
    page, action, inputs, data = setup(arena)
    form = {**sent_form(client, page, action, **inputs), **data}
    if kind == "new join code":  # the arena's revision, counted from here
        before = effect(arena)
        return action, form, lambda: effect(arena) - before
    return action, form, lambda: effect(arena)


@pytest.mark.parametrize("kind", ACTIONS)
def test_the_same_form_sent_again_acts_once_and_says_so(fac, arena, kind):
    _setup, expected, _effect, message = ACTIONS[kind]
    action, form, effect = _prepare(kind, arena, fac)
    first = fac.post(action, form)
    second = fac.post(action, form, follow=True)
    assert effect() == expected
    assert first.status_code == 302
    assert second.redirect_chain[0] == (first.url, 302)  # where the first went
    assert message in second.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ACTIONS)
def test_the_same_form_sent_twice_at_once_acts_once(arena, facilitator, kind):
    """Both requests pass the form before either writes: the second waits for the first on
    the op's unique constraint, then does nothing. Two connections, on SQLite and PostgreSQL."""
    _setup, expected, _effect, _message = ACTIONS[kind]
    browser = Client()
    browser.force_login(facilitator)
    action, form, effect = _prepare(kind, arena, browser)

    def send():
        client = Client()
        client.force_login(facilitator)
        return client.post(action, form)

    revision = Arena.objects.get(pk=arena.pk).revision
    answers = at_once(send, send)
    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0].url == answers[1].url  # a new arena: both go to the one made
    assert effect() == expected
    if kind != "new arena":
        # Each of these writes bumps the arena's revision once: it ran once. (Two moves at
        # once can also overwrite each other and end where one would; this counts them.)
        assert Arena.objects.get(pk=arena.pk).revision == revision + 1
    assert HandledOp.objects.filter(op=form["op"]).count() == 1


def test_the_same_button_on_a_page_loaded_again_acts_again(fac, arena):
    """A new page is a new op: pressing «+5 min» again after the page came back adds five
    more minutes, as a person pressing twice on purpose wants; the form sent twice did not."""
    page, action, _inputs, data = _timer(arena)
    form = {**sent_form(fac, page, action), **data}
    fac.post(action, form)
    fac.post(action, form)
    response = fac.post(action, {**sent_form(fac, page, action), **data}, follow=True)
    assert "Nedtellingen er oppdatert." in response.content.decode()
    assert _timer_effect(arena) == 600


def test_a_malformed_op_is_a_400_and_a_form_without_one_acts_as_before(fac, arena):
    """A page from before the op existed (still open in a tab) or a script acts, once per
    request, as it always did; an op that is no UUID is refused before anything is done."""
    _page, action, _inputs, data = _timer(arena)
    assert fac.post(action, {**data, "op": "not-a-uuid"}).status_code == 400
    assert _timer_effect(arena) is None
    fac.post(action, data)
    fac.post(action, data)
    assert _timer_effect(arena) == 600


def test_another_persons_op_is_their_own(client, arena, facilitator):
    """The op is recorded per person: a colleague's request is never answered as one's own."""
    colleague = factories.UserFactory(username="fasilitator-2")
    arena.memberships.create(user=colleague, role="facilitator")
    page, action, _inputs, data = _timer(arena)
    client.force_login(facilitator)
    form = {**sent_form(client, page, action), **data}
    client.post(action, form)
    client.post(action, form)
    client.force_login(colleague)
    client.post(action, form)
    assert _timer_effect(arena) == 600


def _request(rf, user, op):
    request = rf.post("/", {"op": str(op)})
    request.user = user
    request._messages = CookieStorage(request)
    return request


def test_an_action_that_failed_leaves_its_op_unused(rf, facilitator):
    """The op's record is written in the action's transaction: when the action fails, the
    form sent again (the person tries once more) is acted on, not answered "already done"."""
    op = uuid.uuid4()
    calls = []

    def fail():
        calls.append("fail")
        raise RuntimeError("the service failed")

    with pytest.raises(RuntimeError):
        once(_request(rf, facilitator, op), fail)
    assert not HandledOp.objects.exists()
    done = once(_request(rf, facilitator, op), lambda: calls.append("done"))
    assert done.first
    assert calls == ["fail", "done"]


def test_ops_older_than_a_day_are_forgotten_by_the_daily_purge(facilitator):
    old = HandledOp.objects.create(user=facilitator, op=uuid.uuid4())
    recent = HandledOp.objects.create(user=facilitator, op=uuid.uuid4())
    HandledOp.objects.filter(pk=old.pk).update(at=old.at - datetime.timedelta(days=1, minutes=1))
    assert ops_purge() == 1
    assert list(HandledOp.objects.all()) == [recent]
