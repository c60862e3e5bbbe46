"""The browser-test harness: Debian's Chromium driven by Playwright against a live server.

Browsers cannot be downloaded here, so Playwright starts /usr/bin/chromium itself
(`CHROMIUM_PATH` overrides). Every browser test is marked `browser` and needs a database that
the live server's thread can see, hence `transaction=True`.
"""

import os
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
AXE_SCRIPT = Axe().axe_script  # the axe-core build that axe-playwright-python bundles
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1280px"])


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# The intervals at which pages poll the server (seconds), as the views and the room tag read
# them at request time. A test that waits for a poll to bring a change asks for `fast_polls`:
# the live server runs in this process, so the page then polls every second instead of every
# 3–5 s. The pages' own tests (tests/measures/test_live.py, test_export_jobs.py) keep checking
# the real intervals.
POLL_INTERVALS = (
    ("measures.templatetags.room_tags", "POLL_SECONDS"),
    ("measures.views.live", "POLL_SECONDS"),
    ("measures.views.home", "OURS_POLL_SECONDS"),
    ("measures.views.export_jobs", "POLL_SECONDS"),
)


@pytest.fixture
def fast_polls(monkeypatch):
    for module, name in POLL_INTERVALS:
        monkeypatch.setattr(f"{module}.{name}", 1)  # raises if the name has moved


class OriginWatcher:
    """Records every request the page makes to an origin other than the live server's."""

    def __init__(self, page, base_url):
        self.allowed = urlsplit(base_url).netloc
        self.foreign = []
        page.on("request", self._check)

    def _check(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if parts.netloc != self.allowed:
            self.foreign.append(request.url)


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(viewport)` → a fresh page in its own context, with an origin watcher at
    `page.origin_watcher`. Contexts are closed after the test."""
    contexts = []

    def make(viewport=LAPTOP, **context_args):
        context = browser.new_context(
            viewport=viewport, locale="nb-NO", base_url=live_server.url, **context_args
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.origin_watcher = OriginWatcher(page, live_server.url)
        return page

    yield make
    for context in contexts:
        context.close()


def shoot(page, name, **screenshot_args):
    """Save a screenshot as `$TA_SCREENSHOTS/<name>.png` when that variable names a folder
    (`make screenshots`); otherwise do nothing. Looking at pages is a habit, not a test step:
    full-page captures cost about a minute of every suite run."""
    folder = os.environ.get("TA_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}.png"), **screenshot_args)


def settle(page):
    """Wait until the page has loaded, its fonts are ready and its entrance animations (the
    wall's fade-in) have ended, so axe sees final colours. The pages render on the server (no
    fragment loads on start), so Playwright's "networkidle" (500 ms of silence) buys nothing."""
    page.wait_for_load_state("load")
    page.evaluate(
        """() => document.fonts.ready.then(() => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)))).then(() => true)"""
    )


def axe_violations(page):
    """Run axe-core (bundled by axe-playwright-python, offline) for WCAG 2.1 A/AA, as that
    package's `Axe().run` does, but injecting the script only into a document without it.

    Returns a list of "rule-id: help (n nodes: selectors)" strings; empty means no violations.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)  # once per document, not before every run (~0.5 MB)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
        f"{', '.join(str(n['target']) for n in v['nodes'][:5])})"
        for v in results["violations"]
    ]


def axe_violations_without_script(page, new_page):
    """axe for a page in a context without JavaScript. axe's run waits on page timers, which
    never fire there (the call hangs), so the same HTML is served at the same address to a
    scripted twin page whose own scripts are blocked: axe sees the markup and styles the
    person without JavaScript gets (only `<noscript>` blocks are not shown to it)."""
    html, url = page.content(), page.url
    twin = new_page(page.viewport_size)
    twin.route("**/*.js", lambda route: route.abort())
    twin.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    twin.goto(url)
    settle(twin)
    return axe_violations(twin)


def assert_accessible_and_local(page):
    """The page in front of us has no axe violations and has fetched nothing from elsewhere."""
    settle(page)
    assert axe_violations(page) == []
    assert page.origin_watcher.foreign == []
