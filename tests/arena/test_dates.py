"""Dates in the words of each language: "1. des. 2026", never "1. Des 2026", and no
"10. February 2027" in English."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from arena.dates import FORMATS, date_say

DAY = datetime.date(2026, 12, 1)
WEDNESDAY = datetime.date(2027, 2, 10)
AT = datetime.datetime(2026, 12, 1, 14, 5, 9)

EXPECTED = {
    "nb": {
        "long": "1. desember 2026",
        "weekday": "tirsdag 1. desember",
        "weekday_year": "onsdag 10. februar 2027",
        "short": "1. des.",
        "short_time": "1. des. 14:05",
        "stamp": "1. des. 2026 14:05",
        "stamp_seconds": "1. des. 2026 14:05:09",
        "numeric": "1.12.2026",
    },
    "nn": {
        "long": "1. desember 2026",
        "weekday": "tysdag 1. desember",
        "weekday_year": "onsdag 10. februar 2027",
        "short": "1. des.",
        "short_time": "1. des. 14:05",
        "stamp": "1. des. 2026 14:05",
        "stamp_seconds": "1. des. 2026 14:05:09",
        "numeric": "1.12.2026",
    },
    "en": {
        "long": "1 December 2026",
        "weekday": "Tuesday 1 December",
        "weekday_year": "Wednesday 10 February 2027",
        "short": "1 Dec.",
        "short_time": "1 Dec. 14:05",
        "stamp": "1 Dec. 2026 14:05",
        "stamp_seconds": "1 Dec. 2026 14:05:09",
        "numeric": "1/12/2026",
    },
}


@pytest.mark.parametrize("code", EXPECTED)
def test_every_kind_of_date_reads_right_in_each_language(code):
    assert set(EXPECTED[code]) == set(FORMATS)
    with translation.override(code):
        for kind, expected in EXPECTED[code].items():
            value = {"weekday_year": WEDNESDAY}.get(
                kind, AT if "time" in kind or "stamp" in kind else DAY
            )
            assert date_say(value, kind) == expected, kind


def test_may_keeps_its_short_name_without_a_full_stop():
    with translation.override("nb"):
        assert date_say(datetime.date(2027, 5, 3), "short") == "3. mai"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "expected", "wrong"),
    [
        ("nb", "tirsdag 1. desember 2026", "Des"),
        ("nn", "tysdag 1. desember 2026", "Des"),
        ("en", "Tuesday 1 December 2026", "1. December"),
    ],
)
def test_arena_overview_writes_its_dates_in_the_chosen_language(fac, arena, code, expected, wrong):
    arena.start_date = arena.end_date = DAY
    arena.save()
    fac.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    content = fac.get(reverse("arena:arena-detail", kwargs={"slug": arena.slug})).content.decode()
    assert expected in content
    assert wrong not in content
