"""The staff pages' arena header, kept per process for what it shows (decision 61)."""

import pytest
from django.urls import reverse

from arena.templatetags import header_tags
from measures import cards

pytestmark = pytest.mark.django_db


def page(client, name, arena):
    return client.get(reverse(name, kwargs={"slug": arena.slug})).content.decode()


def test_the_header_follows_the_arena_and_marks_the_tab_of_the_page(fac, arena):
    html = page(fac, "measures:facilitation", arena)
    assert arena.title in html
    assert (
        'aria-current="page" href="{}"'.format(
            reverse("measures:facilitation", kwargs={"slug": arena.slug})
        )
        in html
    )
    # Another page: its own tab is the current one, from the same arena's header.
    program = page(fac, "arena:program", arena)
    assert (
        'aria-current="page" href="{}"'.format(
            reverse("arena:program", kwargs={"slug": arena.slug})
        )
        in program
    )
    old_code = arena.join_code_display
    assert f'class="join-code">{old_code}<' in html
    arena.title = "Nytt <navn> på arenaen"
    arena.join_code = "HJK7Q4M"
    arena.save()
    arena.refresh_from_db()
    assert arena.join_code_display != old_code
    again = page(fac, "measures:facilitation", arena)
    assert "Nytt &lt;navn&gt; på arenaen" in again
    assert f'class="join-code">{arena.join_code_display}<' in again


def test_the_header_is_in_the_language_of_the_request(fac, arena):
    assert "Oppsummering" in page(fac, "measures:facilitation", arena)
    fac.cookies["django_language"] = "en"
    english = page(fac, "measures:facilitation", arena)
    assert "Oppsummering" not in english
    assert "Summary" in english


def test_the_kept_headers_are_bounded(fac, arena, monkeypatch):
    monkeypatch.setattr(header_tags, "_LIMIT", 1)
    page(fac, "measures:facilitation", arena)
    page(fac, "arena:program", arena)
    assert len(header_tags._rendered) == 1


def test_cards_are_joined_as_they_are_and_anything_else_is_escaped():
    from django.utils.safestring import mark_safe

    html = cards.as_items([mark_safe("<b>kort</b>"), "<i>rå</i>"])
    assert html == "<li><b>kort</b></li><li>&lt;i&gt;rå&lt;/i&gt;</li>"
