from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local


@VIEWPORTS
def test_start_page_is_accessible_and_self_contained(new_page, viewport):
    page = new_page(viewport)
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Tiltaksarena"
    assert_accessible_and_local(page)


@VIEWPORTS
def test_admin_login_is_accessible_and_self_contained(new_page, viewport):
    page = new_page(viewport)
    response = page.goto("/admin/login/")
    assert response.status == 200
    assert page.locator("#id_username").is_visible()
    assert_accessible_and_local(page)


def test_axe_helper_reports_a_real_violation(new_page):
    """The harness itself can fail: a picture without alt text is caught."""
    from tests.browser.conftest import axe_violations

    page = new_page()
    page.goto("/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')"
    )
    assert any(v.startswith("image-alt") for v in axe_violations(page))


def test_origin_watcher_catches_a_foreign_request(new_page):
    # Our CSP would block the request before it leaves; bypass it to test the watcher alone.
    page = new_page(bypass_csp=True)
    page.goto("/")
    with page.expect_request(lambda request: "example.invalid" in request.url):
        page.evaluate("fetch('http://example.invalid/x').catch(() => null)")
    assert any("example.invalid" in url for url in page.origin_watcher.foreign)


def test_content_security_policy_blocks_foreign_requests(new_page):
    page = new_page()
    page.goto("/")
    blocked = page.evaluate("fetch('http://example.invalid/x').then(() => 'sent', () => 'blocked')")
    assert blocked == "blocked"
    assert page.origin_watcher.foreign == []


@VIEWPORTS
def test_accessibility_statement_and_404_are_accessible(new_page, viewport):
    page = new_page(viewport)
    assert page.goto("/tilgjengelighet/").status == 200
    assert_accessible_and_local(page)
    assert page.goto("/finnes-ikke/").status == 404
    assert_accessible_and_local(page)
