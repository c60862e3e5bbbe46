"""Reading, comments, commitments and dots; the arena home and lists with pinned queries."""

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from measures.models import Comment, Commitment, Measure, Vote
from tests import factories


def detail_url(measure):
    return reverse("measures:measure-detail", args=[measure.arena.slug, measure.pk])


def test_participant_of_another_group_comments_and_commits(client_b, measure_a, participant_b):
    response = client_b.post(
        reverse("measures:comment-create", args=[measure_a.arena.slug, measure_a.pk]),
        {"text": "Ta med karrieresenteret."},
    )
    assert response.status_code == 302
    response = client_b.post(
        reverse("measures:commitment-create", args=[measure_a.arena.slug, measure_a.pk]),
        {"role_kind": "partner", "text": "Vi stiller med veiledere"},
    )
    assert response.status_code == 302
    content = client_b.get(detail_url(measure_a)).content.decode()
    assert "Ta med karrieresenteret." in content
    assert participant_b.organisation.name in content
    assert "Vi stiller med veiledere" in content


def test_empty_comment_gets_a_message(client_b, measure_a):
    response = client_b.post(
        reverse("measures:comment-create", args=[measure_a.arena.slug, measure_a.pk]),
        {"text": ""},
    )
    assert "Skriv en kommentar først." in response.content.decode()
    assert not Comment.objects.exists()


def test_facilitator_hides_a_comment_and_participants_no_longer_see_it(
    client_b, measure_a, facilitator
):
    comment = factories.CommentFactory(measure=measure_a, text="Upassende tekst")
    staff = Client()
    staff.force_login(facilitator)
    url = reverse("measures:comment-hide", args=[measure_a.arena.slug, measure_a.pk, comment.pk])
    response = staff.post(url, {"next": "https://evil.example/"})
    assert response.url == "/"  # never sent to another site
    comment.refresh_from_db()
    assert comment.hidden is True
    assert "Upassende tekst" not in client_b.get(detail_url(measure_a)).content.decode()


def test_project_lead_and_participants_cannot_hide_comments(client_b, measure_a, project_lead):
    comment = factories.CommentFactory(measure=measure_a)
    url = reverse("measures:comment-hide", args=[measure_a.arena.slug, measure_a.pk, comment.pk])
    lead = Client()
    lead.force_login(project_lead)
    assert lead.post(url).status_code == 404
    assert client_b.post(url).status_code == 302  # no account: sent to log in
    comment.refresh_from_db()
    assert comment.hidden is False


@pytest.fixture
def prioritising(arena):
    return factories.ProgramSessionFactory(arena=arena, kind="prioritisation", is_current=True)


def test_dots_through_the_page_and_ranking_only_when_revealed(
    client_b, arena, measure_a, prioritising, participant_b
):
    other = factories.MeasureFactory(arena=arena, title="Annet tiltak")
    arena.measures.update(status="submitted")  # only measures sent in take part
    vote = reverse("measures:vote-change", args=[arena.slug, measure_a.pk])
    for _ in range(4):
        client_b.post(vote, {"change": "add"})
    assert Vote.objects.get(participant=participant_b).dots == 3
    page = client_b.get(reverse("measures:vote-list", args=[arena.slug]))
    content = page.content.decode()
    assert "Du har 0 prikker igjen." in content
    assert "prikker totalt" not in content
    arena.ranking_revealed = True
    arena.save()
    page = client_b.get(reverse("measures:vote-list", args=[arena.slug]))
    measures = [m.pk for m in page.context["measures"]]
    assert measures == [measure_a.pk, other.pk]
    assert "3 prikker totalt" in page.content.decode()


def test_dots_refused_when_the_session_is_not_prioritisation(client_b, arena, measure_a):
    client_b.post(
        reverse("measures:vote-change", args=[arena.slug, measure_a.pk]), {"change": "add"}
    )
    assert not Vote.objects.exists()


