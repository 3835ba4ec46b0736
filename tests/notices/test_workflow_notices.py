"""Every step someone else must act on or know about sends them a notice linking to the object, and the notice
is read once the step it asked for is taken; each role's home page lists what waits for it."""

from datetime import date

import pytest
from django.urls import reverse

from lawyers import services
from notices.models import Notice
from tests.lawyers.factories import make_lawyer, make_person, practice_number

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")


def unread(user, **filters):
    return list(Notice.objects.filter(recipient=user, read_at__isnull=True, **filters).values_list("kind", "url"))


def test_an_application_tells_the_side_whose_move_it_is_and_reads_what_was_asked(users):
    officer, justice = users["officer_a"], users["justice"]
    person = make_person(officer, name="王申请")
    application = services.application_submit(actor=officer, person=person, consent_on=date(2025, 1, 2))
    url = application.get_absolute_url()
    assert unread(justice) == [("application_waiting", url)]
    assert unread(users["officer_b"]) == []  # another unit hears nothing

    services.application_review(actor=justice, application=application, decision="return", comment="请补充材料")
    assert unread(justice) == []  # the review was the step asked for
    assert unread(officer) == [("application_returned", url)]
    assert "请补充材料" in Notice.objects.get(recipient=officer).title

    services.application_resubmit(actor=officer, application=application)
    assert unread(officer) == []
    assert unread(justice) == [("application_waiting", url)]

    services.application_review(actor=justice, application=application, decision="approve")
    certificate, _warnings = services.certificate_record(
        actor=justice, application=application, number=practice_number("M", 2025), issued_on=date(2025, 2, 1),
        issuer="陕西省司法厅",
    )  # fmt: skip
    # The unit, the new public lawyer's account (when linked) and the bar association, which enrols them.
    assert ("application_decided", url) in unread(officer)
    # The bar association is led to the page where it enrols the new public lawyer (R3.5).
    enrol = reverse("lawyers:membership_record", args=[person.pk])
    assert ("application_decided", enrol) in unread(users["bar"])
    assert unread(justice) == []


def test_a_certificate_changing_status_tells_its_unit_the_holder_and_the_bar(users):
    person, certificate = make_lawyer(users["officer_a"], users["justice"], name="陈暂停")
    holder = users["lawyer_a"]
    holder.person = person
    holder.save()
    Notice.objects.all().delete()
    services.certificate_suspend(actor=users["justice"], certificate=certificate, on=date(2025, 3, 1), reason="调查")
    for name in ("officer_a", "lawyer_a", "bar"):
        notices = Notice.objects.filter(recipient=users[name], kind="certificate_status")
        assert notices.count() == 1, name
        assert "2025-03-01" in notices.get().title
        # Each is led to a page it may open: the bar association to the register, filtered to the number.
        url = notices.get().url
        assert url == (
            f"{reverse('lawyers:register')}?q={certificate.number}" if name == "bar" else person.get_absolute_url()
        )
    assert not Notice.objects.filter(recipient=users["officer_b"]).exists()


def test_each_roles_home_lists_what_waits_for_it(login, users):
    officer, justice = users["officer_a"], users["justice"]
    first = services.application_submit(
        actor=officer, person=make_person(officer, name="甲"), consent_on=date(2025, 1, 2)
    )
    services.application_submit(actor=officer, person=make_person(officer, name="乙"), consent_on=date(2025, 1, 2))
    services.application_review(actor=justice, application=first, decision="return", comment="补正")

    page = login("justice").get(HOME)
    rows = {row.item.key: row.count for row in page.context["inbox"]}
    assert rows["applications-justice_bureau-submitted"] == 1
    body = page.content.decode()
    assert 'data-waiting="applications-justice_bureau-submitted" data-count="1"' in body
    assert reverse("lawyers:application_list") + "?status=submitted" in body

    rows = {row.item.key: row.count for row in login("officer_a").get(HOME).context["inbox"]}
    assert rows["applications-unit_officer-returned"] == 1
    rows = {row.item.key: row.count for row in login("officer_b").get(HOME).context["inbox"]}
    assert rows["applications-unit_officer-returned"] == 0  # not the other unit's
    # The link the inbox offers opens the list filtered to exactly those.
    listed = login("justice").get(reverse("lawyers:application_list"), {"status": "submitted"})
    assert listed.status_code == 200


def test_a_committee_member_and_the_bureau_see_the_assessments_waiting_for_them(login, users, unit_a):
    """A member's inbox counts the committees still waiting for their scores; the justice bureau's, the
    evaluations submitted for its review."""
    from datetime import date as day

    from accounts.choices import Role
    from assessments import services as assessment_services
    from assessments.models import AssessmentYear, Committee
    from tests.conftest import make_user

    make_lawyer(users["officer_a"], users["justice"], name="待评律师", issued_on=day(2024, 3, 1))
    this_year = day.today().year
    year = assessment_services.year_open(
        actor=users["justice"],
        year=AssessmentYear(
            year=this_year,
            period_start=day(this_year, 1, 1),
            period_end=day(this_year, 12, 31),
            scoring_deadline=day(this_year, 12, 20),
            review_deadline=day(this_year, 12, 31),
        ),
        units=[unit_a],
    )
    second = make_user("committee_a2", Role.COMMITTEE_MEMBER, unit_a)
    assessment_services.committee_create(
        actor=users["justice"], committee=Committee(year=year, unit=unit_a), members=[users["committee_a"], second]
    )
    assessment_services.year_start_scoring(actor=users["justice"], year=year)
    rows = {row.item.key: row.count for row in login("committee_a").get(HOME).context["inbox"]}
    assert rows["committees-to-score"] == 1
    rows = {row.item.key: row.count for row in login("justice").get(HOME).context["inbox"]}
    assert rows["committees-to-review"] == 0
