"""In Chinese on a 1366×768 screen: the justice bureau corrects (更正) a mistyped certificate number, first
refused for an issue date in the future with what was typed kept, then with the number put right and kept in
the certificate's history; the county office then abolishes the unit and moves its people in one step
(撤并/重组), everyone to one unit but one person to another, and the lawyer counts in the new unit."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lawyers.models import Certificate, CertificateCorrection, Person
from tests.conftest import PASSWORD, make_unit
from tests.lawyers.factories import make_lawyer, make_person, practice_number

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREEN = {"width": 1366, "height": 768}


def test_the_bureau_corrects_a_certificate_and_the_county_office_reorganises_the_unit(browser, users, unit_a, unit_b):
    today = timezone.localdate()
    unit_c = make_unit("城固县交通运输局")
    lawyer, certificate = make_lawyer(users["officer_a"], users["justice"], name="孙律师", joined_on=date(2020, 1, 1))
    clerk = make_person(users["officer_a"], name="周干部")
    page = browser.page
    page.set_viewport_size(SCREEN)
    browser.give_authenticator(users["justice"])
    browser.give_authenticator(users["county"])

    # The justice bureau opens the lawyer's page and corrects the number recorded with a typo.
    browser.login("justice", PASSWORD)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    browser.visit(f"/lawyers/people/{lawyer.pk}/", "person-before-correction")
    button = page.locator(f"[data-certificate='{certificate.number}'] a[data-action=correct]")
    assert button.inner_text().strip() == "更正"
    browser.submit(button, "correction-form")
    assert page.input_value("#id_number") == certificate.number  # the recorded values, to change
    assert page.input_value("#id_issued_on") == "2023-03-01"
    right = practice_number("M", 2023, serial=880001)
    page.fill("#id_number", right)
    future = (today + timedelta(days=3)).isoformat()
    page.fill("#id_issued_on", future)
    page.fill("#id_reason", "登记时证号末位录入错误")
    browser.submit(page.locator("form.card button[type=submit]"), "correction-refused")
    assert page.locator(".invalid-feedback").filter(has_text=future).count() == 1  # "日期…晚于今天"
    assert page.input_value("#id_number") == right and page.input_value("#id_reason") == "登记时证号末位录入错误"
    assert Certificate.objects.get(pk=certificate.pk).number == certificate.number
    page.fill("#id_issued_on", "2023-03-01")
    browser.submit(page.locator("form.card button[type=submit]"), "corrected")
    assert browser.path == f"/lawyers/people/{lawyer.pk}/"
    assert page.locator(".alert-success").count() == 1
    history = page.locator("li[data-correction=number]")
    assert right in history.inner_text() and certificate.number in history.inner_text()
    assert "登记时证号末位录入错误" in history.inner_text()
    assert CertificateCorrection.objects.get().new_value == right
    browser.logout()

    # The county office abolishes unit A ten days ago and moves its people: everyone to B, the clerk to C.
    on = today - timedelta(days=10)
    browser.login("county", PASSWORD)
    browser.visit(f"/units/{unit_a.pk}/", "unit-before")
    reorganise = page.locator("a[data-action=reorganise]")
    assert reorganise.inner_text().strip() == "撤并/重组"
    browser.submit(reorganise, "reorganise-date")
    page.fill("#id_on", on.isoformat())
    browser.submit(page.locator("form[data-form=reorganise-date] button[type=submit]"), "reorganise-people")
    assert page.locator("[data-on]").get_attribute("data-on") == on.isoformat()
    page.select_option("select[data-move-everyone]", str(unit_b.pk))
    # The shortcut fills in every person's dropdown; one of them is then sent elsewhere.
    assert page.input_value(f"select[data-move='{lawyer.pk}']") == str(unit_b.pk)
    assert page.input_value(f"select[data-move='{clerk.pk}']") == str(unit_b.pk)
    page.select_option(f"select[data-move='{clerk.pk}']", str(unit_c.pk))
    page.fill("#id_note", "城编发〔2026〕3号")
    page.check("#id_confirm")
    browser.shot("reorganise-filled")
    browser.submit(page.locator("form[data-form=reorganise] button[type=submit]"), "reorganised")
    assert browser.path == f"/units/{unit_a.pk}/"
    assert on.isoformat() in page.locator(".alert-secondary").inner_text()  # "this unit was abolished on …"
    assert page.locator("a[data-action=reorganise]").count() == 0
    assert Person.objects.get(pk=lawyer.pk).unit == unit_b and Person.objects.get(pk=clerk.pk).unit == unit_c

    # The lawyer, certificate and all, is a public lawyer of unit B now.
    browser.visit(f"/units/{unit_b.pk}/", "new-unit")
    assert page.locator(f"[data-lawyer='{lawyer.pk}']").count() == 1
    assert page.locator("[data-lawyer-count]").inner_text().strip() == "1"