def test_home_shows_current_session_our_table_and_all_measures(client_a, arena, measure_a, group_b):
    factories.ProgramSessionFactory(
        arena=arena, title="Gruppearbeid 1", is_current=True, instructions="Lag to tiltak."
    )
    factories.MeasureFactory(arena=arena, group=group_b, title="Bord B sitt tiltak")
    content = client_a.get(reverse("measures:arena-home", args=[arena.slug])).content.decode()
    assert "Nå: Gruppearbeid 1 – 10:15–11:30" in content
    assert "Lag to tiltak." in content
    assert "+ Nytt tiltak" in content
    ours = content.split('id="ours-heading"')[1].split('id="all-heading"')[0]
    assert "Felles formidling" in ours
    assert "Bord B sitt tiltak" not in ours


def test_home_filters_by_problem_area_target_group_and_group(client_a, arena, group_b):
    area = factories.ProblemAreaFactory(arena=arena)
    target = factories.TargetGroupFactory(arena=arena)
    hit = factories.MeasureFactory(arena=arena, group=group_b, title="Treffet")
    hit.problem_areas.add(area)
    hit.target_groups.add(target)
    factories.MeasureFactory(arena=arena, group=group_b, title="Ikke treff")
    url = reverse("measures:measure-list", args=[arena.slug])
    for params in ({"problem_area": area.pk}, {"target_group": target.pk}):
        titles = [m.title for m in client_a.get(url, params).context["measures"]]
        assert titles == ["Treffet"]
    titles = {m.title for m in client_a.get(url, {"group": group_b.pk}).context["measures"]}
    assert titles == {"Treffet", "Ikke treff"}


def test_closed_editing_hides_the_new_measure_button(client_a, arena):
    arena.editing_open = False
    arena.save()
    content = client_a.get(reverse("measures:arena-home", args=[arena.slug])).content.decode()
    assert "+ Nytt tiltak" not in content
    assert "Redigeringen er stengt" in content


def _fill(arena, group, count):
    organisation = factories.OrganisationFactory()
    area = factories.ProblemAreaFactory(arena=arena)
    for number in range(count):
        measure = factories.MeasureFactory(arena=arena, group=group, title=f"Tiltak {number}")
        measure.problem_areas.add(area)
        factories.MeasureActorFactory(measure=measure, organisation=organisation, role_kind="lead")
        factories.IndicatorFactory(measure=measure)
        factories.FundingFactory(measure=measure, organisation=organisation)


# Arena home, 7 queries whatever the number of measures:
#  1 session · 2 participant (+ arena, organisation, group)
#  3 measures (plain rows: id, table, version, last change) · 4 the measures whose card is not
#  cached yet (light columns, + table) · 5 their texts and "has rows" (none of the two on the
#  next visit: 4 queries) · 6 current program session
HOME_QUERIES = 6
# Measure list, one page of cards: session, participant with its arena, count, the page's
# measures, texts of the uncached, and the three filter choices = 8.
LIST_QUERIES = 8
# Editor, first step, 13 queries: 1 session · 2 participant (+ arena) · 3 measure (+ group,
# last editor) · 4–6 the values the browser starts from (problem areas, target groups, plan
# goals) · 7–9 the same for the form's initial values · 10–12 the choices of those three ·
# 13 the measures of other tables like it (decision 48).
EDITOR_QUERIES = 13


@pytest.mark.parametrize("count", [1, 50])
def test_home_query_count_does_not_grow_with_measures(
    client_a, arena, group_a, count, django_assert_num_queries
):
    _fill(arena, group_a, count)
    url = reverse("measures:arena-home", args=[arena.slug])
    with django_assert_num_queries(HOME_QUERIES):
        assert client_a.get(url).status_code == 200
    with django_assert_num_queries(HOME_QUERIES - 2):
        assert client_a.get(url).status_code == 200


