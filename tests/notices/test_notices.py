"""The portal-wide notices: written per recipient, emailed after commit, counted in the menu, read."""

import pytest
from django.urls import reverse

from notices.models import Notice
from notices.services import notify

pytestmark = pytest.mark.django_db


def test_it_writes_a_notice_per_recipient_and_emails_after_commit(
    users, mailoutbox, django_capture_on_commit_callbacks
):
    users["justice"].email = "sfj@example.gov.cn"
    users["justice"].save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[users["justice"], users["bar"], users["justice"]],
            kind="test",
            title="处分通报",
            body="某单位通报",
            url="/lawyers/register/",
        )
    assert Notice.objects.filter(recipient=users["justice"]).count() == 1
    assert Notice.objects.filter(recipient=users["bar"]).count() == 1
    assert [mail.to for mail in mailoutbox] == [["sfj@example.gov.cn"]]
    assert mailoutbox[0].subject == "处分通报"
    assert Notice.objects.get(recipient=users["justice"]).emailed_at is not None


def test_it_sends_no_email_when_the_step_rolls_back(users, mailoutbox, django_capture_on_commit_callbacks):
    users["justice"].email = "sfj@example.gov.cn"
    users["justice"].save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[users["justice"]], kind="test", title="x")
    assert len(callbacks) == 1 and mailoutbox == []


def test_it_counts_unread_notices_in_the_menu_without_an_extra_query(login, users, django_assert_num_queries):
    notify(recipients=[users["county"]], kind="test", title="一", email=False)
    notify(recipients=[users["county"]], kind="test", title="二", email=False)
    client = login("county")
    # session, user with unit and unread count
    with django_assert_num_queries(2):
        response = client.get(reverse("accounts:home"))
    assert 'data-unread="2"' in response.content.decode()


def test_it_marks_a_notice_read_when_opened_and_follows_its_link(login, users):
    notice = notify(recipients=[users["county"]], kind="test", title="一", url="/units/", email=False)[0]
    response = login("county").get(reverse("notices:notice_open", args=[notice.pk]))
    assert response.url == "/units/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_it_keeps_each_notice_to_its_recipient(login, users):
    notice = notify(recipients=[users["officer_a"]], kind="test", title="一", email=False)[0]
    assert login("officer_b").get(reverse("notices:notice_open", args=[notice.pk])).status_code == 404
    assert login("county").get(reverse("notices:notice_open", args=[notice.pk])).status_code == 404
    listing = login("officer_b").get(reverse("notices:notice_list"))
    assert list(listing.context["table"].page.object_list) == []
    assert login(None).get(reverse("notices:notice_list")).status_code == 302


def test_it_refuses_to_follow_a_link_off_the_portal(login, users):
    notice = notify(recipients=[users["county"]], kind="test", title="一", url="https://evil.example/", email=False)[0]
    assert login("county").get(reverse("notices:notice_open", args=[notice.pk])).url == reverse("notices:notice_list")


def test_it_marks_all_read(login, users):
    notify(recipients=[users["county"]], kind="test", title="一", email=False)
    notify(recipients=[users["county"]], kind="test", title="二", email=False)
    login("county").post(reverse("notices:notice_read_all"))
    assert not Notice.objects.filter(read_at__isnull=True).exists()
