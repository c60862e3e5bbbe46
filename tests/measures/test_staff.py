"""The staff side of the measures: the Tiltak tab, one measure, its status and contact person."""

import pytest
from django.urls import reverse

from measures.models import Measure, MeasureActor
from tests import factories

pytestmark = pytest.mark.django_db


def overview_url(arena):
    return reverse("measures:measure-overview", args=[arena.slug])


def detail_url(measure):
    return reverse("measures:measure-staff-detail", args=[measure.arena.slug, measure.pk])


def status_url(measure):
    return reverse("measures:measure-status-change", args=[measure.arena.slug, measure.pk])


def contact_url(measure):
    return reverse("measures:measure-contact-change", args=[measure.arena.slug, measure.pk])


@pytest.fixture
def measure_a(arena, group_a):
    return factories.MeasureFactory(arena=arena, group=group_a, title="Felles formidling")


def busy_measure(arena, group, n, title=None):
    """A measure with an actor, a funding row, votes, commitments and comments."""
    measure = factories.MeasureFactory(arena=arena, group=group, title=title or f"Tiltak nr. {n}")
    factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.LEAD)
    factories.FundingFactory(measure=measure)
    factories.VoteFactory(measure=measure, dots=2)
    factories.VoteFactory(measure=measure, dots=1)
    factories.CommitmentFactory(measure=measure)
    factories.CommentFactory(measure=measure)
    return measure


# The overview -------------------------------------------------------------------------------


def test_overview_lists_every_measure_with_its_counts(staff_client, arena, group_a, group_b):
    busy_measure(arena, group_a, 1, title="Felles formidling")
    factories.MeasureFactory(arena=arena, group=group_b, title="Sommerjobb")
    factories.MeasureFactory(arena=factories.ArenaFactory(), title="Fra en annen arena")
    response = staff_client.get(overview_url(arena))
    measures = {m.title: m for m in response.context["measures"]}
    assert set(measures) == {"Felles formidling", "Sommerjobb"}
    busy = measures["Felles formidling"]
    # Two votes of 2 and 1 dots, one commitment, one comment: counted apart, not multiplied.
    assert (busy.dot_count, busy.commitment_count, busy.comment_count) == (3, 1, 1)
    assert (measures["Sommerjobb"].dot_count, measures["Sommerjobb"].comment_count) == (0, 0)
    content = response.content.decode()
    assert detail_url(busy) in content
    assert 'class="marks"' in content


def test_overview_filters_by_table_status_and_problem_area(staff_client, arena, group_a, group_b):
    area = factories.ProblemAreaFactory(arena=arena)
    agreed = factories.MeasureFactory(
        arena=arena, group=group_a, title="Vedtatt A", status=Measure.Status.AGREED
    )
    agreed.problem_areas.add(area)
    factories.MeasureFactory(arena=arena, group=group_a, title="Utkast A")
    factories.MeasureFactory(
        arena=arena, group=group_b, title="Vedtatt B", status=Measure.Status.AGREED
    )

    def titles(**query):
        response = staff_client.get(overview_url(arena), query)
        return sorted(m.title for m in response.context["measures"])

    assert titles(status="agreed") == ["Vedtatt A", "Vedtatt B"]
    assert titles(status="agreed", group=group_a.pk) == ["Vedtatt A"]
    assert titles(problem_area=area.pk) == ["Vedtatt A"]
    assert titles(status="") == ["Utkast A", "Vedtatt A", "Vedtatt B"]


def test_overview_says_when_no_measure_matches_the_filter(staff_client, arena, measure_a):
    response = staff_client.get(overview_url(arena), {"status": "completed"})
    assert "Ingen tiltak passer til filteret." in response.content.decode()


def test_project_lead_reads_the_overview(lead_client, arena, measure_a):
    response = lead_client.get(overview_url(arena))
    assert response.status_code == 200
    assert "Felles formidling" in response.content.decode()


# Session, user, arena, membership (4), then: the filter's problem areas, target groups and
# tables (3), the measures with their counts as subqueries (1) and `with_rows()`'s prefetches
# for the marks: actors, their organisations, indicators, fundings, their organisations, problem
# areas (6).
OVERVIEW_QUERIES = 14


def test_overview_query_count_is_the_same_for_1_and_50_measures(
    staff_client, arena, group_a, django_assert_num_queries
):
    busy_measure(arena, group_a, 0)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        assert staff_client.get(overview_url(arena)).status_code == 200
    for n in range(1, 50):
        busy_measure(arena, group_a, n)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = staff_client.get(overview_url(arena))
    assert len(response.context["measures"]) == 50


# One measure --------------------------------------------------------------------------------


def test_measure_page_shows_answers_actors_funding_commitments_and_votes(staff_client, arena):
    measure = busy_measure(arena, factories.GroupFactory(arena=arena), 1)
    measure.description = "Mange lærlingplasser i industrien står tomme."
    measure.save()
    actor = measure.actors.get()
    funding = measure.fundings.get()
    commitment = measure.commitments.get()
    vote = measure.votes.order_by("-dots").first()
    content = staff_client.get(detail_url(measure)).content.decode()
    assert "Mange lærlingplasser i industrien står tomme." in content
    assert actor.organisation.name in content
    assert "Ansvarlig/eier" in content
    assert funding.organisation.name in content
    assert commitment.organisation.name in content
    assert vote.participant.display_name in content
    assert "3 prikker i alt." in content


