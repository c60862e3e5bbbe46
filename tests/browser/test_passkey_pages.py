"""Passkeys in a real browser (decision 54): Chromium's virtual authenticator (CDP WebAuthn)
stands in for a phone's fingerprint; a facilitator adds a passkey on the set-up page, signs out,
signs in with the password and then the passkey, and reaches a staff page; a cancelled passkey
leaves the code field usable. Each page accessible at 375 and 1280 px."""

from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from arena.models import ArenaMembership
from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local, shoot
from tests.browser.test_twofa_pages import sign_in_with_password


def virtual_authenticator(page, *, verified=True):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": verified,
        "automaticPresenceSimulation": True,
    }
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return cdp, found["authenticatorId"]


@VIEWPORTS
def test_a_facilitator_adds_a_passkey_and_signs_in_with_it(new_page, viewport):
    arena = factories.ArenaFactory(slug="bus")
    user = factories.UserFactory(username="fasilitator")
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.FACILITATOR)
    page = new_page(viewport)
    cdp, authenticator = virtual_authenticator(page)
    sign_in_with_password(page)
    page.goto("/konto/tofaktor/")
    assert "Du har ingen passnøkkel ennå" in page.inner_text("main")
    assert_accessible_and_local(page)
    with page.expect_navigation():
        page.click("#passkey-register-button")
    assert "Passnøkkelen er lagt til" in page.inner_text("main")
    passkey = WebAuthnCredential.objects.get(user=user)
    assert passkey.confirmed
    assert page.locator(".passkey-list li").count() == 1
    assert_accessible_and_local(page)
    shoot(page, f"passkey-setup-{viewport['width']}", full_page=True)
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(stored["credentials"]) == 1

    page.context.clear_cookies()
    sign_in_with_password(page)
    assert page.url.endswith("/konto/login/kode/")
    assert page.locator("input[name=otp_token]").count() == 0  # no app: the passkey alone
    assert_accessible_and_local(page)
    with page.expect_navigation():
        page.click("#passkey-verification-button")
    assert "/konto/" not in page.url
    page.goto("/a/bus/")
    assert "Logg ut" in page.inner_text("nav")
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None
    assert passkey.sign_count >= 1

    page.goto("/konto/tofaktor/")  # this session gave the passkey: it may remove it
    with page.expect_navigation():
        page.click(".passkey-list a")
    assert "Fjerne passnøkkelen?" in page.inner_text("main")
    assert_accessible_and_local(page)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Passnøkkelen er fjernet" in page.inner_text("main")
    assert not WebAuthnCredential.objects.exists()
    # Back to the confirmation page of a passkey that is gone (a second POST is tested in
    # tests/arena/test_passkeys.py: Chromium sends a double-clicked form only once).
    page.go_back()
    page.wait_for_url("**/konto/tofaktor/")
    assert "Passnøkkelen er allerede fjernet" in page.inner_text("main")
    assert_accessible_and_local(page)


@VIEWPORTS
def test_a_failed_passkey_leaves_the_code_field_usable(new_page, viewport):
    user = factories.UserFactory(username="fasilitator")
    TOTPDevice.objects.create(user=user, name="Tiltaksarena", confirmed=True)
    # A passkey of this user from another device, which this browser's authenticator lacks.
    WebAuthnCredential.objects.create(
        user=user, credential_id=b"elsewhere", public_key=b"x", confirmed=True
    )
    page = new_page(viewport)
    virtual_authenticator(page)
    sign_in_with_password(page)
    assert page.url.endswith("/konto/login/kode/")
    page.click("#passkey-verification-button")
    status = page.locator("#passkey-verification-status-message")
    status.filter(has_text="koden fra appen").wait_for(timeout=30_000)
    assert "Passnøkkelen" in status.inner_text()
    assert page.locator("input[name=otp_token]").is_editable()
    assert page.url.endswith("/konto/login/kode/")
    assert_accessible_and_local(page)
    shoot(page, f"passkey-failed-{viewport['width']}", full_page=True)
    # Five minutes later the half-way session has ended: the server's reason is shown.
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=key)
    session["twofa_pending"] = {**session["twofa_pending"], "at": 0}
    session.save()
    page.click("#passkey-verification-button")
    status.filter(has_text="Logg inn med passordet på nytt").wait_for()
