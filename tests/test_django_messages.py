"""Django's stiff default messages are said kindly, in bokmål, nynorsk and English."""

import polib
import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from arena.django_messages import OVERRIDDEN
from tests import factories
from tests.test_translations import LOCALE


def test_the_bokmal_catalogue_holds_exactly_the_overridden_messages():
    po = polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))
    assert sorted(e.msgid for e in po.translated_entries()) == sorted(OVERRIDDEN)
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


class _Form(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()


@pytest.mark.parametrize(
    ("code", "required", "email"),
    [
        ("nb", "Fyll ut dette feltet.", "Skriv en e-postadresse, for eksempel navn@kommune.no."),
        ("nn", "Fyll ut dette feltet.", "Skriv ei e-postadresse, til dømes namn@kommune.no."),
        ("en", "Please fill in this field.", "Enter an email address, such as name@example.org."),
    ],
)
def test_an_empty_or_wrong_field_is_explained_kindly(code, required, email):
    with translation.override(code):
        form = _Form({"name": "", "email": "ikke-en-adresse"})
        assert form.errors == {"name": [required], "email": [email]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("nb", "Brukernavnet eller passordet stemmer ikke."),
        ("nn", "Brukarnamnet eller passordet stemmer ikkje."),
        ("en", "The username or password is not right."),
    ],
)
def test_a_wrong_password_says_what_to_check(client, settings, code, expected):
    settings.RATELIMIT_ENABLE = False
    factories.UserFactory(username="fasilitator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    response = client.post(reverse("login"), {"username": "fasilitator", "password": "feil"})
    content = response.content.decode()
    assert expected in content
    assert "Vennligst" not in content
    assert "Please enter a correct" not in content
