"""Words that are one in Norwegian and two in English: "Bord" is a table and the tables tab,
"Tiltak" a measure and the measures."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "tab"), [("nb", ">Bord<"), ("nn", ">Bord<"), ("en", ">Tables<")])
def test_the_tab_listing_the_tables_is_named_in_the_plural(fac, arena, code, tab):
    fac.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    content = fac.get(reverse("arena:group-list", kwargs={"slug": arena.slug})).content.decode()
    assert content.count(tab) == 2  # the tab and the page's heading
    if code == "en":
        assert ">Table<" not in content


def test_a_column_of_one_measure_per_row_is_singular_in_english(lead, arena):
    factories.MeasureFactory(arena=arena, status="agreed")  # the follow-up lists agreed ones
    lead.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = lead.get(reverse("measures:followup-list", kwargs={"slug": arena.slug})).content
    assert b'<th scope="col">Measure</th>' in content
