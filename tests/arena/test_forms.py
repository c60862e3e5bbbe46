import datetime

import pytest

from arena.forms import (
    ArenaCreateForm,
    ArenaForm,
    ArenaStatusForm,
    CurrentSessionForm,
    GroupForm,
    MembershipForm,
    MoveParticipantsForm,
    PlanForm,
    ProblemAreaForm,
    SessionForm,
    TargetGroupForm,
    ToggleForm,
)
from arena.models import Arena
from tests import factories

pytestmark = pytest.mark.django_db

MAR_10 = datetime.date(2026, 3, 10)
MAR_11 = datetime.date(2026, 3, 11)


def codes(form, field="__all__"):
    return [e.code for e in form.errors.as_data().get(field, [])]


@pytest.fixture
def two_day_arena():
    return factories.ArenaFactory(start_date=MAR_10, end_date=MAR_11)


# --- ArenaCreateForm


def test_create_form_without_end_date_makes_a_one_day_arena():
    form = ArenaCreateForm(
        {"title": "Ny arena", "start_date": "2027-03-09"}, arenas=Arena.objects.all()
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["end_date"] == datetime.date(2027, 3, 9)


def test_create_form_copy_without_end_date_lasts_as_long_as_the_source(two_day_arena):
    form = ArenaCreateForm(
        {"title": "Ny arena", "start_date": "2027-03-09", "source": two_day_arena.pk},
        arenas=Arena.objects.all(),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["end_date"] == datetime.date(2027, 3, 10)


def test_create_form_refuses_end_before_start():
    form = ArenaCreateForm(
        {"title": "Ny", "start_date": "2027-03-09", "end_date": "2027-03-08"},
        arenas=Arena.objects.all(),
    )
    assert not form.is_valid()
    assert codes(form, "end_date") == ["order"]
    assert "før første dag" in form.errors["end_date"][0]


def test_create_form_refuses_a_copy_too_short_for_the_program(two_day_arena):
    form = ArenaCreateForm(
        {
            "title": "Ny",
            "start_date": "2027-03-09",
            "end_date": "2027-03-09",
            "source": two_day_arena.pk,
        },
        arenas=Arena.objects.all(),
    )
    assert not form.is_valid()
    assert codes(form, "end_date") == ["too_short"]
    assert "2 dager" in form.errors["end_date"][0]


def test_create_form_only_offers_the_users_arenas_to_copy(two_day_arena):
    other = factories.ArenaFactory()
    form = ArenaCreateForm(
        {"title": "Ny", "start_date": "2027-03-09", "source": other.pk},
        arenas=Arena.objects.filter(pk=two_day_arena.pk),
    )
    assert not form.is_valid()
    assert "source" in form.errors


def test_create_form_requires_title_and_start():
    form = ArenaCreateForm({}, arenas=Arena.objects.all())
    assert not form.is_valid()
    assert set(form.errors) == {"title", "start_date"}


# --- ArenaForm


def arena_data(arena, **changes):
    data = {
        "title": arena.title,
        "purpose": "Formål",
        "venue": "Drammen",
        "start_date": arena.start_date.isoformat(),
        "end_date": arena.end_date.isoformat(),
        "privacy_text": "",
        "retention_months": 24,
        "followup_months": 12,
        "default_language": "nb",
        "dots_per_participant": 3,
    }
    data.update(changes)
    return data


def test_arena_form_saves_purpose_venue_plans_and_language(two_day_arena):
    plan = factories.PlanFactory()
    form = ArenaForm(
        arena_data(two_day_arena, plans=[plan.pk], default_language="nn"), instance=two_day_arena
    )
    assert form.is_valid(), form.errors
    arena = form.save()
    assert arena.venue == "Drammen"
    assert arena.default_language == "nn"
    assert list(arena.plans.all()) == [plan]


def test_arena_form_refuses_end_before_start(two_day_arena):
    form = ArenaForm(arena_data(two_day_arena, end_date="2026-03-01"), instance=two_day_arena)
    assert not form.is_valid()
    assert codes(form, "end_date") == ["order"]


def test_arena_form_refuses_dates_that_leave_sessions_outside(two_day_arena):
    factories.ProgramSessionFactory(arena=two_day_arena, day=MAR_11)
    form = ArenaForm(arena_data(two_day_arena, end_date="2026-03-10"), instance=two_day_arena)
    assert not form.is_valid()
    assert codes(form) == ["sessions_outside"]
    assert "utenfor de nye datoene" in form.non_field_errors()[0]


def test_arena_form_refuses_zero_dots(two_day_arena):
    form = ArenaForm(arena_data(two_day_arena, dots_per_participant=0), instance=two_day_arena)
    assert not form.is_valid()


def test_status_form_only_accepts_known_statuses():
    assert ArenaStatusForm({"status": "closed"}).is_valid()
    assert not ArenaStatusForm({"status": "deleted"}).is_valid()


# --- SessionForm


def session_data(**changes):
    data = {
        "day": "2026-03-10",
        "starts_at": "10:15",
        "ends_at": "11:30",
        "title": "Gruppearbeid 1",
        "kind": "group_work",
        "instructions": "Lag minst ett tiltak per bord.",
        "allows_editing": "on",
    }
    data.update(changes)
    return data


def test_session_form_accepts_a_valid_session(two_day_arena):
    form = SessionForm(session_data(), arena=two_day_arena)
    assert form.is_valid(), form.errors
    session = form.save()
    assert session.arena == two_day_arena
    assert session.allows_editing is True


def test_session_form_offers_only_the_arenas_days(two_day_arena):
    form = SessionForm(arena=two_day_arena)
    assert [value for value, _label in form.fields["day"].widget.choices] == [
        "2026-03-10",
        "2026-03-11",
    ]


def test_session_form_refuses_a_day_outside_the_arena(two_day_arena):
    form = SessionForm(session_data(day="2026-03-12"), arena=two_day_arena)
    assert not form.is_valid()
    assert codes(form, "day") == ["outside_arena"]


def test_session_form_refuses_end_before_start(two_day_arena):
    form = SessionForm(session_data(starts_at="11:30", ends_at="10:15"), arena=two_day_arena)
    assert not form.is_valid()
    assert codes(form, "ends_at") == ["ends_before_start"]
    assert form.errors["ends_at"] == ["Slutt må være etter start."]


def test_session_form_refuses_an_overlap_on_the_same_day(two_day_arena):
    factories.ProgramSessionFactory(
        arena=two_day_arena,
        title="Plenum",
        starts_at=datetime.time(9),
        ends_at=datetime.time(10, 30),
    )
    form = SessionForm(session_data(), arena=two_day_arena)
    assert not form.is_valid()
    assert codes(form) == ["overlap"]
    assert "«Plenum» (09:00–10:30)" in form.non_field_errors()[0]


def test_session_form_allows_back_to_back_and_other_days(two_day_arena):
    factories.ProgramSessionFactory(
        arena=two_day_arena, starts_at=datetime.time(9), ends_at=datetime.time(10, 15)
    )
    assert SessionForm(session_data(), arena=two_day_arena).is_valid()
    assert SessionForm(
        session_data(day="2026-03-11", starts_at="09:00"), arena=two_day_arena
    ).is_valid()


def test_session_form_does_not_clash_with_itself_when_edited(two_day_arena):
    session = factories.ProgramSessionFactory(arena=two_day_arena)
    form = SessionForm(session_data(ends_at="12:00"), instance=session, arena=two_day_arena)
    assert form.is_valid(), form.errors


def test_session_form_ignores_other_arenas_sessions(two_day_arena):
    factories.ProgramSessionFactory(day=MAR_10)
    assert SessionForm(session_data(), arena=two_day_arena).is_valid()


# --- Themes and tables


def test_problem_area_form_refuses_a_duplicate_in_the_same_arena(two_day_arena):
    factories.ProblemAreaFactory(arena=two_day_arena, title="Fullføring")
    form = ProblemAreaForm({"title": "Fullføring"}, arena=two_day_arena)
    assert not form.is_valid()
    assert codes(form, "title") == ["unique"]
    assert ProblemAreaForm({"title": "Fullføring"}, arena=factories.ArenaFactory()).is_valid()


def test_target_group_form_refuses_a_duplicate(two_day_arena):
    factories.TargetGroupFactory(arena=two_day_arena, name="Unge")
    form = TargetGroupForm({"name": "Unge"}, arena=two_day_arena)
    assert not form.is_valid()
    assert codes(form, "name") == ["unique"]


def test_group_form_offers_only_this_arenas_problem_areas(two_day_arena):
    mine = factories.ProblemAreaFactory(arena=two_day_arena)
    foreign = factories.ProblemAreaFactory()
    form = GroupForm({"name": "Bord 1", "problem_areas": [foreign.pk]}, arena=two_day_arena)
    assert not form.is_valid()
    form = GroupForm({"name": "Bord 1", "problem_areas": [mine.pk]}, arena=two_day_arena)
    assert form.is_valid(), form.errors
    assert list(form.save().problem_areas.all()) == [mine]


def test_group_form_refuses_a_duplicate_name(two_day_arena):
    factories.GroupFactory(arena=two_day_arena, name="Bord 1")
    form = GroupForm({"name": "Bord 1"}, arena=two_day_arena)
    assert not form.is_valid()
    assert codes(form, "name") == ["unique"]


def test_move_form_only_accepts_this_arenas_participants_and_groups(two_day_arena):
    mine = factories.ParticipantFactory(arena=two_day_arena)
    foreign = factories.ParticipantFactory()
    group = factories.GroupFactory(arena=two_day_arena)
    assert MoveParticipantsForm(
        {"participants": [mine.pk], "group": group.pk}, arena=two_day_arena
    ).is_valid()
    assert not MoveParticipantsForm({"participants": [foreign.pk]}, arena=two_day_arena).is_valid()
    assert not MoveParticipantsForm(
        {"participants": [mine.pk], "group": foreign.group.pk}, arena=two_day_arena
    ).is_valid()


# --- People, plans and toggles


def test_membership_form_finds_a_user_by_username_or_email():
    user = factories.UserFactory(username="kari", email="kari@bfk.no")
    for value in ("kari", "KARI@bfk.no"):
        form = MembershipForm({"user": value, "role": "project_lead"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["user"] == user


def test_membership_form_explains_an_unknown_user():
    form = MembershipForm({"user": "ukjent", "role": "facilitator"})
    assert not form.is_valid()
    assert codes(form, "user") == ["unknown_user"]


def test_plan_form_lists_goals_one_per_line():
    plan = factories.PlanGoalFactory(text="Flere fullfører").plan
    form = PlanForm(instance=plan)
    assert form.fields["goals"].initial == "Flere fullfører"
    form = PlanForm({"title": "Ny plan", "goals": "A\nB", "url": "bfk.no/plan"})
    assert form.is_valid(), form.errors
    assert form.goal_lines() == ["A", "B"]
    assert form.cleaned_data["url"] == "https://bfk.no/plan"


def test_toggle_form_reads_one_and_zero():
    form = ToggleForm({"value": "1"})
    assert form.is_valid()
    assert form.cleaned_data["value"] is True
    form = ToggleForm({"value": "0"})
    assert form.is_valid()
    assert form.cleaned_data["value"] is False
    assert not ToggleForm({"value": "ja"}).is_valid()


def test_current_session_form_refuses_another_arenas_session(two_day_arena):
    foreign = factories.ProgramSessionFactory()
    assert not CurrentSessionForm({"session": foreign.pk}, arena=two_day_arena).is_valid()
    assert CurrentSessionForm({"session": ""}, arena=two_day_arena).is_valid()


def test_move_form_labels_say_where_each_participant_sits(two_day_arena):
    group = factories.GroupFactory(arena=two_day_arena, name="Bord Nord")
    factories.ParticipantFactory(
        arena=two_day_arena,
        group=group,
        display_name="Aina",
        organisation=factories.OrganisationFactory(name="NAV Drammen"),
    )
    factories.ParticipantFactory(arena=two_day_arena, group=None, display_name="Bjørn")
    labels = [
        label
        for _value, label in MoveParticipantsForm(arena=two_day_arena)
        .fields["participants"]
        .choices
    ]
    assert "Aina (NAV Drammen) – Bord Nord" in labels
    assert any(label.startswith("Bjørn") and label.endswith("– uten bord") for label in labels)


def test_selects_offer_velg_instead_of_dashes_as_the_empty_choice(db):
    from django import forms as django_forms

    from arena.forms_base import StyledForm
    from arena.models import Group
    from measures.models import Measure

    class Form(StyledForm, django_forms.Form):
        group = django_forms.ModelChoiceField(queryset=Group.objects.all(), required=False)
        direction = Measure._meta.get_field("direction").formfield(required=False)

    html = str(Form())
    assert "---------" not in html
    assert html.count("Velg …") == 2


def test_the_session_forms_kind_offers_velg_instead_of_dashes(two_day_arena):
    form = SessionForm(arena=two_day_arena)
    assert form.fields["kind"].choices[0] == ("", "Velg …")
    html = str(form)
    assert "---------" not in html
    assert 'class="form-select"' in html


def test_the_session_page_shows_no_dashes(client, arena, facilitator):
    from django.urls import reverse

    client.force_login(facilitator)
    response = client.get(reverse("arena:session-create", kwargs={"slug": arena.slug}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "---------" not in content
    assert "Velg …" in content
