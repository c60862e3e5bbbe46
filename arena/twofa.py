"""Two-factor sign-in for staff with django-otp's TOTP devices (decision 46) or passkeys
(arena/passkeys.py, decision 54).

Signing in is two steps. After a right password, a user with a confirmed device is *not* signed
in: the session only remembers who is half-way (`pending_*`), for five minutes, and the second
step (`arena.views.twofa.verify`, or a passkey in `arena.views.passkeys`) signs in with
`otp_login` once the six-digit code or the passkey is right (`finish_sign_in`).
So there is never a session that is signed in but unverified through our sign-in; the admin's
own sign-in refuses users with a device (`AdminTwoFactorCheck`).

`TwoFactorMiddleware` is the one place that holds staff pages to it: with `STAFF_REQUIRE_2FA`,
a signed-in user whose session is not verified reaches nothing but the set-up page (and
signing out) until they have a device. Removing a device takes a code from it, so a session
that never gave one cannot take the second factor away.
Wrong codes are limited like wrong passwords (`limits.LIMITS["otp"]`), per user and address or
trusted browser, with a ceiling per user for untrusted browsers (decision 50); django-otp's own
per-device back-off is off (`OTP_TOTP_THROTTLE_FACTOR = 0`), since anyone with the password
could hold the real user's device with it from anywhere.
"""

import base64
import time
from binascii import unhexlify

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from django_otp_webauthn.models import WebAuthnCredential

from arena import limits, security_log

_PENDING = "twofa_pending"
_SETUP_KEY = "twofa_setup_key"
PENDING_SECONDS = 5 * 60
# While 2FA is required, a user without a device may open only these (and static files).
_OPEN_WITHOUT_DEVICE = {
    "twofa-setup",
    "passkey-register-begin",
    "passkey-register-complete",
    "logout",
    "session-keepalive",
    "set_language",
}


def totp_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def confirmed_device(user):
    """The user's second factor: the authenticator app, else a passkey, else None."""
    return totp_device(user) or WebAuthnCredential.objects.filter(user=user, confirmed=True).first()


# --- the second step of signing in -----------------------------------------------------


def pending_start(request, user, redirect_to):
    """After a right password: remember who is half-way, without signing them in."""
    request.session.cycle_key()  # a new key for the half-way session too (session fixation)
    request.session[_PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": redirect_to,
        "at": int(time.time()),
    }


def pending_user(request):
    """The half-way user and their pending data, or (None, None) once five minutes have gone."""
    data = request.session.get(_PENDING)
    if not data or time.time() - data["at"] > PENDING_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    return (user, data) if user else (None, None)


def pending_end(request):
    request.session.pop(_PENDING, None)


def finish_sign_in(request, user, pending, device, response):
    """The second factor was right (`device`: the app or a passkey): sign in, verified, and
    trust this browser for the user from now on. `response` goes to `pending["next"]`."""
    # Imported here: arena.login imports this module for the admin's sign-in form.
    from arena.login import remember_device

    pending_end(request)
    security_log.event(
        "twofa_succeeded", request, kind=device_kind(device), **security_log.user_fields(user)
    )
    auth_login(request, user, backend=pending["backend"])
    otp_login(request, device)
    remember_device(request, response, user.get_username())
    return response


def _code_limits(request, user):
    """The limits a code from this browser counts against: per user and address (or trusted
    browser, as for the password), and, for a browser the user has not signed in with before,
    the user's ceiling over all addresses."""
    # Imported here: arena.login imports this module for the admin's sign-in form.
    from arena.login import guess_key, trusted_device

    username = user.get_username()
    keys = [("otp", guess_key(request, username))]
    if not trusted_device(request, username):
        keys.append(("otp-user", f"user:{user.pk}"))
    return keys


def code_wait(request, user):
    """Seconds before this browser may try a code for `user` again, or None."""
    waits = [limits.wait(request, action, who=who) for action, who in _code_limits(request, user)]
    return max((w for w in waits if w), default=None)


