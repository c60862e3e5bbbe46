"""Passkeys' own views (arena/passkeys.py, decision 54): adding one from the set-up page,
signing in with one at the sign-in's second step, removing one.

The sign-in views are django-otp-webauthn's, with the user taken from our half-way session
(`twofa.pending_user`), never from `request.user` and never looked up from the passkey: only
that user's passkeys are offered and accepted. Success is the code's success
(`twofa.finish_sign_in`); a failure counts against the code's limits (decision 50). Every
refusal is a JSON answer with a Norwegian `detail`, which the library's script shows.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as library
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.utils import rewrite_exceptions

from arena import passkeys, security_log, twofa


class _Norwegian:
    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            if isinstance(exc, passkeys.Throttled):
                self.request.retry_after = exc.seconds  # Retry-After (limits.LimitMiddleware)
            body = {"detail": passkeys.refusal(exc), "code": exc.code}
            return JsonResponse(body, status=exc.status_code)
        raise exc


class RegisterBegin(_Norwegian, library.BeginCredentialRegistrationView):
    pass


class RegisterComplete(_Norwegian, library.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        security_log.event(
            "twofa_device_added",
            self.request,
            kind="passkey",
            device_id=json.loads(response.content)["id"],  # the library's answer: {"id": pk}
            **security_log.user_fields(self.request.user),
        )
        messages.success(self.request, _("Passnøkkelen er lagt til."))
        return response


class _HalfWay:
    """The user half-way through our sign-in, for as long as the half-way session lasts."""

    def initial(self, request, *args, **kwargs):
        self.user, self.pending = twofa.pending_user(request)
        super().initial(request, *args, **kwargs)

    def get_user(self):
        return self.user

    def check_can_authenticate(self):
        if self.user is None:
            raise exceptions.NotAuthenticated()
        if seconds := twofa.code_wait(self.request, self.user):
            raise passkeys.throttled(seconds)


class SignInBegin(_HalfWay, _Norwegian, library.BeginCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        if not passkeys.has_passkey(self.user):
            raise exceptions.CredentialNotFound(code="no_passkey")
        return super().post(*args, **kwargs)  # allowCredentials: this user's passkeys only


class SignInComplete(_HalfWay, _Norwegian, library.CompleteCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        state = self.get_state()  # spent now, whatever follows
        try:
            device = self._checked_device(state)
        except exceptions.OTPWebAuthnApiError:
            twofa.code_failed(self.request, self.user, kind="passkey")
            raise
        response = JsonResponse({"id": device.pk, "redirect_url": self.pending["next"]})
        return twofa.finish_sign_in(self.request, self.user, self.pending, device, response)

    def _checked_device(self, state):
        # py_webauthn's errors (a malformed or wrongly signed answer) become the library's.
        with rewrite_exceptions(logger=library._get_pywebauthn_logger()):
            device = self.get_helper().authenticate_complete(
                user=self.user, state=state, data=self.request.data
            )
        self.check_device_usable(device)  # confirmed, active user
        return device


@login_required
@require_http_methods(["GET", "POST"])
def remove(request, pk):
    """Removing one of one's own passkeys, after a confirmation page; only in a session that
    gave its second factor (`twofa.may_change_devices`). Asked again for one already removed
    (a double tap), it goes back to the set-up page and says so."""
    passkey = WebAuthnCredential.objects.filter(pk=pk, user=request.user).first()
    if passkey is None and passkeys.removed_by(request.user, pk):
        return _already_removed(request)
    if passkey is None:
        raise Http404
    if not twofa.may_change_devices(request):
        messages.error(request, twofa.sign_in_again_message())
        return redirect("twofa-setup")
    if request.method == "GET":
        return render(request, "registration/passkey_remove.html", {"passkey": passkey})
    if not passkeys.passkey_remove(user=request.user, passkey=passkey):
        return _already_removed(request)
    security_log.device_event("twofa_device_removed", request, passkey)
    if twofa.confirmed_device(request.user) is None:
        messages.success(request, _("Passnøkkelen er fjernet. Nå holder passordet alene."))
    else:
        messages.success(request, _("Passnøkkelen er fjernet."))
    return redirect("twofa-setup")


def _already_removed(request):
    messages.info(request, _("Passnøkkelen er allerede fjernet."))
    return redirect("twofa-setup")
