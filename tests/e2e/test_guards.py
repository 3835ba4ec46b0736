"""The journeys' guards themselves: a console error, a script error, an asset from another host or a visit to
another host is caught, and fails the journey."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOREIGN = "http://cdn.example.test"


def test_it_catches_console_errors_and_everything_from_another_host(browser):
    # Answered by the test itself, so nothing leaves the machine.
    browser.context.route(f"{FOREIGN}/**", lambda route: route.fulfill(status=200, body="", content_type="text/css"))
    browser.visit("/login/", "login")
    browser.assert_clean()

    browser.page.evaluate("console.error('something broke')")
    browser.page.evaluate("setTimeout(() => { throw new Error('uncaught') })")
    # A template that linked a CDN stylesheet: the portal's Content-Security-Policy refuses it, in the console.
    browser.page.evaluate(
        f"""document.head.insertAdjacentHTML('beforeend', '<link rel="stylesheet" href="{FOREIGN}/bootstrap.css">')"""
    )
    browser.page.goto(f"{FOREIGN}/page")
    browser.page.wait_for_timeout(200)

    assert any("something broke" in error for error in browser.errors)
    assert any("uncaught" in error for error in browser.errors)
    assert any("bootstrap.css" in error and "Content Security Policy" in error for error in browser.errors)
    assert f"{FOREIGN}/page" in browser.foreign
    with pytest.raises(AssertionError, match="browser errors"):
        browser.assert_clean()
    browser.errors.clear()
    with pytest.raises(AssertionError, match="requests to other hosts"):
        browser.assert_clean()
    # What was caught has been looked at: the fixture's own check at the end passes.
    browser.foreign.clear()
