"""Passkeys as a second factor (arena/passkeys.py, arena/views/passkeys.py, decision 54), without
a browser: a software authenticator here signs the server's challenge with a P-256 key, as a
phone would, so the sign-in's success and refusals run through the real WebAuthn checks."""

import base64
import hashlib
import json
import logging

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from arena.login import DEVICE_COOKIE
from tests import factories
from tests.arena.test_limits import clock, shared_limits  # noqa: F401 (fixtures)
from tests.arena.test_twofa import LOGIN, SETUP, VERIFY, sign_in
from tests.concurrency import at_once

BEGIN = reverse("passkey-signin-begin")
COMPLETE = reverse("passkey-signin-complete")
REGISTER_BEGIN = reverse("passkey-register-begin")
REGISTER_COMPLETE = reverse("passkey-register-complete")


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftKey:
    """A passkey of `user`: its private key here, its public key (COSE) in the database."""

    def __init__(self, user, credential_id):
        self.key = ec.generate_private_key(ec.SECP256R1())
        numbers = self.key.public_key().public_numbers()
        x, y = numbers.x.to_bytes(32, "big"), numbers.y.to_bytes(32, "big")
        cose = {1: 2, 3: -7, -1: 1, -2: x, -3: y}  # EC2, ES256, P-256
        self.id = credential_id
        self.device = WebAuthnCredential.objects.create(
            user=user, credential_id=credential_id, public_key=cbor2.dumps(cose), confirmed=True
        )

    def assertion(self, challenge, *, origin="http://testserver", rp_id="localhost"):
        client_data = json.dumps(
            {"type": "webauthn.get", "challenge": challenge, "origin": origin}
        ).encode()
        auth_data = hashlib.sha256(rp_id.encode()).digest() + b"\x05" + (1).to_bytes(4, "big")
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64(self.id),
            "rawId": b64(self.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(auth_data),
                "signature": b64(signature),
            },
            "clientExtensionResults": {},
        }


@pytest.fixture(autouse=True)
def _test_client_origin(settings):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://testserver"]


@pytest.fixture
def passkey(facilitator):
    return SoftKey(facilitator, b"fasilitator-1")


@pytest.fixture
def log_lines(caplog):
    """The security log's lines written during the test."""
    caplog.set_level(logging.INFO)
    logger = logging.getLogger("tiltaksarena.security")
    logger.addHandler(caplog.handler)
    yield lambda: [r.getMessage() for r in caplog.records if r.name == logger.name]
    logger.removeHandler(caplog.handler)


def begin(client):
    response = client.post(BEGIN, content_type="application/json")
    return response, response.json()


def complete(client, body):
    return client.post(COMPLETE, json.dumps(body), content_type="application/json")


def test_a_passkey_signs_in_like_a_code(client, passkey, arena):
    start = reverse("arena:arena-detail", kwargs={"slug": arena.slug})
    assert sign_in(client, next_url=start).url == VERIFY
    assert "Bruk passnøkkel" in client.get(VERIFY).content.decode()
    response, options = begin(client)
    assert response.status_code == 200
    assert [c["id"] for c in options["allowCredentials"]] == [b64(passkey.id)]
    response = complete(client, passkey.assertion(options["challenge"]))
    assert response.status_code == 200
    assert response.json()["redirect_url"] == start
    assert client.session["_auth_user_id"] == str(passkey.device.user_id)
    assert client.session["otp_device_id"] == passkey.device.persistent_id
    assert "twofa_pending" not in client.session
    assert DEVICE_COOKIE in response.cookies  # this browser is trusted now, as after a code
    assert client.get(start).status_code == 200
    passkey.device.refresh_from_db()
    assert passkey.device.sign_count == 1


def test_the_ceremony_needs_a_right_password_first(client, passkey):
    response, body = begin(client)
    assert response.status_code == 403
    assert "Logg inn med passordet på nytt" in body["detail"]
    assert "otp_webauthn_authentication_state" not in client.session
    assert complete(client, passkey.assertion("x")).status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_passkey_of_another_user_is_refused(client, passkey, facilitator_other_arena):
    other = SoftKey(facilitator_other_arena, b"annen-1")
    sign_in(client)
    _response, options = begin(client)
    assert b64(other.id) not in [c["id"] for c in options["allowCredentials"]]
    response = complete(client, other.assertion(options["challenge"]))
    assert response.status_code == 403
    assert "ikke registrert på kontoen din" in response.json()["detail"]
    assert "_auth_user_id" not in client.session
    # The challenge is spent: the right passkey needs a new one.
    assert complete(client, passkey.assertion(options["challenge"])).status_code == 400


