"""Browser journeys in Debian chromium, driven by Playwright against a live server.

A missing chromium skips these tests on a developer's machine and fails them in CI
(CI=true), so a green CI always means the journeys ran.

scripts/test runs these journeys in a pytest session of their own: each one is
transactional (live server), and once a non-transactional test has run in the same
session, pytest-django's serialized rollback no longer restores the rows migrations
created (Wagtail's root page, site, locale) after Playwright has started
(pytest-dev/pytest-django#1117).
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# fixtures here are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        message = "Debian chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshot_folder(tmp_path_factory):
    """One folder under the test run's temporary directory for screenshots to look at."""
    return tmp_path_factory.mktemp("screenshots", numbered=False)


@pytest.fixture
def screenshots(screenshot_folder):
    folder = screenshot_folder

    def shoot(page, name: str):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot
