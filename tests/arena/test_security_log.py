"""The security log (arena/security_log.py, decision 58), through the real views: each event is
one line with its fields, and no password, code, token, join code or e-mail address appears in
anything logged meanwhile."""

import hashlib
import json
import logging
import os
import re

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from arena import security_log
from tests import factories
from tests.arena.test_limits import (  # noqa: F401 (fixtures)
    CODE,
    DB_LIMITS,
    LOGIN,
    browser,
    clock,
    open_arena,
    shared_limits,
    wrong_code,
)
from tests.arena.test_passkeys import (  # noqa: F401 (fixture)
    REGISTER_BEGIN,
    REGISTER_COMPLETE,
    SoftKey,
    _test_client_origin,
    b64,
    begin,
    complete,
)
from tests.arena.test_twofa import REMOVE, SETUP, VERIFY, code, sign_in
from tests.concurrency import at_once

WRONG = "feil-passord-9876"
CLIENT = re.compile(r" client=[0-9a-f]{12}( |$)")


@pytest.fixture
def log(caplog):
    """The security lines written during the test (after the logger's redaction filter), and
    a check that nothing captured from any logger holds a secret."""
    caplog.set_level(logging.INFO)
    logger = logging.getLogger("tiltaksarena.security")
    logger.addHandler(caplog.handler)
    secrets = [factories.PASSWORD, WRONG, "@example.org"]

    def lines(*forbidden):
        secrets.extend(forbidden)
        return [r.getMessage() for r in caplog.records if r.name == logger.name]

    yield lines
    logger.removeHandler(caplog.handler)
    text = "\n".join(r.getMessage() for r in caplog.records)
    for secret in secrets:
        assert secret.casefold() not in text.casefold(), secret


def only(lines, name):
    """The one line of event `name`, as its fields."""
    found = [line for line in lines if line.split(" ", 1)[0] == name]
    assert len(found) == 1, lines
    assert CLIENT.search(found[0]), found[0]
    return dict(pair.split("=", 1) for pair in found[0].split(" ")[1:])


def test_a_sign_in_and_a_sign_out_are_logged(client, facilitator, log):
    assert sign_in(client).status_code == 302
    client.post(reverse("logout"))
    lines = log()
    fields = {"user_id": str(facilitator.pk), "username": "fasilitator"}
    assert only(lines, "login_succeeded").items() >= fields.items()
    assert only(lines, "logout").items() >= fields.items()


def test_a_wrong_password_is_logged_with_the_user_name_only(client, facilitator, log):
    client.post(LOGIN, {"username": "fasilitator", "password": WRONG})
    client.post(LOGIN, {"username": "kari@example.org", "password": WRONG})
    lines = log()
    assert [line.split(" ")[0] for line in lines] == ["login_failed", "login_failed"]
    assert lines[0].startswith("login_failed username=fasilitator client=")
    # A typed e-mail address (someone's own, a mistaken field) is kept only as its hash.
    assert re.match(r"login_failed username_hash=[0-9a-f]{12} client=", lines[1])


def test_a_password_flood_logs_the_refusal_with_a_hashed_key(
    client,
    facilitator,
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
    log,
):
    for _n in range(10):
        client.post(LOGIN, {"username": "fasilitator", "password": WRONG})
    response = client.post(LOGIN, {"username": "fasilitator", "password": WRONG})
    assert response.status_code == 429
    lines = log("192.0.2", "127.0.0.1")
    assert len([line for line in lines if line.startswith("login_failed ")]) == 10
    fields = only(lines, "limit_refused")
    assert fields["limit"] == "login"
    assert fields["per"] == "who"
    assert re.fullmatch(r"[0-9a-f]{12}", fields["key"])
    assert "fasilitator" not in fields["key"]


def test_a_join_code_flood_logs_the_refusal_without_the_code(
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
    open_arena,  # noqa: F811
    log,
):
    guesser = browser()
    guesser.get(reverse("participants:join"))
    for n in range(10):
        wrong_code(guesser, n)
    assert guesser.post(reverse("participants:join"), {"code": "bus-zzzz"}).status_code == 429
    fields = only(log("WRONG", "zzzz", CODE, "192.0.2.10"), "limit_refused")
    assert (fields["limit"], fields["per"], fields["rate"]) == ("join-code", "browser", "10/m")