def test_a_user_without_a_passkey_gets_no_ceremony(client, facilitator):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=facilitator, name="Tiltaksarena", confirmed=True)
    sign_in(client)
    assert "Bruk passnøkkel" not in client.get(VERIFY).content.decode()
    response, body = begin(client)
    assert response.status_code == 404
    assert "ingen passnøkkel" in body["detail"]


def test_a_passkey_only_user_is_asked_for_it_after_the_password(client, passkey):
    assert sign_in(client).url == VERIFY
    page = client.get(VERIFY).content.decode()
    assert 'name="otp_token"' not in page
    assert "passkey-verification-button" in page
    assert client.post(VERIFY, {"otp_token": "123456"}).status_code == 200  # no code to give
    assert "_auth_user_id" not in client.session


def test_failed_passkeys_count_against_the_codes_limit(
    client,
    passkey,
    shared_limits,  # noqa: F811 (the fixture imported above)
    clock,  # noqa: F811
):
    sign_in(client)
    for _n in range(10):
        _response, options = begin(client)
        bad = passkey.assertion(options["challenge"], origin="https://phishing.example")
        assert complete(client, bad).status_code == 422
    response, body = begin(client)
    assert response.status_code == 429
    assert "prøv igjen (klokka" in body["detail"]
    assert int(response["Retry-After"]) > 0
    clock.advance(15 * 60 + 1)
    _response, options = begin(client)
    assert complete(client, passkey.assertion(options["challenge"])).status_code == 200


def test_hostile_bodies_are_refused_without_a_500(client, passkey):
    sign_in(client)
    for body in ([], {"id": "x"}, {"id": 1, "rawId": None, "response": "x", "type": 3}):
        begin(client)
        response = client.post(COMPLETE, json.dumps(body), content_type="application/json")
        assert response.status_code in (400, 422)
    begin(client)
    assert client.post(COMPLETE, "{", content_type="application/json").status_code == 400
    assert "_auth_user_id" not in client.session


def test_hostile_registrations_are_refused_without_a_500(fac):
    for body in ([], {"id": "x"}, {"id": 1, "rawId": None, "response": "x", "type": 3}):
        fac.post(REGISTER_BEGIN, content_type="application/json")
        response = fac.post(REGISTER_COMPLETE, json.dumps(body), content_type="application/json")
        assert response.status_code in (400, 422)
    assert not WebAuthnCredential.objects.exists()


def test_the_setup_page_lists_ones_own_passkeys_and_removes_one(client, passkey):
    other = SoftKey(factories.UserFactory(username="annen"), b"annen-1")
    sign_in(client)
    _response, options = begin(client)
    complete(client, passkey.assertion(options["challenge"]))
    page = client.get(SETUP).content.decode()
    assert "Passnøkkel lagt til" in page
    assert reverse("passkey-remove", kwargs={"pk": passkey.device.pk}) in page
    assert reverse("passkey-remove", kwargs={"pk": other.device.pk}) not in page
    assert client.post(reverse("passkey-remove", kwargs={"pk": other.device.pk})).status_code == 404
    mine = reverse("passkey-remove", kwargs={"pk": passkey.device.pk})
    assert "Fjerne passnøkkelen?" in client.get(mine).content.decode()
    assert WebAuthnCredential.objects.filter(pk=passkey.device.pk).exists()  # GET asks only
    assert client.post(mine).url == SETUP
    assert not WebAuthnCredential.objects.filter(pk=passkey.device.pk).exists()
    assert WebAuthnCredential.objects.filter(pk=other.device.pk).exists()


def signed_in_with(client, passkey):
    """`client` signed in with the password and `passkey`: it may change its factors."""
    sign_in(client)
    _response, options = begin(client)
    assert complete(client, passkey.assertion(options["challenge"])).status_code == 200
    return reverse("passkey-remove", kwargs={"pk": passkey.device.pk})


