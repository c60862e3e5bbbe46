"""Staff two-factor pages: the sign-in's second step, and setting up or removing one's own
authenticator app (arena/twofa.py, decision 46)."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from arena import twofa
from arena.login import remember_device
from arena.qr import qr_svg


def verify(request):
    user, pending = twofa.pending_user(request)
    if user is None:
        return redirect("login")
    device = twofa.confirmed_device(user)
    form = twofa.CodeForm(request.POST or None, request=request, user=user, device=device)
    if request.method == "POST" and form.is_valid():
        twofa.pending_end(request)
        auth_login(request, user, backend=pending["backend"])
        otp_login(request, device)
        response = redirect(pending["next"])
        remember_device(request, response, user.get_username())
        return response
    return render(request, "registration/twofa_verify.html", {"form": form})


@login_required
def setup(request):
    device = twofa.confirmed_device(request.user)
    if device is not None:
        form = twofa.CodeForm(request=request, user=request.user, device=device)
        return render(request, "registration/twofa_setup.html", {"device": device, "form": form})
    new, secret = twofa.setup_device(request)
    form = twofa.CodeForm(request.POST or None, request=request, user=request.user, key=new.key)
    if request.method == "POST" and form.is_valid():
        twofa.setup_confirm(request, new)
        messages.success(request, _("Tofaktor-innlogging er slått på."))
        return redirect("twofa-setup")
    context = {"form": form, "qr": qr_svg(new.config_url), "secret": secret}
    return render(request, "registration/twofa_setup.html", context)


@login_required
@require_POST
def remove(request):
    device = twofa.confirmed_device(request.user)
    if device is None:
        return redirect("twofa-setup")
    form = twofa.CodeForm(request.POST, request=request, user=request.user, device=device)
    if not form.is_valid():
        return render(request, "registration/twofa_setup.html", {"device": device, "form": form})
    device.delete()
    messages.success(request, _("Tofaktor-innlogging er slått av."))
    return redirect("twofa-setup")