def refusals(lines):
    return [line for line in lines if line.startswith("limit_refused ")]


def test_a_flood_logs_one_refusal_per_key_and_window_and_says_so(
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
    open_arena,  # noqa: F811
    log,
):
    guesser = browser()
    guesser.get(reverse("participants:join"))
    clock.start_window(guesser.cookies["csrftoken"].value, 60)
    for n in range(10):
        wrong_code(guesser, n)
    for n in range(50):
        assert wrong_code(guesser, n).status_code == 429
    [line] = refusals(log("WRONG", CODE, "192.0.2.10"))
    fields = only([line], "limit_refused")
    assert (fields["limit"], fields["per"]) == ("join-code", "browser")
    assert fields["further_refusals"] == "not_logged"
    assert fields["window_left"] == "59s"
    # The next window counts afresh, and its first refusal is logged again.
    clock.advance(60)
    for n in range(10):
        assert wrong_code(guesser, n).status_code == 200
    for n in range(5):
        assert wrong_code(guesser, n).status_code == 429
    assert len(refusals(log())) == 2
    # Another key (a second browser at the same address) has its own first line.
    other = browser()
    other.get(reverse("participants:join"))
    for n in range(12):
        wrong_code(other, n)
    lines = refusals(log())
    assert len(lines) == 3
    assert only(lines[2:], "limit_refused")["key"] != fields["key"]


def test_a_password_flood_logs_one_line_per_window_of_fifteen_minutes(
    client,
    facilitator,
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
    log,
):
    for _n in range(10):
        client.post(LOGIN, {"username": "fasilitator", "password": WRONG})
    for _n in range(20):
        response = client.post(LOGIN, {"username": "fasilitator", "password": WRONG})
        assert response.status_code == 429
    assert len(refusals(log("127.0.0.1"))) == 1
    clock.advance(15 * 60)
    for _n in range(10):
        client.post(LOGIN, {"username": "fasilitator", "password": WRONG})
    assert client.post(LOGIN, {"username": "fasilitator", "password": WRONG}).status_code == 429
    assert len(refusals(log())) == 2


@pytest.mark.django_db(transaction=True)
def test_parallel_workers_refusing_one_key_log_it_once(settings, clock, log):  # noqa: F811
    """Eight threads, each with its own database connection, refuse the same browser at
    once: the flag is added in the shared cache, and only one of them writes the line."""
    if not os.environ.get("REDIS_URL"):
        settings.CACHES = {**settings.CACHES, "limits": DB_LIMITS}
        call_command("createcachetable", verbosity=0)
    caches["limits"].clear()
    factories.ArenaFactory(join_code=CODE, slug="bus")
    guesser = browser()
    guesser.get(reverse("participants:join"))
    cookie = guesser.cookies["csrftoken"].value
    clock.start_window(cookie, 60)
    for n in range(10):
        wrong_code(guesser, n)

    def flood():
        worker = browser()
        worker.cookies["csrftoken"] = cookie
        return [wrong_code(worker).status_code for _n in range(5)]

    statuses = [status for burst in at_once(*[flood] * 8) for status in burst]
    assert statuses == [429] * 40
    assert len(refusals(log("WRONG", CODE, "192.0.2.10"))) == 1


