"""Daily work of issue 16, walked in Chinese at 1366×768: a lawyer records external training and claims an
expense with its receipt (and is told the limit in words), the unit office reads the receipt and sees which
holiday an overtime day was, attaches a proof to a returned application that the justice bureau then reads,
and a stationed unit opens its dispatch request from its list."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.choices import Role
from guarantees import services as guarantee_services
from guarantees.models import ExpenseClaim
from lawyers import services as lawyer_services
from matters import services as matter_services
from tests.advisors.factories import make_dispatch, make_member
from tests.conftest import PASSWORD, make_user
from tests.lawyers.factories import make_lawyer, make_person
from tests.matters.factories import assign, make_matter
from training.models import ExternalTraining

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


@pytest.fixture(autouse=True)
def attachment_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_a_lawyers_training_and_claim_and_the_unit_offices_reading(browser, users, unit_a):
    officer = users["officer_a"]
    person, _certificate = make_lawyer(officer, users["justice"], name="孙律师")
    sun = make_user("sun", Role.PUBLIC_LAWYER, unit_a, person=person)
    case = make_matter(officer, category="litigation_petitions", title="某公司诉我局行政处罚案")
    (assignment,) = assign(officer, case, person)
    matter_services.assignment_accept(actor=sun, assignment=assignment)
    overtime = guarantee_services.overtime_log(
        actor=sun, person=person, worked_on=date(2025, 10, 2), hours=Decimal("6"), description="国庆期间出庭准备"
    )
    page = browser.page

    # The lawyer records a provincial course with its certificate; its hours show on their training page.
    browser.login("sun", PASSWORD)
    browser.visit("/training/mine/?year=2025", "my-training")
    browser.submit(page.locator("a[data-action=external-create]"), "external-form")
    page.fill("#id_title", "陕西省律师协会行政诉讼实务研修班")
    page.fill("#id_organiser", "陕西省律师协会")
    page.fill("#id_held_on", "2025-09-20")
    page.fill("#id_hours", "12")
    page.set_input_files("#id_certificate_file", pdf("结业证书.pdf"))
    browser.submit(page.locator("form.card button[type=submit]"), "external-recorded")
    assert ExternalTraining.objects.get().certificate_name == "结业证书.pdf"
    assert page.locator("[data-external-hours]").inner_text() == "其中外部培训12学时"
    assert page.locator("[data-section=external] tbody tr").filter(has_text="陕西省律师协会").count() == 1

    # A claim of ¥99,999,999 is refused in words; the right amount goes with its receipt.
    browser.visit(f"/guarantees/expenses/new/?matter={case.pk}", "claim-form")
    page.fill("#id_incurred_on", "2025-10-10")
    page.select_option("#id_kind", "travel")
    page.fill("#id_amount", "99999999")
    page.fill("#id_description", "往返汉中中院高铁票")
    page.set_input_files("#id_receipts", [pdf("车票.pdf"), pdf("发票.pdf")])
    browser.submit(page.locator("form.card button[type=submit]"), "claim-refused")
    assert "单笔报销金额不得超过50000元" in page.locator("main").inner_text()
    assert not ExpenseClaim.objects.exists()
    page.fill("#id_amount", "86")
    page.set_input_files("#id_receipts", [pdf("车票.pdf"), pdf("发票.pdf")])
    browser.submit(page.locator("form.card button[type=submit]"), "claim-sent")
    claim = ExpenseClaim.objects.get()
    assert page.locator("[data-section=receipts] [data-receipt]").count() == 2
    browser.logout()

    # The unit office reads the receipts and the kind of day of the overtime.
    browser.login("officer_a", PASSWORD)
    browser.visit(claim.get_absolute_url(), "claim-for-office")
    link = page.locator("[data-section=receipts] a").filter(has_text="车票.pdf")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "车票.pdf"
    browser.visit(overtime.get_absolute_url(), "overtime-for-office")
    assert page.locator("[data-day-kind]").inner_text() == "法定节假日（国庆节）"
    browser.visit("/training/hours/?year=2025", "hours-report")
    browser.submit(page.locator("a[data-action=external-list]"), "external-list")
    assert page.locator("table tbody tr").filter(has_text="孙律师").count() == 1
    browser.logout()


def test_a_returned_application_gets_its_proof_and_a_dispatch_request_its_link(browser, users, tax_unit, superior):
    officer = users["officer_a"]
    person = make_person(officer, name="钱申请人")
    application = lawyer_services.application_submit(actor=officer, person=person, consent_on=date(2025, 1, 10))
    lawyer_services.application_review(
        actor=users["justice"], application=application, decision="return", comment="请补充学历证明"
    )
    tax_officer = make_user("officer_tax", Role.UNIT_OFFICER, tax_unit)
    dispatch = make_dispatch(tax_officer, users["pool"], make_member(users["pool"]))
    page = browser.page

    browser.login("officer_a", PASSWORD)
    browser.visit(application.get_absolute_url(), "returned-application")
    form = page.locator("form[data-form=attachment]")
    form.locator("input[type=file]").set_input_files(pdf("学历证明.pdf"))
    browser.submit(form.locator("button[type=submit]"), "proof-attached")
    assert page.locator("[data-section=attachments] [data-attachment]").inner_text().startswith("学历证明.pdf")
    browser.logout()

    browser.give_authenticator(users["justice"])
    browser.login("justice", PASSWORD)
    browser.visit(application.get_absolute_url(), "application-for-justice")
    assert page.locator("form[data-form=attachment]").count() == 0
    with page.expect_download() as download:
        page.locator("[data-section=attachments] a").click()
    assert download.value.suggested_filename == "学历证明.pdf"
    browser.logout()

    browser.login("officer_tax", PASSWORD)
    browser.visit("/advisors/dispatches/", "dispatch-list")
    browser.submit(page.locator("a[data-request]").first, "dispatch-request")
    assert browser.path == f"/advisors/dispatches/{dispatch.pk}/"