def test_a_double_tap_on_remove_goes_back_to_the_setup_page_and_says_so(client, passkey):
    mine = signed_in_with(client, passkey)
    SoftKey(passkey.device.user, b"fasilitator-2")  # one left, so the first says just that
    first = client.post(mine, follow=True)
    assert "Passnøkkelen er fjernet." in first.content.decode()
    second = client.post(mine)
    assert second.status_code == 302
    assert second.url == SETUP
    assert "Passnøkkelen er allerede fjernet." in client.get(SETUP).content.decode()
    # The confirmation page again (the back button, a reload) goes there too.
    assert client.get(mine).url == SETUP
    assert not WebAuthnCredential.objects.filter(pk=passkey.device.pk).exists()


def test_anothers_removed_passkey_stays_a_404_like_one_that_never_existed(client, passkey):
    mine = signed_in_with(client, passkey)
    assert client.post(mine).status_code == 302
    other = factories.UserFactory(username="annen")
    client.force_login(other)
    assert client.post(mine).status_code == 404
    assert client.get(mine).status_code == 404
    never = reverse("passkey-remove", kwargs={"pk": passkey.device.pk + 1000})
    assert client.post(never).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_taps_at_once_remove_the_passkey_once_and_neither_is_a_404(facilitator, log_lines):
    passkey = SoftKey(facilitator, b"fasilitator-1")
    first = Client()
    mine = signed_in_with(first, passkey)
    second = Client()
    for name, morsel in first.cookies.items():
        second.cookies[name] = morsel.value  # the same session, its own cookie jar
    statuses = at_once(lambda: first.post(mine).status_code, lambda: second.post(mine).status_code)
    assert statuses == [302, 302]
    assert not WebAuthnCredential.objects.filter(pk=passkey.device.pk).exists()
    removed = [line for line in log_lines() if line.startswith("twofa_device_removed ")]
    assert len(removed) == 1


def test_a_session_that_gave_no_second_factor_cannot_change_them(fac, facilitator):
    """Signed in before a passkey was added elsewhere: no removing, no new factor."""
    device = SoftKey(facilitator, b"fasilitator-1").device
    response = fac.post(reverse("passkey-remove", kwargs={"pk": device.pk}))
    assert response.url == SETUP
    assert WebAuthnCredential.objects.filter(pk=device.pk).exists()
    response = fac.post(REGISTER_BEGIN, content_type="application/json")
    assert response.status_code == 403
    assert "før du legger til en passnøkkel" in response.json()["detail"]
    fac.get(SETUP)
    assert "Logg ut og inn igjen" in fac.post(SETUP, {"otp_token": "123456"}).content.decode()


def test_registration_starts_for_a_signed_in_user_only(fac, facilitator):
    assert Client().post(REGISTER_BEGIN, content_type="application/json").status_code == 403
    response = fac.post(REGISTER_BEGIN, content_type="application/json")
    assert response.status_code == 200
    options = response.json()
    assert options["rp"] == {"name": "Tiltaksarena", "id": "localhost"}
    assert "otp_webauthn_register_state" in fac.session


def test_when_required_a_passkey_counts_as_the_second_factor(client, passkey, arena, settings):
    settings.STAFF_REQUIRE_2FA = True
    start = reverse("arena:arena-detail", kwargs={"slug": arena.slug})
    sign_in(client, next_url=start)
    _response, options = begin(client)
    complete(client, passkey.assertion(options["challenge"]))
    assert client.get(start).status_code == 200


def test_when_required_staff_without_a_factor_may_register_a_passkey(fac, settings):
    settings.STAFF_REQUIRE_2FA = True
    assert fac.post(REGISTER_BEGIN, content_type="application/json").status_code == 200


def test_the_admin_sign_in_refuses_a_user_with_a_passkey(db):
    admin = factories.UserFactory(username="it", is_staff=True, is_superuser=True)
    SoftKey(admin, b"it-1")
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": "it", "password": factories.PASSWORD}
    )
    assert "tofaktor-innlogging" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LOGIN in response.content.decode()
