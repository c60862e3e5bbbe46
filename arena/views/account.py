"""Staff accounts: signing in (throttled, arena/login.py), asking for a new password (limited
per address, so nobody can fill a facilitator's inbox), and keeping an idle session alive."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from arena import limits
from arena.login import StaffLoginForm, remember_device

_login = auth_views.LoginView.as_view(authentication_form=StaffLoginForm)
_password_reset = auth_views.PasswordResetView.as_view()


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
    return _password_reset(request)


@login_required
@require_POST
def session_keepalive(request):
    """The idle warning's "Fortsett": a request, so the idle clock starts again."""
    return HttpResponse(status=204)
