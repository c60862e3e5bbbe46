"""Staff sign-in that slows down password guessing without letting the guesser lock the
facilitator out (decision 24).

Failures count per user name and address, so that a guesser at home does not touch the
facilitator at the venue. At the venue both share one address; there a browser in which this
user name has signed in before carries a signed device cookie, and its failures count on
their own (OWASP's "device cookies"): the guesser's failures never stop the facilitator's own
laptop. A browser without one — a borrowed laptop at the venue during an attack — waits out
the window (15 minutes at most).
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.utils.translation import gettext_lazy as _

from arena import limits
from arena.twofa import AdminTwoFactorCheck

DEVICE_COOKIE = "ta_staff_device"
_SALT = "arena.login.device"
_DEVICE_DAYS = 365


def _user_key(username):
    return (username or "").strip().casefold()


def _device(request, username):
    """The trusted-device id this browser holds for `username`, or None."""
    try:
        signed = signing.loads(
            request.COOKIES.get(DEVICE_COOKIE, ""), salt=_SALT, max_age=_DEVICE_DAYS * 86400
        )
    except signing.BadSignature:
        return None
    return signed.get("d") if signed.get("u") == _user_key(username) else None


def trusted_device(request, username):
    """Whether this browser has signed in as `username` before (its device cookie)."""
    return _device(request, username) is not None


def guess_key(request, username):
    """Who is guessing, for a limit: the user name and this trusted browser, or else the user
    name and the address."""
    device = _device(request, username)
    where = f"device:{device}" if device else f"ip:{limits.client_ip(request)}"
    return f"{_user_key(username)}|{where}"


def login_wait(request, username):
    """Seconds before this browser may try `username` again, or None."""
    seconds = limits.wait(request, "login", who=guess_key(request, username))
    if _device(request, username) is None:
        seconds = seconds or limits.wait(request, "login-ip")
    return seconds


def login_failed(request, username):
    limits.failed(request, "login", who=guess_key(request, username))
    if _device(request, username) is None:
        limits.failed(request, "login-ip")


def remember_device(request, response, username):
    """After a successful sign-in: this browser is trusted for `username` from now on."""
    device = _device(request, username) or secrets.token_urlsafe(16)
    value = signing.dumps({"u": _user_key(username), "d": device}, salt=_SALT)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=_DEVICE_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class ThrottledLogin:
    """For Django's authentication forms: refuse while the limit is used up (without asking
    the password database, so a locked guesser learns nothing), count each wrong password."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and self.cleaned_data.get("password"):
            seconds = login_wait(self.request, username)
            if seconds:
                # The form says it (as its error, next to the fields), not a message as well.
                limits.refuse(self.request, seconds, tell=False)
                raise forms.ValidationError(limits.message(seconds), code="throttled")
        try:
            return super().clean()
        except forms.ValidationError as error:
            if username and error.code == "invalid_login":
                login_failed(self.request, username)
            raise


class StaffLoginForm(ThrottledLogin, AuthenticationForm):
    # Django's "Vennligst oppgi korrekt brukernavn og passord …" is stiff; say what to check.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Brukernavnet eller passordet stemmer ikke. Sjekk begge – store og små bokstaver "
            "teller."
        ),
        "inactive": _("Denne kontoen er stengt. Kontakt den som inviterte deg."),
    }


class AdminLoginForm(AdminTwoFactorCheck, ThrottledLogin, AdminAuthenticationForm):
    pass
