"""Staff two-factor pages: the sign-in's second step, and setting up or removing one's own
authenticator app (arena/twofa.py, decision 46); the passkeys' own views are in
arena/views/passkeys.py (decision 54)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena import passkeys, security_log, twofa
from arena.qr import qr_svg


def verify(request):
    user, pending = twofa.pending_user(request)
    if user is None:
        return redirect("login")
    device = twofa.totp_device(user)
    form = None
    if device is not None:
        form = twofa.CodeForm(request.POST or None, request=request, user=user, device=device)
        if request.method == "POST" and form.is_valid():
            response = redirect(pending["next"])
            return twofa.finish_sign_in(request, user, pending, device, response)
    context = {
        "form": form,
        "passkey": passkeys.has_passkey(user),
        "passkey_texts": passkeys.script_texts(has_code=device is not None),
        "passkey_config": passkeys.script_config(request),
    }
    return render(request, "registration/twofa_verify.html", context)


def _setup_page(request, context):
    context["passkeys"] = passkeys.passkeys_of(request.user)
    context["passkey_texts"] = passkeys.script_texts()
    context["passkey_config"] = passkeys.script_config(request)
    return render(request, "registration/twofa_setup.html", context)


@login_required
def setup(request):
    device = twofa.totp_device(request.user)
    if device is not None:
        form = twofa.CodeForm(request=request, user=request.user, device=device)
        return _setup_page(request, {"device": device, "form": form})
    new, secret = twofa.setup_device(request)
    form = twofa.CodeForm(request.POST or None, request=request, user=request.user, key=new.key)
    if request.method == "POST" and not twofa.may_change_devices(request):
        messages.error(request, twofa.sign_in_again_message())
    elif request.method == "POST" and form.is_valid():
        twofa.setup_confirm(request, new)
        messages.success(request, _("Tofaktor-innlogging er slått på."))
        return redirect("twofa-setup")
    return _setup_page(request, {"form": form, "qr": qr_svg(new.config_url), "secret": secret})


@login_required
@require_POST
def remove(request):
    device = twofa.totp_device(request.user)
    if device is None:
        return redirect("twofa-setup")
    form = twofa.CodeForm(request.POST, request=request, user=request.user, device=device)
    if not form.is_valid():
        return _setup_page(request, {"device": device, "form": form})
    security_log.device_event("twofa_device_removed", request, device)
    device.delete()
    if twofa.confirmed_device(request.user) is None:
        messages.success(request, _("Tofaktor-innlogging er slått av."))
    else:
        messages.success(request, _("Appen er fjernet. Passnøkkelen din gjelder fortsatt."))
    return redirect("twofa-setup")
