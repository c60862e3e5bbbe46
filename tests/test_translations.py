"""Nynorsk and English are complete, and the compiled catalogues match their sources.

That every user-facing string is marked for translation is checked by `.ci/run`, which runs
`makemessages` and fails if the catalogues change.
"""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ["nn", "en"]


def catalogue(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated(code):
    po = catalogue(code)
    missing = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert missing == []
    assert fuzzy == []
    assert len(po.translated_entries()) > 100


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalogue_matches_its_source(code):
    with open(LOCALE / code / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = []
    for entry in catalogue(code).translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            got = compiled.ngettext(key, entry.msgid_plural, 1)
            expected = entry.msgstr_plural[0]
        else:
            got, expected = compiled.gettext(key), entry.msgstr
        if got != expected:
            stale.append(entry.msgid)
    assert stale == [], "run `make messages` to compile the catalogues"
