"""An officer of another unit who types or is sent the addresses of the first unit's person, application and
matter gets the "not found" page: out-of-scope records answer 404, and do not even say they exist."""

import pytest
from django.utils import timezone

from lawyers import services as lawyer_services
from tests.conftest import PASSWORD
from tests.lawyers.factories import make_person
from tests.matters.factories import make_matter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_shows_not_found_for_another_units_records(browser, users, unit_a):
    today = timezone.localdate()
    officer = users["officer_a"]
    person = make_person(officer, name="周律师")
    application = lawyer_services.application_submit(actor=officer, person=person, consent_on=today)
    matter = make_matter(officer, title="合同审查")
    urls = [
        f"/lawyers/people/{person.pk}/",
        f"/lawyers/applications/{application.pk}/",
        f"/matters/{matter.pk}/",
    ]

    # The unit's own officer opens each of them, so the addresses are real.
    browser.login("officer_a", PASSWORD)
    for url in urls:
        browser.visit(url, f"own-unit-{url}")
        assert browser.page.locator("h1 .bi-question-circle").count() == 0
    browser.logout()

    browser.login("officer_b", PASSWORD)
    for url in urls:
        browser.visit(url, f"other-unit-{url}", status=404)
        # The portal's own 404 page, inside the usual frame with the way home.
        assert browser.page.locator("main h1 .bi-question-circle").count() == 1
        assert browser.page.locator("main h1").inner_text().strip() == "未找到"
        assert browser.page.locator("main a[href='/']").count() == 1
        assert "周律师" not in browser.page.content() and "合同审查" not in browser.page.content()
