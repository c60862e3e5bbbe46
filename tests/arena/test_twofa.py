"""Two-factor sign-in for staff (arena/twofa.py, decision 46), against the real database: the
codes are computed here from the device's key, as the phone's app would."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from arena import twofa
from tests import factories
from tests.arena.test_limits import clock, shared_limits  # noqa: F401 (fixtures)

LOGIN = reverse("login")
VERIFY = reverse("twofa-verify")
SETUP = reverse("twofa-setup")
REMOVE = reverse("twofa-remove")


def code(key_hex, *, later=0):
    """The app's code now (`later=1`: the next 30 s, which the server still accepts)."""
    return f"{totp(bytes.fromhex(key_hex), drift=later):06d}"


@pytest.fixture
def user_with_app(facilitator):
    TOTPDevice.objects.create(user=facilitator, name="Tiltaksarena", confirmed=True)
    return facilitator


def device_of(user):
    return TOTPDevice.objects.get(user=user)


def sign_in(client, next_url=""):
    data = {"username": "fasilitator", "password": factories.PASSWORD, "next": next_url}
    return client.post(LOGIN, data)


def test_a_user_with_an_app_is_not_signed_in_until_the_code(client, user_with_app, arena):
    start = reverse("arena:arena-detail", kwargs={"slug": arena.slug})
    response = sign_in(client, next_url=start)
    assert response.status_code == 302
    assert response.url == VERIFY
    assert "_auth_user_id" not in client.session
    assert client.get(start).status_code == 302  # still anonymous: sent to sign in
    response = client.post(VERIFY, {"otp_token": code(device_of(user_with_app).key)})
    assert response.status_code == 302
    assert response.url == start
    assert client.session["_auth_user_id"] == str(user_with_app.pk)
    assert client.get(start).status_code == 200


def test_a_wrong_code_is_refused_in_norwegian(client, user_with_app):
    sign_in(client)
    right = code(device_of(user_with_app).key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"otp_token": wrong})
    assert response.status_code == 200
    assert "Koden stemmer ikke" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_user_without_an_app_signs_in_with_the_password_alone(client, facilitator):
    assert sign_in(client).url == reverse("arena:start")
    assert client.session["_auth_user_id"] == str(facilitator.pk)


def test_the_second_step_needs_a_right_password_first(client, user_with_app):
    assert client.get(VERIFY).url == LOGIN
    assert client.post(VERIFY, {"otp_token": "123456"}).url == LOGIN


def test_the_half_way_sign_in_ends_after_five_minutes(client, user_with_app):
    sign_in(client)
    session = client.session
    session["twofa_pending"]["at"] -= twofa.PENDING_SECONDS + 1
    session.save()
    assert client.post(VERIFY, {"otp_token": code(device_of(user_with_app).key)}).url == LOGIN
    assert "_auth_user_id" not in client.session


def test_wrong_codes_are_limited_like_wrong_passwords(
    client,
    user_with_app,
    shared_limits,  # noqa: F811 (the fixture imported above)
    clock,  # noqa: F811
    settings,
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only our limit, not django-otp's own back-off
    sign_in(client)
    for _n in range(10):
        assert client.post(VERIFY, {"otp_token": "000000"}).status_code == 200
    refused = client.post(VERIFY, {"otp_token": code(device_of(user_with_app).key)})
    assert refused.status_code == 429
    assert "prøv igjen (klokka" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    clock.advance(15 * 60 + 1)
    assert client.post(VERIFY, {"otp_token": code(device_of(user_with_app).key)}).status_code == 302


def test_staff_set_up_confirm_and_remove_their_app(fac, facilitator, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp would hold the right code back 1 s
    page = fac.get(SETUP).content.decode()
    assert "<svg" in page
    assert "Nøkkel:" in page
    key = fac.session["twofa_setup_key"]
    assert not TOTPDevice.objects.exists()  # opening the page writes no device
    assert "Koden stemmer ikke" in fac.post(SETUP, {"otp_token": "12345"}).content.decode()
    confirming = code(key)
    response = fac.post(SETUP, {"otp_token": confirming})
    assert response.url == SETUP
    device = device_of(facilitator)
    assert device.confirmed
    assert device.key == key
    assert "otp_device_id" in fac.session  # this session is verified now
    assert "Slå av" in fac.get(SETUP).content.decode()
    # The code spent on confirming, as typed (a fresh code() could fall in the next 30 s).
    assert fac.post(REMOVE, {"otp_token": confirming}).status_code == 200
    assert fac.post(REMOVE, {"otp_token": "000000"}).status_code == 200
    assert TOTPDevice.objects.filter(user=facilitator).exists()
    assert fac.post(REMOVE, {"otp_token": code(key, later=1)}).url == SETUP
    assert not TOTPDevice.objects.filter(user=facilitator).exists()


def test_the_setup_page_costs_a_fixed_number_of_queries(fac, django_assert_num_queries):
    fac.get(SETUP)
    # session, user, the confirmed app (none), the passkeys (none)
    with django_assert_num_queries(4):
        assert fac.get(SETUP).status_code == 200


def test_the_second_step_costs_a_fixed_number_of_queries(
    client, user_with_app, django_assert_num_queries
):
    sign_in(client)
    # session, the half-way user, their confirmed app, whether they have a passkey
    with django_assert_num_queries(4):
        assert client.get(VERIFY).status_code == 200


def test_when_required_staff_without_an_app_reach_only_the_setup(fac, arena, settings):
    settings.STAFF_REQUIRE_2FA = True
    response = fac.get(reverse("arena:start"))
    assert response.status_code == 302
    assert response.url == SETUP
    assert fac.get(reverse("arena:arena-detail", kwargs={"slug": arena.slug})).url == SETUP
    assert fac.get(SETUP).status_code == 200
    fac.post(SETUP, {"otp_token": code(fac.session["twofa_setup_key"])})
    assert fac.get(reverse("arena:start")).status_code == 200


def test_the_second_step_speaks_nynorsk_and_english(client, user_with_app, settings):
    sign_in(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    assert "Kode frå appen" in client.get(VERIFY).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Code from the app" in client.get(VERIFY).content.decode()


def test_when_required_anonymous_and_participants_are_not_touched(client, arena, settings):
    settings.STAFF_REQUIRE_2FA = True
    assert client.get(reverse("participants:join")).status_code == 200


def test_the_admin_sign_in_refuses_a_user_with_an_app(db, settings):
    admin = factories.UserFactory(username="it", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=admin, name="Tiltaksarena", confirmed=True)
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": "it", "password": factories.PASSWORD}
    )
    assert response.status_code == 200
    assert "tofaktor-innlogging" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_codes_hold_the_guessers_address_not_the_real_user_elsewhere(
    user_with_app,
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
):
    """Someone who has the password cannot lock the real user's code step (decision 50)."""
    guesser = Client(REMOTE_ADDR="192.0.2.66")
    sign_in(guesser)
    for _n in range(10):
        assert guesser.post(VERIFY, {"otp_token": "000000"}).status_code == 200
    key = device_of(user_with_app).key
    assert guesser.post(VERIFY, {"otp_token": code(key)}).status_code == 429
    real = Client(REMOTE_ADDR="203.0.113.5")
    sign_in(real)
    response = real.post(VERIFY, {"otp_token": code(key)})
    assert response.status_code == 302
    assert real.session["_auth_user_id"] == str(user_with_app.pk)


def test_guesses_spread_over_addresses_meet_the_users_ceiling_but_not_a_trusted_browser(
    user_with_app,
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
):
    laptop = Client(REMOTE_ADDR="203.0.113.5")
    sign_in(laptop)
    key = device_of(user_with_app).key
    assert laptop.post(VERIFY, {"otp_token": code(key)}).status_code == 302  # now trusted
    laptop.post(reverse("logout"))
    for address in range(5):
        guesser = Client(REMOTE_ADDR=f"192.0.2.{address + 1}")
        sign_in(guesser)
        for _n in range(10):
            assert guesser.post(VERIFY, {"otp_token": "000000"}).status_code == 200
    fresh = Client(REMOTE_ADDR="198.51.100.7")  # a new address, an untrusted browser
    sign_in(fresh)
    assert fresh.post(VERIFY, {"otp_token": code(key, later=1)}).status_code == 429
    sign_in(laptop)
    assert laptop.post(VERIFY, {"otp_token": code(key, later=1)}).status_code == 302
    clock.advance(15 * 60 + 1)  # the window ends: a code is checked again (both are spent)
    sign_in(fresh)
    assert "Koden stemmer ikke" in fresh.post(VERIFY, {"otp_token": "000000"}).content.decode()
