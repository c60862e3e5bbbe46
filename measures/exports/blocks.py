"""The report's building blocks: plain data that `docx_export` and `pdf_export` each draw their
own way, and the date and amount formats every block uses."""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import pgettext

from measures.summaries import format_amount


@dataclass(frozen=True)
class Cover:
    kicker: str
    title: str
    meta: str
    purpose: str
    made: str


@dataclass(frozen=True)
class Contents:
    title: str
    placeholder: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    page_break: bool = False


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body | small | italic | decision


@dataclass(frozen=True)
class Bullets:
    items: tuple


@dataclass(frozen=True)
class Table:
    header: tuple
    rows: tuple
    widths: tuple  # centimetres, summing to at most TEXT_WIDTH
    numeric: tuple = ()  # indexes of right-aligned columns

    def __post_init__(self):
        assert len(self.header) == len(self.widths), self.header
        assert sum(self.widths) <= TEXT_WIDTH + 0.01, (self.header, sum(self.widths))


@dataclass(frozen=True)
class Chart:
    key: str


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass
class Report:
    language: str
    title: str
    running_header: str
    blocks: list = field(default_factory=list)


# A4 with 2.2 cm margins.
TEXT_WIDTH = 16.6


def long_date(value):
    return date_format(value, pgettext("long date format", "j. F Y"))


def date_span(start, end):
    """10.–11. februar 2027 / 10–11 February 2027, in the active language."""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        first = date_format(start, pgettext("first day of a range in one month", "j."))
    elif start.year == end.year:
        first = date_format(start, pgettext("first day of a range in one year", "j. F"))
    else:
        first = long_date(start)
    return f"{first}–{long_date(end)}"


def amount(value):
    return format_amount(value) if value else "–"
