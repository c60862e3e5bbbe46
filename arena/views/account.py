"""Staff accounts: signing in (throttled, arena/login.py; with a second step for
who has an authenticator app, arena/twofa.py), asking for a new password (limited
per address, so nobody can fill a facilitator's inbox), and keeping an idle session alive."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from arena import limits, security_log, twofa
from arena.login import StaffLoginForm, remember_device


class _LoginView(auth_views.LoginView):
    """Django's sign-in; a user with an authenticator app goes on to the code (arena/twofa.py)
    instead of being signed in."""

    authentication_form = StaffLoginForm

    def form_valid(self, form):
        user = form.get_user()
        if twofa.confirmed_device(user) is None:
            return super().form_valid(form)
        twofa.pending_start(self.request, user, self.get_success_url())
        return redirect("twofa-verify")


class _PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's new-password page; a new password set is a line in the security log."""

    def form_valid(self, form):
        security_log.event(
            "password_reset_completed", self.request, **security_log.user_fields(form.user)
        )
        return super().form_valid(form)


_login = _LoginView.as_view()
_password_reset = auth_views.PasswordResetView.as_view()
password_reset_confirm = _PasswordResetConfirmView.as_view()


def login(request):
    response = _login(request)
    if request.method == "POST" and request.user.is_authenticated and response.status_code == 302:
        remember_device(request, response, request.user.get_username())
    return response


def password_reset(request):
    if request.method == "POST" and (seconds := limits.attempt(request, "password-reset")):
        limits.refuse(request, seconds)
        form = PasswordResetForm(request.POST)
        return render(request, "registration/password_reset_form.html", {"form": form})
    response = _password_reset(request)
    if request.method == "POST" and response.status_code == 302:
        # Not the typed address, nor whether it belongs to anyone: only that one was asked for.
        security_log.event("password_reset_requested", request)
    return response


@login_required
@require_POST
def session_keepalive(request):
    """The idle warning's "Fortsett": a request, so the idle clock starts again."""
    return HttpResponse(status=204)
