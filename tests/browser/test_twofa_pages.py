"""Two-factor sign-in in a real browser: setting up the app from the QR page, then signing in
with password and code; each page accessible at 375 and 1280 px."""

import base64

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from arena.models import ArenaMembership
from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local


def sign_in_with_password(page):
    page.goto("/konto/login/")
    page.fill("input[name=username]", "fasilitator")
    page.fill("input[name=password]", factories.PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def enter_code(page, key, *, later=0):
    page.fill("input[name=otp_token]", f"{totp(bytes.fromhex(key), drift=later):06d}")
    with page.expect_navigation():
        page.click("main button[type=submit]")


@VIEWPORTS
def test_a_facilitator_sets_up_the_app_and_signs_in_with_a_code(new_page, viewport, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    arena = factories.ArenaFactory(slug="bus")
    user = factories.UserFactory(username="fasilitator")
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.FACILITATOR)
    page = new_page(viewport)
    sign_in_with_password(page)
    page.goto("/konto/tofaktor/")
    assert page.locator(".twofa-qr svg").is_visible()
    secret = page.inner_text(".twofa-secret").replace(" ", "")
    assert_accessible_and_local(page)
    key = base64.b32decode(secret).hex()
    enter_code(page, key)
    assert "er slått på" in page.inner_text("main")
    assert TOTPDevice.objects.get(user=user, confirmed=True).key == key
    assert_accessible_and_local(page)

    page.context.clear_cookies()
    sign_in_with_password(page)
    assert page.url.endswith("/konto/login/kode/")
    assert_accessible_and_local(page)
    page.fill("input[name=otp_token]", "000000")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Koden stemmer ikke" in page.inner_text("main")
    assert_accessible_and_local(page)
    enter_code(page, key, later=1)
    assert "/konto/" not in page.url
    page.goto("/a/bus/")
    assert "Logg ut" in page.inner_text("nav")
