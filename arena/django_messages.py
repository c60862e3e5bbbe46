"""Django's own form messages that read stiffly in Norwegian ("Feltet er påkrevet."), said the
way a participant would: the project's catalogues translate these English msgids, and they win
over Django's because LOCALE_PATHS come first.

Nynorsk and English get them from `make messages` like every string (this module marks them);
bokmål, our source language, has no extracted catalogue, so locale/nb/LC_MESSAGES/django.po
holds just these, by hand. tests/test_django_messages.py keeps the two lists equal.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
]