def test_home_cards_from_plain_rows_are_the_cards_of_the_board(client_a, arena, measure_a):
    """The home reads plain rows, the board model instances: the cards' keys agree, so a card
    rendered for one is found by the other, and a changed measure gets a new card."""
    from measures import cards

    home = reverse("measures:arena-home", args=[arena.slug])
    assert measure_a.title in client_a.get(home).content.decode()
    row = cards.rows(Measure.objects.filter(pk=measure_a.pk))[0]
    model = cards.light(Measure.objects.filter(pk=measure_a.pk)).get()
    assert cards._key("compact", row, arena.slug, "nb") == cards._key(
        "compact", model, arena.slug, "nb"
    )
    Measure.objects.filter(pk=measure_a.pk).update(title="Et nytt navn", version=F("version") + 1)
    assert "Et nytt navn" in client_a.get(home).content.decode()


def test_a_measure_gone_between_the_two_reads_is_left_out(arena, group_a, measure_a):
    from measures import cards

    other = factories.MeasureFactory(arena=arena, group=group_a, title="Blir borte")
    rows = cards.rows(Measure.objects.filter(arena=arena).order_by("pk"))
    other.delete()
    (html,) = cards.card_lists([("compact", rows)], arena=arena)
    assert len(html) == 1
    assert measure_a.title in html[0]


@pytest.mark.parametrize("count", [1, 50])
def test_measure_list_query_count_does_not_grow_with_measures(
    client_a, arena, group_a, count, django_assert_num_queries
):
    _fill(arena, group_a, count)
    url = reverse("measures:measure-list", args=[arena.slug])
    with django_assert_num_queries(LIST_QUERIES):
        assert client_a.get(url).status_code == 200
    with django_assert_num_queries(LIST_QUERIES - 1):
        assert client_a.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_editor_query_count_does_not_grow_with_measures(
    client_a, arena, group_a, measure_a, count, django_assert_num_queries
):
    _fill(arena, group_a, count)
    url = reverse("measures:measure-edit", args=[arena.slug, measure_a.pk, 0])
    with django_assert_num_queries(EDITOR_QUERIES):
        assert client_a.get(url).status_code == 200


# Dots page, whatever the number of measures: 1 session · 2 participant (+ arena) · 3 is
# voting open · 4 the measures taking part (light, with their table) · 5 my own dots · 6 the
# marks of the measures not cached yet = 6; then 5 once the marks are cached.
VOTE_QUERIES = 6