def test_measure_of_another_arena_is_not_found(staff_client, arena):
    stranger = factories.MeasureFactory(arena=factories.ArenaFactory())
    url = reverse("measures:measure-staff-detail", args=[arena.slug, stranger.pk])
    assert staff_client.get(url).status_code == 404


def test_facilitator_sees_hidden_comments_with_a_show_button(staff_client, arena, measure_a):
    factories.CommentFactory(measure=measure_a, text="Synlig kommentar")
    factories.CommentFactory(measure=measure_a, text="Skjult kommentar", hidden=True)
    content = staff_client.get(detail_url(measure_a)).content.decode()
    assert "Synlig kommentar" in content
    assert "Skjult kommentar" in content
    assert "Skjult for deltakerne" in content
    assert '<input type="hidden" name="hidden" value="0">' in content
    assert '<input type="hidden" name="hidden" value="1">' in content


def test_hide_button_posts_to_the_existing_endpoint_and_comes_back(staff_client, measure_a):
    comment = factories.CommentFactory(measure=measure_a)
    url = reverse("measures:comment-hide", args=[measure_a.arena.slug, measure_a.pk, comment.pk])
    back = detail_url(measure_a) + "#kommentarer"
    response = staff_client.post(url, {"hidden": "1", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    comment.refresh_from_db()
    assert comment.hidden
    assert "Kommentaren er skjult" in staff_client.get(back).content.decode()
    staff_client.post(url, {"hidden": "0", "next": back})
    comment.refresh_from_db()
    assert not comment.hidden
    assert "Kommentaren vises igjen" in staff_client.get(back).content.decode()


def test_facilitation_board_links_each_measure_to_its_staff_page(staff_client, measure_a):
    board = reverse("measures:facilitation", args=[measure_a.arena.slug])
    assert f'href="{detail_url(measure_a)}"' in staff_client.get(board).content.decode()


def test_project_lead_reads_comments_but_gets_no_hide_button(lead_client, measure_a):
    factories.CommentFactory(measure=measure_a, text="Godt forslag")
    content = lead_client.get(detail_url(measure_a)).content.decode()
    assert "Godt forslag" in content
    assert 'name="hidden"' not in content


def test_history_is_newest_first_with_who_changed_what(staff_client, arena, measure_a):
    editor = factories.ParticipantFactory(arena=arena, display_name="Per Redaktør")
    measure_a.title = "Nytt navn"
    measure_a.last_edited_by = editor
    measure_a.save()
    staff_client.post(status_url(measure_a), {"status": "submitted"})
    history = staff_client.get(detail_url(measure_a)).context["history"]
    assert [record.status for record in history] == ["submitted", "draft", "draft"]
    newest, renamed, created = history
    assert newest.history_user.username == "fasilitator"
    assert [str(name) for name in newest.changed] == ["status"]
    assert renamed.last_edited_by == editor
    assert [str(name) for name in renamed.changed] == ["tittel"]
    assert created.history_type == "+"


def test_history_shows_at_most_twenty_versions(staff_client, measure_a):
    for n in range(25):
        measure_a.title = f"Versjon {n}"
        measure_a.save()
    history = staff_client.get(detail_url(measure_a)).context["history"]
    assert len(history) == 20
    assert history[0].title == "Versjon 24"


# Status -------------------------------------------------------------------------------------


def test_status_move_redirects_back_to_the_measure(staff_client, measure_a):
    response = staff_client.post(status_url(measure_a), {"status": "prioritised"})
    assert response.status_code == 302
    assert response["Location"] == detail_url(measure_a)
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.PRIORITISED


def test_agreed_without_a_lead_actor_is_refused_at_the_form(staff_client, measure_a):
    factories.MeasureActorFactory(measure=measure_a, role_kind=MeasureActor.Role.PARTNER)
    response = staff_client.post(status_url(measure_a), {"status": "agreed"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Tiltaket må ha nøyaktig én ansvarlig aktør før det kan vedtas." in content
    # The choice is kept in the form, and the page still says what the measure really is.
    assert response.context["status_form"]["status"].value() == "agreed"
    assert '<option value="agreed" selected>' in content
    assert response.context["measure"].status == Measure.Status.DRAFT
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.DRAFT


def test_agreed_with_one_lead_actor_is_accepted(staff_client, measure_a):
    factories.MeasureActorFactory(measure=measure_a, role_kind=MeasureActor.Role.LEAD)
    staff_client.post(status_url(measure_a), {"status": "agreed"})
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.AGREED


def test_unknown_status_gets_a_message(staff_client, measure_a):
    response = staff_client.post(status_url(measure_a), {"status": "nonsense"})
    assert response.status_code == 200
    assert response.context["status_form"].errors["status"]
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.DRAFT


def test_double_submit_of_a_status_is_harmless(staff_client, measure_a):
    for _attempt in range(2):
        response = staff_client.post(status_url(measure_a), {"status": "submitted"})
        assert response.status_code == 302
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.SUBMITTED


def test_project_lead_moves_status_and_sets_the_contact(lead_client, measure_a):
    factories.MeasureActorFactory(measure=measure_a, role_kind=MeasureActor.Role.LEAD)
    assert lead_client.post(status_url(measure_a), {"status": "agreed"}).status_code == 302
    response = lead_client.post(
        contact_url(measure_a), {"contact_name": "Kari Fylke", "contact_email": "kari@bfk.no"}
    )
    assert response.status_code == 302
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.AGREED
    assert (measure_a.contact_name, measure_a.contact_email) == ("Kari Fylke", "kari@bfk.no")


# Contact person -----------------------------------------------------------------------------


def test_contact_is_saved_and_shown(staff_client, measure_a):
    response = staff_client.post(
        contact_url(measure_a), {"contact_name": "  Kari   Fylke ", "contact_email": "kari@bfk.no"}
    )
    assert response["Location"] == detail_url(measure_a)
    measure_a.refresh_from_db()
    assert measure_a.contact_name == "Kari Fylke"
    content = staff_client.get(detail_url(measure_a)).content.decode()
    assert 'value="kari@bfk.no"' in content
    assert "Kontaktpersonen er lagret." in content


def test_a_new_contact_email_ends_the_previous_contacts_follow_up_link(staff_client, measure_a):
    measure_a.contact_email = "gammel@bfk.no"
    measure_a.followup_token = "den-gamle-lenken"
    measure_a.save()
    staff_client.post(
        contact_url(measure_a), {"contact_name": "Ny", "contact_email": "gammel@bfk.no"}
    )
    measure_a.refresh_from_db()
    assert measure_a.followup_token == "den-gamle-lenken"  # same person: the link still works
    staff_client.post(contact_url(measure_a), {"contact_name": "Ny", "contact_email": "ny@bfk.no"})
    measure_a.refresh_from_db()
    assert measure_a.followup_token is None
    assert staff_client.get("/oppfolging/den-gamle-lenken/").status_code == 404


def test_bad_contact_email_gets_a_message_and_keeps_the_input(staff_client, measure_a):
    response = staff_client.post(
        contact_url(measure_a), {"contact_name": "Kari Fylke", "contact_email": "kari.bfk.no"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Skriv en e-postadresse, for eksempel kari@bfk.no." in content
    assert 'value="kari.bfk.no"' in content
    assert 'value="Kari Fylke"' in content
    measure_a.refresh_from_db()
    assert (measure_a.contact_name, measure_a.contact_email) == ("", "")


def test_saving_the_contact_leaves_the_answers_alone(staff_client, measure_a):
    """A group autosaving while the page is open must not lose its text to the contact form."""
    Measure.objects.filter(pk=measure_a.pk).update(description="Skrevet av gruppen akkurat nå")
    staff_client.post(contact_url(measure_a), {"contact_name": "Kari", "contact_email": ""})
    measure_a.refresh_from_db()
    assert measure_a.description == "Skrevet av gruppen akkurat nå"
    assert measure_a.contact_name == "Kari"


def test_contact_and_comment_names_are_escaped(staff_client, measure_a):
    factories.CommentFactory(measure=measure_a, author_name="<b>Ola</b>", text="<script>x</script>")
    content = staff_client.get(detail_url(measure_a)).content.decode()
    assert "<script>x</script>" not in content
    assert "&lt;b&gt;Ola&lt;/b&gt;" in content


# Session, user, arena, membership (4); the measure (1); the measure again with group and last
# editor (1) and its prefetches: actors, their organisations, indicators, fundings, their
# organisations, problem areas, target groups, plan goals, commitments, comments, votes (11);
# the history with editors and staff users (1); the editor's changes (1); its links and merges
# (1) and the measures of other tables like it (1, decisions 48 and 49).
MEASURE_QUERIES = 21


def test_measure_page_query_count_does_not_grow_with_comments_and_history(
    staff_client, measure_a, django_assert_num_queries
):
    factories.MeasureActorFactory(measure=measure_a, role_kind=MeasureActor.Role.LEAD)
    factories.FundingFactory(measure=measure_a)
    factories.CommentFactory(measure=measure_a)
    factories.VoteFactory(measure=measure_a)
    factories.CommitmentFactory(measure=measure_a)
    with django_assert_num_queries(MEASURE_QUERIES):
        staff_client.get(detail_url(measure_a))
    for n in range(30):
        factories.CommentFactory(measure=measure_a)
        factories.VoteFactory(measure=measure_a)
        factories.CommitmentFactory(measure=measure_a)
        measure_a.title = f"Versjon {n}"
        measure_a.save()
    with django_assert_num_queries(MEASURE_QUERIES):
        staff_client.get(detail_url(measure_a))
