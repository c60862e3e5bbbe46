"""Passkeys (WebAuthn) as a staff second factor beside TOTP, with django-otp-webauthn
(decision 54).

A passkey is a django-otp device like the authenticator app, so `is_verified()`,
`TwoFactorMiddleware` and the admin's check treat both alike (`twofa.confirmed_device`). The
library's own sign-in views assume `request.user` or a passwordless look-up of any user; ours
(`arena.views.passkeys`) take the user from the half-way session of `arena.twofa` and allow only
that user's passkeys, and a failed passkey counts against the same limits as a wrong code.

The library's browser script (served from the app) asks `gettext` for its English texts;
`script_texts` gives it ours, translated, and the server's refusals are ours too (`refusal`).
"""

from django.conf import settings
from django.middleware import csrf
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from arena import limits, tombstones

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}


class Helper(WebAuthnHelper):
    """The library's helper; outside production the request's own origin on localhost is
    accepted too, since the test server's port changes from run to run."""

    def get_allowed_origins(self):
        origins = list(settings.OTP_WEBAUTHN_ALLOWED_ORIGINS)
        host = self.request.get_host()
        if settings.WEBAUTHN_LOCAL_ORIGINS and host.rsplit(":", 1)[0] in _LOCAL_HOSTS:
            origins.append(f"{self.request.scheme}://{host}")
        return origins


def script_config(request):
    """What the library's script reads from the page (`otp_webauthn_config`): our URLs."""
    return {
        "beginAuthenticationUrl": reverse("passkey-signin-begin"),
        "completeAuthenticationUrl": reverse("passkey-signin-complete"),
        "beginRegistrationUrl": reverse("passkey-register-begin"),
        "completeRegistrationUrl": reverse("passkey-register-complete"),
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": csrf.get_token(request),
    }


def passkeys_of(user):
    return list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk"))


def has_passkey(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def passkey_remove(*, user, passkey):
    """Removes `user`'s `passkey`; False when another request removed it first (a double tap
    on «Fjern», two tabs). The user's note (arena/tombstones.py) tells a repeated request
    that it is gone (`removed_by`); another user's passkey stays a 404 (decision 63)."""
    tombstones.note(tombstones.user_scope(user), passkey, passkey.name)
    _total, rows = WebAuthnCredential.objects.filter(pk=passkey.pk, user=user).delete()
    return rows.get(WebAuthnCredential._meta.label, 0) == 1


def removed_by(user, pk):
    """Whether `user` removed their passkey `pk` within a staff session's length."""
    return tombstones.noted(tombstones.user_scope(user), WebAuthnCredential, pk) is not None


class Throttled(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_code = "throttled"


def throttled(seconds):
    refusal = Throttled(detail=limits.message(seconds, typed=False))
    refusal.seconds = seconds
    return refusal


def refusal(exc):
    """The library's refusal as a Norwegian sentence (its own texts are English)."""
    if isinstance(exc, Throttled):
        return str(exc)
    texts = {
        "not_authenticated": _("Innloggingen har gått ut. Logg inn med passordet på nytt."),
        "invalid_state": _("Passnøkkelen ble ikke startet riktig. Prøv igjen."),
        "credential_not_found": _(
            "Passnøkkelen er ikke registrert på kontoen din. Bruk en annen passnøkkel eller "
            "koden fra appen."
        ),
        "no_passkey": _("Kontoen din har ingen passnøkkel. Bruk koden fra appen."),
        "user_not_verified": _("Logg inn med tofaktor-innlogging før du legger til en passnøkkel."),
    }
    texts["credential_user_mismatch"] = texts["credential_not_found"]
    texts["credential_disabled"] = texts["credential_not_found"]
    return texts.get(
        exc.code,
        _("Passnøkkelen kunne ikke kontrolleres. Prøv igjen, eller bruk en annen metode."),
    )


def script_texts(*, has_code=False):
    """The library script's English texts → ours. On the sign-in page a failure says that the
    code still works (`has_code`)."""
    other = (
        _("Du kan prøve igjen, eller skrive inn koden fra appen.")
        if has_code
        else _("Du kan prøve igjen.")
    )
    failed = _("Passnøkkelen kunne ikke kontrolleres.")
    cancelled = _("Passnøkkelen ble avbrutt eller ikke tillatt.")
    not_added = _("Passnøkkelen ble ikke lagt til.")
    return {
        "Verify with Passkey": _("Bruk passnøkkel"),
        "Verifying...": _("Venter på passnøkkelen …"),
        "Finishing verification...": _("Logger inn …"),
        "Verification successful!": _("Passnøkkelen stemte. Du blir logget inn."),
        "Verification aborted.": f"{cancelled} {other}",
        "Verification canceled or not allowed.": f"{cancelled} {other}",
        "Verification failed. Could not retrieve parameters from the server.": f"{failed} {other}",
        "Verification failed. An unknown error occurred.": f"{failed} {other}",
        "Verification failed. An unknown server error occurred.": f"{failed} {other}",
        "Verification failed. A server error occurred.": f"{failed} {other}",
        "An error occurred during verification.": f"{failed} {other}",
        "Register a Passkey": _("Legg til passnøkkel"),
        "Registering...": _("Venter på passnøkkelen …"),
        "Finishing registration...": _("Lagrer passnøkkelen …"),
        "Registration successful!": _("Passnøkkelen er lagt til."),
        "Registration aborted.": f"{not_added} {cancelled} {other}",
        "Registration aborted or not allowed.": f"{not_added} {cancelled} {other}",
        "Registration failed. You most likely already have a Passkey registered for this site.": _(
            "Passnøkkelen ble ikke lagt til: denne enheten har trolig en passnøkkel for "
            "Tiltaksarena allerede."
        ),
        "Registration failed. A technical problem occurred that prevents you from registering "
        "a Passkey for this site.": _(
            "Passnøkkelen ble ikke lagt til: nettleseren tillater ikke passnøkler for denne "
            "adressen."
        ),
        "Registration failed. Unable to fetch registration options from server.": (
            f"{not_added} {other}"
        ),
        "Registration failed. An unknown error occurred.": f"{not_added} {other}",
        "Registration failed. The server was unable to verify this passkey.": (
            f"{not_added} {other}"
        ),
        "Registration failed. A server error occurred.": f"{not_added} {other}",
        "An error occurred during registration.": f"{not_added} {other}",
    }
