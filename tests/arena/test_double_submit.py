"""A delete asked twice (a double tap on «Slett», a reload of its answer, two facilitators at
once) answers the second time with the list and "already deleted", never a 404 or a 500 to
the person who just did it right (arena/tombstones.py, decision 63). A row of another arena
stays a 404, like one that never existed."""

import pytest
from django.db import IntegrityError
from django.test import Client

from arena.forms import GroupForm
from arena.models import ArenaMembership, Plan
from arena.views._common import saved
from tests import factories
from tests.arena.test_views import url
from tests.concurrency import at_once


def _session(arena, project_lead):
    row = factories.ProgramSessionFactory(arena=arena, title="Plenum")
    return url("session-delete", arena, pk=row.pk), url("program", arena), "«Plenum»"


def _topic(arena, project_lead):
    row = factories.ProblemAreaFactory(arena=arena, title="Frafall")
    path = url("topic-delete", arena, kind="problemstilling", pk=row.pk)
    return path, url("topic-list", arena), "«Frafall»"


def _group(arena, project_lead):
    row = factories.GroupFactory(arena=arena, name="Bord 9")
    return url("group-delete", arena, pk=row.pk), url("group-list", arena), "«Bord 9»"


def _membership(arena, project_lead):
    row = arena.memberships.get(user=project_lead)
    path = url("membership-delete", arena, pk=row.pk)
    return path, url("membership-list", arena), str(project_lead)


DELETES = {"session": _session, "topic": _topic, "group": _group, "membership": _membership}


@pytest.mark.parametrize("kind", DELETES)
def test_a_second_delete_goes_back_to_the_list_and_says_it_is_gone(fac, arena, project_lead, kind):
    path, listing, name = DELETES[kind](arena, project_lead)
    first = fac.post(path)
    assert (first.status_code, first.url) == (302, listing)
    second = fac.post(path, follow=True)
    assert second.redirect_chain == [(listing, 302)]
    page = second.content.decode()
    assert f"{name} er allerede {'fjernet' if kind == 'membership' else 'slettet'}." in page


@pytest.mark.parametrize("kind", DELETES)
def test_a_row_deleted_in_another_arena_stays_a_404_here(
    client, arena, other_arena, facilitator, facilitator_other_arena, kind
):
    """Under this arena's address, another arena's deleted row answers as one that never
    existed: the note of a delete is the arena's own."""
    lead = factories.UserFactory(username="leder-annen")
    ArenaMembership.objects.create(
        arena=other_arena, user=lead, role=ArenaMembership.Role.PROJECT_LEAD
    )
    path, _listing, _name = DELETES[kind](other_arena, lead)
    client.force_login(facilitator_other_arena)
    assert client.post(path).status_code == 302
    client.force_login(facilitator)
    here = path.replace(f"/{other_arena.slug}/", f"/{arena.slug}/", 1)
    assert here != path
    assert client.post(here).status_code == 404
    assert client.post(path).status_code == 404  # the other arena itself: not a member


@pytest.mark.django_db(transaction=True)
def test_two_facilitators_deleting_one_table_at_once_both_get_the_list(arena, facilitator):
    colleague = factories.UserFactory(username="fasilitator-2")
    ArenaMembership.objects.create(
        arena=arena, user=colleague, role=ArenaMembership.Role.FACILITATOR
    )
    group = factories.GroupFactory(arena=arena, name="Bord 9")
    path = url("group-delete", arena, pk=group.pk)
    clients = [Client(), Client()]
    clients[0].force_login(facilitator)
    clients[1].force_login(colleague)
    answers = at_once(
        *[lambda c=c: (c.post(path).status_code, c.get(url("group-list", arena))) for c in clients]
    )
    assert sorted(status for status, _page in answers) == [302, 302]
    assert not arena.groups.filter(pk=group.pk).exists()
    for _status, page in answers:
        assert "«Bord 9» er" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_closing_confirmed_twice_at_once_keeps_the_session_to_resume(arena, facilitator):
    """Each request locks the arena before it looks at what runs: the second sees it closed
    already, and the session the first remembered stays remembered (decision 43)."""
    session = factories.ProgramSessionFactory(arena=arena, title="Gruppearbeid 1")
    session.is_current = True
    session.save()
    path = url("arena-status", arena)

    def close():
        client = Client()
        client.force_login(facilitator)
        return client.post(path, {"status": "closed", "confirmed": "1"}).status_code

    statuses = at_once(close, close)
    assert statuses == [302, 302]
    arena.refresh_from_db()
    assert arena.status == "closed"
    assert arena.resume_session == session


def _at_once(user, path, data):
    """`data` POSTed to `path` twice at once by `user` (two connections): the answers."""

    def post():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client.post(path, data)

    return sorted(at_once(post, post), key=lambda response: response.status_code)


CREATES = {
    "problem area": ("topic-create", {"kind": "problemstilling"}, {"title": "Frafall"}),
    "target group": ("topic-create", {"kind": "malgruppe"}, {"name": "Unge"}),
    "table": ("group-create", {}, {"name": "Bord 9"}),
    "plan": ("plan-create", {}, {"title": "Regional plan for kunnskapssamfunnet"}),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", CREATES)
def test_a_new_row_saved_twice_at_once_is_made_once_and_neither_is_a_500(arena, facilitator, kind):
    """Both forms pass before either is saved; the database's unique constraint refuses the
    second, whose form then says what a second tap a moment later would: it exists."""
    name, kwargs, data = CREATES[kind]
    counts = {
        "problem area": lambda: arena.problem_areas.count(),
        "target group": lambda: arena.target_groups.count(),
        "table": lambda: arena.groups.count(),
        "plan": lambda: Plan.objects.count(),
    }
    refused, made = _at_once(facilitator, url(name, arena, **kwargs), data)
    assert (refused.status_code, made.status_code) == (200, 302)
    assert "finnes allerede" in refused.content.decode()
    assert counts[kind]() == 1


@pytest.mark.django_db(transaction=True)
def test_a_colleague_added_twice_at_once_is_added_once(arena, facilitator):
    factories.UserFactory(username="kollega")
    data = {"user": "kollega", "role": "project_lead"}
    answers = _at_once(facilitator, url("membership-list", arena), data)
    assert [answer.status_code for answer in answers] == [302, 302]
    assert arena.memberships.filter(user__username="kollega").count() == 1


def test_a_constraint_the_form_does_not_check_still_gives_the_form_a_message(arena):
    form = GroupForm({"name": "Bord 9"}, arena=arena)
    assert form.is_valid()

    def save():
        raise IntegrityError("a check the form does not know")

    assert not saved(form, save)
    assert "Noen lagret det samme akkurat nå" in str(form.non_field_errors())