def test_the_apps_second_step_logs_failure_and_success(client, facilitator, log):
    device = TOTPDevice.objects.create(user=facilitator, name="Tiltaksarena", confirmed=True)
    sign_in(client)
    right = code(device.key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    client.post(VERIFY, {"otp_token": wrong})
    assert client.post(VERIFY, {"otp_token": right}).status_code == 302
    lines = log(right, wrong)
    expected = {"kind": "totp", "user_id": str(facilitator.pk), "username": "fasilitator"}
    assert only(lines, "twofa_failed").items() >= expected.items()
    assert only(lines, "twofa_succeeded").items() >= expected.items()
    assert only(lines, "login_succeeded")["user_id"] == str(facilitator.pk)
    assert [line.split(" ")[0] for line in lines] == [
        "twofa_failed",
        "twofa_succeeded",
        "login_succeeded",
    ]


def test_setting_up_and_removing_the_app_is_logged(fac, facilitator, log):
    fac.get(SETUP)
    key = fac.session["twofa_setup_key"]
    first = code(key)
    assert fac.post(SETUP, {"otp_token": first}).status_code == 302
    device = TOTPDevice.objects.get(user=facilitator)
    second = code(key, later=1)
    assert fac.post(REMOVE, {"otp_token": second}).status_code == 302
    lines = log(key, first, second)
    expected = {"kind": "totp", "device_id": str(device.pk), "user_id": str(facilitator.pk)}
    assert only(lines, "twofa_device_added").items() >= expected.items()
    assert only(lines, "twofa_device_removed").items() >= expected.items()


def test_a_passkey_logs_failure_success_and_removal(client, facilitator, log):
    passkey = SoftKey(facilitator, b"fasilitator-1")
    sign_in(client)
    _response, options = begin(client)
    bad = passkey.assertion(options["challenge"], origin="https://phishing.example")
    assert complete(client, bad).status_code == 422
    _response, options = begin(client)
    assert complete(client, passkey.assertion(options["challenge"])).status_code == 200
    remove = reverse("passkey-remove", kwargs={"pk": passkey.device.pk})
    assert client.post(remove).status_code == 302
    lines = log(options["challenge"])
    expected = {"kind": "passkey", "user_id": str(facilitator.pk), "username": "fasilitator"}
    assert only(lines, "twofa_failed").items() >= expected.items()
    assert only(lines, "twofa_succeeded").items() >= expected.items()
    removed = only(lines, "twofa_device_removed")
    assert removed.items() >= {**expected, "device_id": str(passkey.device.pk)}.items()


def registration(challenge, credential_id):
    """A new passkey's answer, as an authenticator without attestation (`none`) gives it."""
    numbers = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    x, y = numbers.x.to_bytes(32, "big"), numbers.y.to_bytes(32, "big")
    cose = cbor2.dumps({1: 2, 3: -7, -1: 1, -2: x, -3: y})
    attested = bytes(16) + len(credential_id).to_bytes(2, "big") + credential_id + cose
    auth_data = hashlib.sha256(b"localhost").digest() + b"\x45" + bytes(4) + attested
    client_data = json.dumps(
        {"type": "webauthn.create", "challenge": challenge, "origin": "http://testserver"}
    ).encode()
    attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
    return {
        "id": b64(credential_id),
        "rawId": b64(credential_id),
        "type": "public-key",
        "response": {"clientDataJSON": b64(client_data), "attestationObject": b64(attestation)},
        "clientExtensionResults": {},
    }


def test_adding_a_passkey_is_logged(fac, facilitator, log):
    options = fac.post(REGISTER_BEGIN, content_type="application/json").json()
    body = registration(options["challenge"], b"ny-1")
    response = fac.post(REGISTER_COMPLETE, json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    fields = only(log(options["challenge"]), "twofa_device_added")
    expected = {"kind": "passkey", "device_id": str(response.json()["id"])}
    assert fields.items() >= {**expected, "user_id": str(facilitator.pk)}.items()


def test_a_password_reset_is_logged_without_the_address_or_the_token(client, facilitator, log):
    response = client.post(reverse("password_reset"), {"email": facilitator.email})
    assert response.status_code == 302
    uid = urlsafe_base64_encode(force_bytes(facilitator.pk))
    token = default_token_generator.make_token(facilitator)
    form = client.get(reverse("password_reset_confirm", args=[uid, token]))
    new = "ny-hest-batteri-stift-42"
    data = {"new_password1": new, "new_password2": new}
    assert client.post(form.url, data).status_code == 302
    lines = log(token, new)
    assert set(only(lines, "password_reset_requested")) == {"client"}
    fields = only(lines, "password_reset_completed")
    assert fields["user_id"] == str(facilitator.pk)
    assert fields["username"] == "fasilitator"


def test_a_staff_page_of_another_arena_is_denied_and_logged(
    client, arena, facilitator_other_arena, log
):
    client.force_login(facilitator_other_arena)
    page = reverse("arena:arena-detail", kwargs={"slug": arena.slug})
    assert client.get(page).status_code == 404
    fields = only(log(), "staff_denied")
    assert fields["arena"] == arena.slug
    assert fields["needs"] == "member"
    assert fields["username"] == "fasilitator-annen"


def test_a_value_cannot_forge_a_line():
    assert security_log._quoted("kari\nlogin_succeeded username=admin") == (
        '"kari\\nlogin_succeeded username=admin"'
    )
    assert security_log._quoted("fasilitator") == "fasilitator"
