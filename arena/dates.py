"""The few ways the site writes a date, each in the words of the active language.

Django's Norwegian "M" gives "Des" and its formats written as "j. F Y" in a template give
"10. February 2027" in English. So every page and export names the kind of date it wants, and
the format for each language lives in the catalogues (msgctxt "date format"), as the report's
dates in measures/exports/blocks.py do. Django's "N" is the abbreviation a reader expects:
"des.", "mai", "sept." in Norwegian and "Dec.", "May" in English.
"""

from django.utils.formats import date_format
from django.utils.translation import pgettext_lazy

FORMATS = {
    # 1. desember 2026 / 1 December 2026
    "long": pgettext_lazy("date format", "j. F Y"),
    # tirsdag 1. desember / Tuesday 1 December
    "weekday": pgettext_lazy("date format", "l j. F"),
    # tirsdag 1. desember 2026 / Tuesday 1 December 2026
    "weekday_year": pgettext_lazy("date format", "l j. F Y"),
    # 1. des. / 1 Dec.
    "short": pgettext_lazy("date format", "j. N"),
    # 1. des. 14:05 / 1 Dec. 14:05
    "short_time": pgettext_lazy("date format", "j. N H:i"),
    # 1. des. 2026 14:05 / 1 Dec. 2026 14:05
    "stamp": pgettext_lazy("date format", "j. N Y H:i"),
    # 1. des. 2026 14:05:09, for the change log
    "stamp_seconds": pgettext_lazy("date format", "j. N Y H:i:s"),
    # 1.12.2026 / 1/12/2026
    "numeric": pgettext_lazy("date format", "j.n.Y"),
}


def date_say(value, kind):
    """`value` (a date or datetime) written as `kind` (a key of FORMATS)."""
    if value in (None, ""):
        return ""
    return date_format(value, str(FORMATS[kind]))
