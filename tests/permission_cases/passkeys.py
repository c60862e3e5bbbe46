"""Cases for passkeys (arena/passkeys.py, decision 54). The sign-in ceremony answers only the
half-way session of a right password (nobody here has one: 403); adding a passkey is for a
signed-in user (anonymous and participants: 403, the library's JSON refusal); removing one
takes one's own passkey in a session that gave a second factor: the facilitator here signed in
without one and is sent to the set-up page, everyone else gets 404 or is sent to sign in."""

from django.contrib.auth import get_user_model
from django_otp_webauthn.models import WebAuthnCredential

from tests import factories
from tests.permission_cases import Case, everyone, staff, wrong_arena

NOT_SIGNED_IN = ("anonymous", "participant_a", "participant_b", "participant_other_arena")


def signed_in(status):
    """Every signed-in user gets `status`, whatever their arenas; the others 403."""
    return {**everyone(status), **dict.fromkeys(NOT_SIGNED_IN, 403)}


def _passkey(username):
    user = get_user_model().objects.get(username=username)
    passkey, _new = WebAuthnCredential.objects.get_or_create(
        user=user,
        credential_id_sha256=WebAuthnCredential.get_credential_id_sha256(username.encode()),
        defaults={"credential_id": username.encode(), "public_key": b"x", "confirmed": True},
    )
    return passkey


def facilitators_passkey(world):
    return {"pk": _passkey("fasilitator").pk}


def strangers_passkey(world):
    if not get_user_model().objects.filter(username="fremmed").exists():
        factories.UserFactory(username="fremmed")
    return {"pk": _passkey("fremmed").pk}


# Only the facilitator owns the passkey; the other members are refused with 404.
REMOVE = {**staff(404), "facilitator": 302}

CASES = [
    Case("passkey-signin-begin", everyone(403)),
    Case("passkey-signin-begin", everyone(403), method="post"),
    Case("passkey-signin-complete", everyone(403)),
    Case("passkey-signin-complete", everyone(403), method="post"),
    Case("passkey-register-begin", signed_in(405)),
    # The options and the challenge, kept in the session only.
    Case("passkey-register-begin", signed_in(200), method="post"),
    Case("passkey-register-complete", signed_in(405)),
    # Nothing begun: refused as an invalid state, nothing saved.
    Case("passkey-register-complete", signed_in(400), method="post"),
    Case("passkey-remove", REMOVE, kwargs=facilitators_passkey),
    Case("passkey-remove", REMOVE, method="post", kwargs=facilitators_passkey),
    wrong_arena("passkey-remove", strangers_passkey, expect=staff(404)),
    wrong_arena("passkey-remove", strangers_passkey, method="post", expect=staff(404)),
]
