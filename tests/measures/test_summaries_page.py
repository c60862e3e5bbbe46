"""The summary page shows the summary's numbers, in tables beside the charts."""

import pytest
from django.urls import reverse

from measures.followup import followup_token_ensure
from tests.measures.lead_world import build_summary_arena

pytestmark = pytest.mark.django_db


def page_text(response):
    return " ".join(response.content.decode().split())


def test_project_lead_sees_key_figures_gaps_and_the_actor_matrix(
    arena, project_lead, persona_client
):
    build_summary_arena(arena)
    response = persona_client("project_lead").get(
        reverse("measures:summary-detail", args=[arena.slug])
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "<dt>Tiltak</dt><dd>4</dd>" in text
    assert "<dt>Hull i dekningen</dt><dd>4</dd>" in text
    assert "<li>Personer med nedsatt funksjonsevne – inn i arbeid</li>" in text
    assert "<li>Tom idé (1 aktør)</li>" in text
    assert 'alt="Søylediagram: antall tiltak per målgruppe, delt på retning."' in text
    for fmt in ("docx", "pdf", "xlsx", "csv", "json"):
        assert reverse("measures:summary-export", args=[arena.slug, fmt]) in text


def test_facilitator_of_the_arena_may_export_too(arena, facilitator, persona_client):
    build_summary_arena(arena)
    response = persona_client("facilitator").get(
        reverse("measures:summary-export", args=[arena.slug, "csv"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_participants_cannot_export_and_are_sent_to_log_in(arena, participant_a, persona_client):
    response = persona_client("participant_a").get(
        reverse("measures:summary-export", args=[arena.slug, "xlsx"])
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_summary_export_never_contains_follow_up_links(arena, project_lead, persona_client):
    world = build_summary_arena(arena)
    token = followup_token_ensure(measure=world["m1"])
    client = persona_client("project_lead")
    # The text formats; the zipped ones are built from the same summary data.
    for fmt in ("csv", "json"):
        response = client.get(reverse("measures:summary-export", args=[arena.slug, fmt]))
        assert token.encode() not in response.content, fmt


def test_a_long_area_shows_ten_measures_in_full_and_the_rest_by_title(
    arena, project_lead, persona_client
):
    from tests.measures.lead_world import add_plain_measures

    add_plain_measures(arena, 12)
    text = page_text(
        persona_client("project_lead").get(reverse("measures:summary-detail", args=[arena.slug]))
    )
    assert text.count('<li class="summary-measure">') == 10
    assert "2 tiltak til" in text


def test_no_ranking_without_dots_only_a_sentence(arena, project_lead, persona_client):
    from measures.models import Vote

    build_summary_arena(arena)
    Vote.objects.all().delete()
    text = page_text(
        persona_client("project_lead").get(reverse("measures:summary-detail", args=[arena.slug]))
    )
    assert "Det er ikke gjennomført noen prioritering med prikker." in text
    assert "Rangering etter prikker" not in text


def test_financiers_show_sought_and_committed_with_a_total(arena, project_lead, persona_client):
    build_summary_arena(arena)
    text = page_text(
        persona_client("project_lead").get(reverse("measures:summary-detail", args=[arena.slug]))
    )
    assert "Søkt eller mulig" in text
    assert '<tfoot><tr><th scope="row">Sum</th>' in text
    assert "beløp ikke oppgitt" not in text, "every commitment here has an amount"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_amounts_are_written_as_on_every_other_page(arena, project_lead, persona_client, language):
    """ "700 000 kr" (non-breaking spaces) in the sentence, the financiers' rows and the sum,
    in bokmål and in English: `kroner`, as the measure pages and the exports write them."""
    from django.conf import settings

    build_summary_arena(arena)
    client = persona_client("project_lead")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = client.get(reverse("measures:summary-detail", args=[arena.slug])).content.decode()
    section = content.split('id="funding-heading"')[1].split("</section>")[0]
    assert "500\u00a0000\u00a0kr" in section  # the county's row
    assert "200\u00a0000\u00a0kr" in section  # NHO's row
    assert section.count("700\u00a0000\u00a0kr") == 2  # the sentence and the sum
    assert "500,000" not in section
    assert "000 kr" not in section  # no plain space before "kr"


def test_a_very_long_area_lists_fifty_measures_and_points_to_the_spreadsheet(
    arena, project_lead, persona_client
):
    from tests.measures.lead_world import add_plain_measures

    # At 1,000 measures one area listed every title: 147 KiB of the page's 394.
    add_plain_measures(arena, 55)
    text = page_text(
        persona_client("project_lead").get(reverse("measures:summary-detail", args=[arena.slug]))
    )
    assert text.count('<li class="summary-measure">') == 10
    area_titles = text.split("45 tiltak til</summary>")[1].split("</details>")[0]
    assert area_titles.count("<li>") == 40
    assert "Viser de første 50 av 55. Hele listen står i regnearket (XLSX)." in area_titles
