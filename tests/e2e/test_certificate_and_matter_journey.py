"""The justice bureau certifies a unit's applicant; the unit's officer assigns a matter to the new public
lawyer, who accepts it, logs work and submits an opinion; the officer closes it with the opinion adopted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.choices import Role
from lawyers import services as lawyer_services
from lawyers.models import Certificate
from matters.models import Assignment, Matter
from notices.models import Notice
from tests.conftest import PASSWORD, make_user
from tests.lawyers.factories import make_lawyer, make_person, practice_number
from tests.matters.factories import assign, make_matter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_takes_an_applicant_to_certificate_and_a_matter_to_its_closing(browser, users, unit_a):
    today = timezone.localdate()
    officer = users["officer_a"]
    person = make_person(officer, name="孙律师", sex="F")
    application = lawyer_services.application_submit(
        actor=officer, person=person, consent_on=today - timedelta(days=20)
    )
    number = practice_number("F", today.year)
    page = browser.page
    browser.give_authenticator(users["justice"])

    # The justice bureau (past its second factor) approves the application and records the certificate it issued.
    browser.login("justice", PASSWORD)
    browser.visit(f"/lawyers/applications/{application.pk}/", "application-submitted")
    page.check("input[name=decision][value=approve]")
    browser.submit(page.locator("form[action$='/review/'] button[type=submit]"), "application-approved")
    assert page.locator("h1 + [data-status]").get_attribute("data-status") == "approved"
    page.fill("#id_number", number)
    page.fill("#id_issued_on", today.isoformat())
    browser.submit(page.locator("form[action$='/certify/'] button[type=submit]"), "application-certified")
    assert page.locator("h1 + [data-status]").get_attribute("data-status") == "certified"
    assert Certificate.objects.get(person=person).number == number
    browser.logout()

    # The new public lawyer's own account, as the county's administrator would set it up.
    make_user("sun", Role.PUBLIC_LAWYER, unit_a, person=person)

    # The officer creates a matter and assigns it to the lawyer.
    browser.login("officer_a", PASSWORD)
    browser.visit("/matters/new/", "matter-category")
    browser.submit(page.locator("a[data-category=other]"), "matter-form")
    page.fill("#id_title", "关于行政处罚裁量基准的合法性审查")
    page.fill("#id_description", "请对裁量基准草案出具法律意见。")
    page.fill("#id_due_on", (today + timedelta(days=30)).isoformat())
    browser.submit(page.locator("form.card button[type=submit]"), "matter-created")
    matter = Matter.objects.get(title="关于行政处罚裁量基准的合法性审查")
    assert browser.path == f"/matters/{matter.pk}/"
    assign = page.locator("form[data-form=assign]")
    assign.locator(f"input[name=people][value='{person.pk}']").check()
    assign.locator("#id_due_on").fill((today + timedelta(days=14)).isoformat())
    browser.submit(assign.locator("button[type=submit]"), "matter-assigned")
    assignment = Assignment.objects.get(matter=matter, person=person)
    assert page.locator("[data-assignment-status]").get_attribute("data-assignment-status") == "pending"
    browser.logout()

    # The lawyer sees the matter among their own, opens it from the notice of the assignment, accepts it,
    # logs work and submits the opinion.
    browser.login("sun", PASSWORD)
    browser.visit("/matters/mine/", "my-matters")
    assert page.locator("table tbody tr").filter(has_text=matter.title).count() == 1
    notice = Notice.objects.get(recipient__username="sun", url=f"/matters/{matter.pk}/")
    browser.submit(page.locator("nav a[href='/notices/'][data-unread='1']"), "notices")
    browser.submit(page.locator(f"a[href='/notices/{notice.pk}/']"), "matter-for-lawyer")
    assert browser.path == f"/matters/{matter.pk}/"
    browser.submit(
        page.locator(f"form[action='/matters/assignments/{assignment.pk}/accept/'] button"), "assignment-accepted"
    )
    assert page.locator("[data-assignment-status]").get_attribute("data-assignment-status") == "accepted"
    prefix = f"#id_work-{assignment.pk}"
    page.fill(f"{prefix}-worked_on", today.isoformat())
    page.fill(f"{prefix}-hours", "2.5")
    page.fill(f"{prefix}-description", "研读草案并检索上位法依据")
    browser.submit(page.locator("form[data-form=work] button[type=submit]"), "work-logged")
    assert page.locator("[data-work-entries] li").count() == 1
    page.fill(f"#id_opinion-{assignment.pk}-text", "经审查，裁量基准草案符合上位法规定，建议按程序发布。")
    browser.submit(page.locator("form[data-form=opinion] button[type=submit]"), "opinion-submitted")
    assert page.locator("[data-opinion-version='1']").count() == 1
    assert page.locator("[data-assignment-status]").get_attribute("data-assignment-status") == "completed"
    browser.logout()

    # The officer closes the matter: the opinion was adopted in full.
    browser.login("officer_a", PASSWORD)
    browser.visit(f"/matters/{matter.pk}/", "matter-answered")
    close = page.locator("form[data-form=close]")
    close.locator("input[name=adoption][value=fully]").check()
    browser.submit(close.locator("button[type=submit]"), "matter-closed")
    assert page.locator("h1 + [data-status]").get_attribute("data-status") == "closed"
    assert page.locator("[data-adoption]").get_attribute("data-adoption") == "fully"
    matter.refresh_from_db()
    assert matter.status == "closed" and matter.adoption == "fully" and matter.closed_by == officer


def test_it_opens_an_assigned_matter_from_my_matters(browser, users, unit_a):
    officer = users["officer_a"]
    person, _certificate = make_lawyer(officer, users["justice"])
    make_user("sun", Role.PUBLIC_LAWYER, unit_a, person=person)
    matter = make_matter(officer, title="审查采购合同")
    assign(officer, matter, person)

    browser.login("sun", PASSWORD)
    browser.visit("/matters/mine/", "my-matters")
    link = browser.page.locator("table tbody a").filter(has_text=matter.title)
    # Checked before clicking: a click on the broken link would load a 404 page, a console error.
    assert link.get_attribute("href") == f"/matters/{matter.pk}/"
    browser.submit(link, "matter")
    assert browser.path == f"/matters/{matter.pk}/"


def test_it_lets_the_lawyer_answer_log_hours_and_download_the_letter_in_their_own_words(browser, users, unit_a):
    """Issue 16: the decline button said 不予选派, the work log 学时, and the letter answered the lawyer 403."""
    officer = users["officer_a"]
    person, _certificate = make_lawyer(officer, users["justice"], name="孙律师")
    make_user("sun", Role.PUBLIC_LAWYER, unit_a, person=person)
    case = make_matter(officer, category="litigation_petitions", title="某公司诉我局行政处罚案")
    (assignment,) = assign(officer, case, person)
    page = browser.page

    browser.login("sun", PASSWORD)
    browser.visit(f"/matters/{case.pk}/", "case-for-lawyer")
    card = page.locator(f"[data-assignment='{assignment.pk}']")
    assert card.locator("form[data-form=decline] button[type=submit]").inner_text().strip() == "拒绝承办"
    assert "说明理由" in card.locator("form[data-form=decline]").inner_text()
    assert "不予选派" not in page.locator("main").inner_text()
    accept = card.locator(f"form[action='/matters/assignments/{assignment.pk}/accept/'] button")
    assert accept.inner_text().strip() == "接受承办"
    browser.submit(accept, "case-accepted")

    work = page.locator("form[data-form=work]")
    assert work.locator(f"label[for='id_work-{assignment.pk}-hours']").inner_text().startswith("工时（小时）")
    assert "学时" not in page.locator("main").inner_text()
    page.fill(f"#id_work-{assignment.pk}-worked_on", timezone.localdate().isoformat())
    page.fill(f"#id_work-{assignment.pk}-hours", "3")
    page.fill(f"#id_work-{assignment.pk}-description", "阅卷并起草答辩状")
    browser.submit(work.locator("button[type=submit]"), "work-logged")
    assert "3 小时" in page.locator("[data-work-entries]").inner_text()

    # The letter that names the lawyer, from the matter's page, as the unit office downloads it.
    letter = page.locator(f"form[action='/guarantees/matters/{case.pk}/commission-letter/']")
    with page.expect_download() as download:
        letter.locator("button[type=submit]").click()
    assert download.value.suggested_filename.endswith(".docx")
    browser.shot("letter-downloaded")
    browser.logout()


def test_it_cancels_a_certificate_with_a_button_that_says_so(browser, users):
    """Issue 16: the cancellation (注销) button said 取消, beside every form's 取消."""
    person, certificate = make_lawyer(users["officer_a"], users["justice"], name="周律师")
    page = browser.page
    browser.give_authenticator(users["justice"])
    browser.login("justice", PASSWORD)
    browser.visit(f"/lawyers/people/{person.pk}/", "holder")
    cancel = page.locator(f"[data-certificate='{certificate.number}'] a[data-action=cancel]")
    assert cancel.inner_text().strip() == "注销"
    browser.submit(cancel, "cancel-step")
    form = page.locator("form[data-certificate-action=cancel]")
    assert form.locator("button[data-submit]").inner_text().strip() == "注销"
    assert form.locator("a").inner_text().strip() == "返回"
    assert "取消" not in page.locator("main").inner_text()
    page.select_option("#id_reason", "retired")
    browser.submit(form.locator("button[data-submit]"), "cancelled")
    certificate.refresh_from_db()
    assert certificate.status == "cancelled"