@pytest.mark.parametrize("count", [1, 50])
def test_vote_list_query_count_does_not_grow_with_measures(
    client_a, arena, group_a, count, django_assert_num_queries
):
    _fill(arena, group_a, count)
    arena.measures.update(status="submitted")
    url = reverse("measures:vote-list", args=[arena.slug])
    with django_assert_num_queries(VOTE_QUERIES):
        response = client_a.get(url)
    assert len(response.context["measures"]) == count
    with django_assert_num_queries(VOTE_QUERIES - 1):
        assert client_a.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("measures:comment-create", {"text": "En sen kommentar"}),
        ("measures:commitment-create", {"role_kind": "partner", "text": "En sen kommentar"}),
    ],
)
def test_after_the_arena_participants_read_but_cannot_write(
    client_b, arena, measure_a, url_name, data
):
    arena.status = "closed"
    arena.save()
    url = reverse(url_name, args=[arena.slug, measure_a.pk])
    response = client_b.post(url, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Arenaen er avsluttet, så dette ble ikke lagret" in content
    assert "En sen kommentar" in content  # what was typed is still there to copy
    assert not Comment.objects.exists()
    assert not Commitment.objects.exists()
    page = client_b.get(reverse("measures:measure-detail", args=[arena.slug, measure_a.pk]))
    assert "ikke skrive mer" in page.content.decode()
    assert url not in page.content.decode()


def test_a_colleague_sees_the_organisations_commitment_before_changing_it(
    client_b, arena, measure_a, participant_b
):
    factories.CommitmentFactory(
        measure=measure_a,
        organisation=participant_b.organisation,
        role_kind="financier",
        text="Vi kan dekke lokaler",
    )
    page = client_b.get(reverse("measures:measure-detail", args=[arena.slug, measure_a.pk]))
    content = page.content.decode()
    assert "er allerede med" in content
    assert "Vi kan dekke lokaler</textarea>" in content or 'value="Vi kan dekke lokaler"' in content
    assert "Lagre endringen" in content


def test_home_lists_every_measure_compactly_and_links_to_the_full_list(client_a, arena, group_b):
    factories.MeasureFactory(arena=arena, group=group_b, title="Bord B sitt tiltak")
    content = client_a.get(reverse("measures:arena-home", args=[arena.slug])).content.decode()
    everyone = content.split('id="all-heading"')[1].split('id="link-heading"')[0]
    assert "Bord B sitt tiltak" in everyone
    assert "0 av 6 besvart" in everyone
    assert reverse("measures:measure-list", args=[arena.slug]) in everyone


def test_measure_list_shows_one_page_at_a_time(client_a, arena, group_a):
    _fill(arena, group_a, 25)
    url = reverse("measures:measure-list", args=[arena.slug])
    first = client_a.get(url)
    assert len(first.context["measures"]) == 20
    assert "Side 1 av 2" in first.content.decode()
    second = client_a.get(url, {"side": 2})
    assert len(second.context["measures"]) == 5
    assert "Forrige side" in second.content.decode()


def test_our_table_poll_answers_304_until_a_card_of_the_table_changes(
    client_a, arena, group_a, measure_a, participant_a, django_capture_on_commit_callbacks
):
    """ "Vårt bord" follows every change its cards show (title, six marks, status, a new
    measure) within a poll, and ignores what they don't (comments, text that was already
    there growing), so 300 phones' polls stay 304s while tables type."""
    import uuid

    from measures import editor, followup, services

    url = reverse("measures:arena-home-ours", args=[arena.slug])

    def changed(etag):
        response = client_a.get(url, HTTP_IF_NONE_MATCH=etag)
        return response.status_code == 200, response.get("ETag")

    etag = client_a.get(url)["ETag"]
    assert changed(etag) == (False, etag)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(measure=measure_a, participant=participant_a, text="Bra")
    assert changed(etag)[0] is False
    steps = [
        lambda: editor.field_save(measure=measure_a, name="goal", base="", value="Flere i jobb",
                                  op=uuid.uuid4(), editor=participant_a),
        lambda: editor.field_save(measure=measure_a, name="title", base=measure_a.title,
                                  value="Nytt navn", op=uuid.uuid4(), editor=participant_a),
        lambda: followup.measure_status_move(measure=measure_a, status="prioritised"),
        lambda: services.measure_create(arena=arena, group=group_a, title="Enda et",
                                        creation_key=uuid.uuid4(), editor=participant_a),
    ]  # fmt: skip
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            step()
        moved, etag = changed(etag)
        assert moved
        assert changed(etag)[0] is False
    with django_capture_on_commit_callbacks(execute=True):  # more words in a filled answer
        editor.field_save(
            measure=measure_a, name="goal", base="Flere i jobb", value="Flere i jobb raskt",
            op=uuid.uuid4(), editor=participant_a,
        )  # fmt: skip
    assert changed(etag)[0] is False
    assert "Nytt navn" in client_a.get(url).content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_our_table_poll_query_count_does_not_grow_with_measures(
    client_a, arena, group_a, count, django_assert_num_queries
):
    _fill(arena, group_a, count)
    url = reverse("measures:arena-home-ours", args=[arena.slug])
    # session, participant (+ arena), our measures, texts of the uncached = 4
    with django_assert_num_queries(4):
        etag = client_a.get(url)["ETag"]
    # unchanged: session, participant (+ arena) = 2 (the table's stamp is cached), no body
    with django_assert_num_queries(2):
        assert client_a.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_cards_follow_the_language(client_a, arena, measure_a):
    from django.conf import settings

    url = reverse("measures:arena-home", args=[arena.slug])
    assert "spørsmål besvart" in client_a.get(url).content.decode()
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "spørsmål besvart" not in client_a.get(url).content.decode()


def test_dots_list_shows_only_measures_sent_in_with_summary_and_marks(
    client_b, arena, measure_a, prioritising
):
    sent = factories.MeasureFactory(
        arena=arena, title="Sendt inn", status="submitted", description="Kort om tiltaket her."
    )
    content = client_b.get(reverse("measures:vote-list", args=[arena.slug])).content.decode()
    assert sent.title in content
    assert "Kort om tiltaket her." in content
    assert "1 av 6 spørsmål besvart" in content
    assert measure_a.title not in content  # a draft does not take part


def test_a_dot_with_htmx_brings_back_the_list_and_the_status_line(
    client_b, arena, prioritising, participant_b
):
    sent = factories.MeasureFactory(arena=arena, title="Sendt inn", status="submitted")
    vote = reverse("measures:vote-change", args=[arena.slug, sent.pk])
    response = client_b.post(vote, {"change": "add"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="vote-region"' in content
    assert 'hx-swap-oob="innerHTML"' in content
    assert "Du har 2 prikker igjen." in content
    assert "1 prikk fra deg" in content
    assert "<html" not in content
    assert Vote.objects.get(participant=participant_b).dots == 1


def test_a_refused_dot_with_htmx_says_why_in_the_status_line(client_b, arena, measure_a):
    vote = reverse("measures:vote-change", args=[arena.slug, measure_a.pk])
    content = client_b.post(vote, {"change": "add"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Prioriteringen er ikke åpen nå." in content
    assert not Vote.objects.exists()


def test_vi_blir_med_asks_for_a_role_and_what_we_bring(client_b, measure_a):
    url = reverse("measures:commitment-create", args=[measure_a.arena.slug, measure_a.pk])
    content = client_b.post(url, {"role_kind": "", "text": ""}).content.decode()
    assert "Velg hvilken rolle dere kan ta." in content
    assert "Skriv kort hva dere kan bidra med." in content
    assert "---------" not in content
    assert not Commitment.objects.exists()


def test_our_commitment_can_be_changed_and_withdrawn(client_b, measure_a, participant_b):
    slug = measure_a.arena.slug
    create = reverse("measures:commitment-create", args=[slug, measure_a.pk])
    client_b.post(create, {"role_kind": "partner", "text": "Vi stiller med veiledere"})
    content = client_b.get(detail_url(measure_a)).content.decode()
    assert "Lagre endringen" in content
    assert f"Trekk {participant_b.organisation.name} fra tiltaket" in content
    client_b.post(create, {"role_kind": "lead", "text": "Vi tar ansvaret"})
    commitment = Commitment.objects.get()
    assert (commitment.role_kind, commitment.text) == ("lead", "Vi tar ansvaret")
    withdraw = reverse("measures:commitment-withdraw", args=[slug, measure_a.pk])
    response = client_b.post(withdraw, follow=True)
    assert "er ikke lenger med på tiltaket" in response.content.decode()
    assert not Commitment.objects.exists()


def test_a_colleague_withdraws_only_our_own_organisations_commitment(
    client_b, measure_a, participant_a, participant_b
):
    factories.CommitmentFactory(measure=measure_a, organisation=participant_a.organisation)
    withdraw = reverse("measures:commitment-withdraw", args=[measure_a.arena.slug, measure_a.pk])
    client_b.post(withdraw)
    assert Commitment.objects.filter(organisation=participant_a.organisation).exists()


def test_amounts_are_written_with_thousands_spaces_and_kr(client_b, measure_a):
    factories.FundingFactory(measure=measure_a, amount=2_000_000)
    content = client_b.get(detail_url(measure_a)).content.decode()
    assert "2\u00a0000\u00a0000\u00a0kr" in content
    assert "2000000 kr" not in content