def device_kind(device):
    """ "totp" (the authenticator app) or "passkey", for the security log."""
    return "totp" if isinstance(device, TOTPDevice) else "passkey"


def code_failed(request, user, *, kind="totp"):
    """A wrong code or a failed passkey: counted against the limits, and logged."""
    security_log.event("twofa_failed", request, kind=kind, **security_log.user_fields(user))
    for action, who in _code_limits(request, user):
        limits.failed(request, action, who=who)


class CodeForm(forms.Form):
    """Six digits from the authenticator app, checked against `device` (or a new key), and
    limited per user like a password."""

    otp_token = forms.CharField(
        label=gettext_lazy("Kode fra appen"),
        help_text=gettext_lazy("Seks sifre. Koden skifter hvert 30. sekund."),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, data=None, *, request, user, device=None, key=None):
        super().__init__(data)
        self.request, self.user, self.device, self.key = request, user, device, key

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].replace(" ", "")
        if seconds := code_wait(self.request, self.user):
            limits.refuse(self.request, seconds, tell=False)
            raise forms.ValidationError(limits.message(seconds), code="throttled")
        if not (token.isdigit() and len(token) == 6 and self._matches(token)):
            code_failed(self.request, self.user)
            raise forms.ValidationError(
                _("Koden stemmer ikke. Sjekk at klokka på telefonen går riktig, og prøv igjen."),
                code="invalid_code",
            )
        return token

    def _matches(self, token):
        if self.device is not None:
            return self.device.verify_token(token)  # django-otp's own back-off as well
        return TOTP(unhexlify(self.key)).verify(int(token), tolerance=1)


def may_change_devices(request):
    """Whether this session may add or remove a second factor: it gave one, or the user has
    none (a session signed in before a device was added elsewhere has not)."""
    return request.user.is_verified() or confirmed_device(request.user) is None


def sign_in_again_message():
    return _(
        "Logg ut og inn igjen med tofaktor-innlogging før du endrer den. Denne økten ble "
        "startet uten."
    )


# --- setting up a device -------------------------------------------------------------


def setup_key(request):
    """The secret being set up, kept in the session until it is confirmed by a code (so
    opening the page writes no device row)."""
    if not request.session.get(_SETUP_KEY):
        request.session[_SETUP_KEY] = default_key()
    return request.session[_SETUP_KEY]


def setup_device(request):
    """An unsaved device for the key being set up: its otpauth:// URI and its secret."""
    device = TOTPDevice(user=request.user, key=setup_key(request), name="Tiltaksarena")
    secret = base64.b32encode(device.bin_key).decode()
    return device, " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def setup_confirm(request, device):
    """The code was right: save the device, verified in this session. The step just used is
    spent, so the same code cannot also remove the device or sign in again."""
    device.confirmed = True
    device.last_t = TOTP(device.bin_key).t()
    device.save()
    request.session.pop(_SETUP_KEY, None)
    otp_login(request, device)
    security_log.device_event("twofa_device_added", request, device)


# --- the one check for every page --------------------------------------------------------


class TwoFactorMiddleware:
    """With `STAFF_REQUIRE_2FA`, a signed-in user whose session is not verified reaches only
    the set-up page (and signing out). After django-otp's OTPMiddleware, which sets
    `is_verified`; it costs no query (the user is already loaded, the setting is read)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_REQUIRE_2FA:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match and request.resolver_match.view_name in _OPEN_WITHOUT_DEVICE:
            return None
        messages.info(request, _("Du må slå på tofaktor-innlogging før du kan fortsette."))
        return redirect("twofa-setup")


class AdminTwoFactorCheck:
    """For the admin's own sign-in form, which has no second step: a user with a device must
    sign in through ours (the admin then asks again and finds them signed in)."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if confirmed_device(user) is not None:
            raise forms.ValidationError(
                _("Du har tofaktor-innlogging. Logg inn på %(url)s først.")
                % {"url": reverse("login")},
                code="twofa_required",
            )
