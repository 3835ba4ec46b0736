"""Full-time legal work as dated periods: the services that add, end and correct them, the unit officer's
pages for it, and the person page that shows them beside the qualification date."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lawyers import services
from lawyers.models import LegalWorkPeriod, Person
from tests.lawyers.factories import make_person

pytestmark = pytest.mark.django_db

SINCE = date(2019, 3, 1)


@pytest.fixture
def officer(users):
    return users["officer_a"]


@pytest.fixture
def person(officer):
    """Qualified in 2017 (dated 31 December), in full-time legal work since 1 March 2019."""
    return make_person(officer, name="王五", legal_work_since=SINCE)


def periods(person) -> list[tuple]:
    return list(
        # In the model's order: "before the records" first, on PostgreSQL as on SQLite.
        LegalWorkPeriod.objects.filter(person=person).values_list("started_on", "ended_on")
    )


def open_period(person) -> LegalWorkPeriod:
    return LegalWorkPeriod.objects.get(person=person, ended_on__isnull=True)


def page(person):
    return reverse("lawyers:person_detail", args=[person.pk])


def add_url(person):
    return reverse("lawyers:legal_work_add", args=[person.pk])


def end_url(person):
    return reverse("lawyers:legal_work_end", args=[person.pk])


def correct_url(person, period):
    return reverse("lawyers:legal_work_correct", args=[person.pk]) + f"?period={period.pk}"


def refused(call, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.messages


# --- services ----------------------------------------------------------------------------------------------


def test_it_adds_a_past_period_beside_the_current_one(officer, person):
    services.legal_work_add(actor=officer, person=person, started_on=date(2010, 5, 1), ended_on=date(2015, 7, 1))
    assert periods(person) == [(date(2010, 5, 1), date(2015, 7, 1)), (SINCE, None)]


def test_it_adds_a_current_period_after_the_last_one_ended(officer):
    person = make_person(officer, full_time_legal=False)
    services.legal_work_add(actor=officer, person=person, started_on=None, ended_on=date(2020, 1, 1))
    services.legal_work_add(actor=officer, person=person, started_on=date(2022, 9, 1), ended_on=None)
    assert periods(person) == [(None, date(2020, 1, 1)), (date(2022, 9, 1), None)]
    assert Person.objects.in_legal_work(date(2019, 12, 31)).filter(pk=person.pk).exists()
    assert not Person.objects.in_legal_work(date(2021, 6, 1)).filter(pk=person.pk).exists()
    assert Person.objects.in_legal_work().filter(pk=person.pk).exists()


def test_it_refuses_an_overlapping_period_and_changes_nothing(officer, person):
    messages = refused(
        services.legal_work_add, actor=officer, person=person, started_on=date(2018, 1, 1), ended_on=date(2019, 6, 1)
    )
    assert any("重叠" in message and "2019-03-01" in message for message in messages), messages
    # A second open period overlaps the open one whatever its start.
    refused(services.legal_work_add, actor=officer, person=person, started_on=date(2024, 1, 1), ended_on=None)
    assert periods(person) == [(SINCE, None)]


def test_it_refuses_dates_in_the_future_and_changes_nothing(officer, person):
    tomorrow = timezone.localdate() + timedelta(days=1)
    messages = refused(services.legal_work_add, actor=officer, person=person, started_on=tomorrow, ended_on=None)
    assert any("晚于今天" in message for message in messages), messages
    refused(services.legal_work_update, actor=officer, period=open_period(person), started_on=SINCE, ended_on=tomorrow)
    assert periods(person) == [(SINCE, None)]


def test_it_ends_the_open_period_on_a_chosen_day(officer, person):
    services.legal_work_update(actor=officer, period=open_period(person), started_on=SINCE, ended_on=date(2024, 6, 30))
    assert periods(person) == [(SINCE, date(2024, 6, 30))]
    assert Person.objects.in_legal_work(date(2024, 6, 29)).filter(pk=person.pk).exists()
    assert not Person.objects.in_legal_work(date(2024, 6, 30)).filter(pk=person.pk).exists()


def test_it_refuses_an_end_on_or_before_the_start(officer, person):
    period = open_period(person)
    for day in (SINCE, SINCE - timedelta(days=1)):
        messages = refused(services.legal_work_update, actor=officer, period=period, started_on=SINCE, ended_on=day)
        assert "法律工作期间的截止日期须晚于起始日期。" in messages
    assert periods(person) == [(SINCE, None)]


def test_it_corrects_a_periods_dates(officer, person):
    past = services.legal_work_add(actor=officer, person=person, started_on=date(2010, 5, 1), ended_on=date(2015, 7, 1))
    services.legal_work_update(actor=officer, period=past, started_on=None, ended_on=date(2016, 1, 1))
    assert periods(person) == [(None, date(2016, 1, 1)), (SINCE, None)]


def test_it_refuses_a_correction_that_overlaps_and_keeps_the_recorded_dates(officer, person):
    past = services.legal_work_add(actor=officer, person=person, started_on=date(2010, 5, 1), ended_on=date(2015, 7, 1))
    refused(services.legal_work_update, actor=officer, period=past, started_on=date(2010, 5, 1), ended_on=None)
    refused(
        services.legal_work_update, actor=officer, period=past, started_on=date(2010, 5, 1), ended_on=date(2020, 1, 1)
    )
    assert periods(person) == [(date(2010, 5, 1), date(2015, 7, 1)), (SINCE, None)]


@pytest.mark.parametrize("name", ["officer_b", "justice", "county"])
def test_it_keeps_legal_work_to_the_persons_own_unit_officer(users, person, name):
    actor = users[name]
    with pytest.raises(PermissionDenied):
        services.legal_work_add(actor=actor, person=person, started_on=None, ended_on=date(2015, 1, 1))
    with pytest.raises(PermissionDenied):
        services.legal_work_update(actor=actor, period=open_period(person), started_on=SINCE, ended_on=date(2024, 1, 1))
    assert periods(person) == [(SINCE, None)]


def test_the_person_forms_no_ends_the_open_period_today(officer, person):
    services.person_set_legal_work(actor=officer, person=person, working=False)
    assert periods(person) == [(SINCE, timezone.localdate())]
    assert not Person.objects.in_legal_work().filter(pk=person.pk).exists()


# --- pages -------------------------------------------------------------------------------------------------


def test_it_sends_anonymous_users_to_login(login, person):
    for url in (add_url(person), end_url(person), correct_url(person, open_period(person))):
        response = login(None).get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
        assert login(None).post(url, {"ended_on": "2024-01-01"}).status_code == 302
    assert periods(person) == [(SINCE, None)]


@pytest.mark.parametrize("name", ["county", "justice", "lawyer_a", "committee_a", "bar", "pool"])
def test_it_forbids_roles_that_do_not_keep_the_survey(login, users, person, name):
    if name == "lawyer_a":
        users["lawyer_a"].person = person  # even the person's own account
        users["lawyer_a"].save()
    for url in (add_url(person), end_url(person), correct_url(person, open_period(person))):
        assert login(name).get(url).status_code == 403
        assert login(name).post(url, {"started_on": "2010-01-01", "ended_on": "2012-01-01"}).status_code == 403
    assert periods(person) == [(SINCE, None)]


def test_it_answers_not_found_to_another_units_officer(login, person):
    client = login("officer_b")
    for url in (add_url(person), end_url(person), correct_url(person, open_period(person))):
        assert client.get(url).status_code == 404
        assert client.post(url, {"started_on": "2010-01-01", "ended_on": "2012-01-01"}).status_code == 404
    assert periods(person) == [(SINCE, None)]


def test_it_does_not_correct_another_persons_period_through_this_one(login, officer, person):
    other = make_person(officer, name="赵六")
    assert login("officer_a").get(correct_url(person, open_period(other))).status_code == 404
    assert login("officer_a").get(reverse("lawyers:legal_work_correct", args=[person.pk])).status_code == 404
    assert login("officer_a").get(correct_url(person, open_period(person)) + "x").status_code == 404


def test_the_officer_adds_a_past_period_and_the_person_page_shows_it(login, person):
    client = login("officer_a")
    form = client.get(add_url(person))
    assert form.status_code == 200 and "添加专职从事法律工作期间" in form.content.decode()
    response = client.post(add_url(person), {"started_on": "2010-05-01", "ended_on": "2015-07-01"}, follow=True)
    assert response.redirect_chain == [(page(person), 302)]
    assert periods(person) == [(date(2010, 5, 1), date(2015, 7, 1)), (SINCE, None)]
    text = response.content.decode()
    assert "已记录王五的专职从事法律工作期间。" in text
    assert "2010-05-01 – 2015-07-01" in text and "2019-03-01 – 至今" in text


def test_it_reshows_what_was_typed_with_the_reason_in_chinese(login, person):
    response = login("officer_a").post(add_url(person), {"started_on": "2018-01-01", "ended_on": "2019-06-01"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="2018-01-01"' in text and 'value="2019-06-01"' in text
    assert "重叠" in text
    assert periods(person) == [(SINCE, None)]


def test_the_officer_ends_the_open_period_on_a_chosen_day(login, person):
    client = login("officer_a")
    form = client.get(end_url(person))
    assert form.status_code == 200
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in form.content.decode()  # today, unless another is typed
    response = client.post(end_url(person), {"ended_on": "2024-06-30"})
    assert response.status_code == 302
    assert periods(person) == [(SINCE, date(2024, 6, 30))]
    assert "2019-03-01 – 2024-06-30" in client.get(page(person)).content.decode()
    # Nothing open any more: nothing to end.
    assert client.get(end_url(person)).status_code == 404


def test_an_end_in_the_future_is_refused_on_the_page(login, person):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login("officer_a").post(end_url(person), {"ended_on": tomorrow.isoformat()})
    assert response.status_code == 200
    assert f'value="{tomorrow:%Y-%m-%d}"' in response.content.decode() and "晚于今天" in response.content.decode()
    assert periods(person) == [(SINCE, None)]


def test_the_officer_corrects_a_periods_start(login, person):
    client = login("officer_a")
    url = correct_url(person, open_period(person))
    assert 'value="2019-03-01"' in client.get(url).content.decode()
    response = client.post(url, {"started_on": "2019-04-01", "ended_on": ""})
    assert response.status_code == 302
    assert periods(person) == [(date(2019, 4, 1), None)]


# --- the person page ---------------------------------------------------------------------------------------


def test_the_person_page_shows_the_qualification_date_and_the_periods(login, officer, person):
    services.legal_work_add(actor=officer, person=person, started_on=None, ended_on=date(2012, 1, 1))
    text = login("county").get(page(person)).content.decode()
    assert "取得资格日期" in text and "2017-12-31" in text
    assert "专职从事法律工作" in text
    assert "平台登记前 – 2012-01-01" in text and "2019-03-01 – 至今" in text


def test_the_person_page_offers_the_legal_work_buttons_to_the_unit_officer_only(login, person):
    officer_page = login("officer_a").get(page(person)).content.decode()
    assert add_url(person) in officer_page and end_url(person) in officer_page
    assert reverse("lawyers:legal_work_correct", args=[person.pk]) in officer_page
    for name in ("county", "justice"):
        text = login(name).get(page(person)).content.decode()
        assert "/legal-work/" not in text


def test_the_person_page_says_no_when_the_period_has_ended(login, officer, person):
    services.person_set_legal_work(actor=officer, person=person, working=False)
    response = login("officer_a").get(page(person))
    assert response.context["in_legal_work"] is False
    assert end_url(person) not in response.content.decode()  # nothing open to end


# --- the person form ---------------------------------------------------------------------------------------


def test_a_refused_legal_work_answer_leaves_no_saved_message_and_no_change(login, officer):
    """The form's yes "since 2019-06-01" overlaps the period recorded until 2020-01-01, so nothing is saved,
    not even the new name, and the page does not say "saved"."""
    person = make_person(officer, name="旧名", full_time_legal=False)
    services.legal_work_add(actor=officer, person=person, started_on=None, ended_on=date(2020, 1, 1))
    response = login("officer_a").post(
        reverse("lawyers:person_update", args=[person.pk]),
        {
            "name": "新名",
            "legal_work_years": "5",
            "judicial_years": "0",
            "legal_qualification_class": "A",
            "legal_qualification_number": "A20176107220001",
            "legal_qualification_year": "2017",
            "full_time_legal": "on",
            "legal_work_since": "2019-06-01",
        },
    )
    assert response.status_code == 200
    assert "重叠" in response.content.decode()
    assert list(get_messages(response.wsgi_request)) == []
    assert "已保存" not in response.content.decode()
    person.refresh_from_db()
    assert person.name == "旧名"
    assert periods(person) == [(None, date(2020, 1, 1))]


def test_the_person_form_saves_with_the_message_once_both_are_saved(login, officer, person):
    client = login("officer_a")
    response = client.post(
        reverse("lawyers:person_update", args=[person.pk]),
        {
            "name": "王五",
            "legal_work_years": "5",
            "judicial_years": "0",
            "legal_qualification_class": "A",
            "legal_qualification_number": "A20176107220001",
            "legal_qualification_year": "2017",
            "legal_work_since": "2019-03-01",
        },
    )
    assert response.status_code == 302
    assert periods(person) == [(SINCE, timezone.localdate())]
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["王五 已保存。"]


def test_a_yes_without_since_after_earlier_periods_starts_today(officer):
    """'Works full-time now' with no date, for someone whose earlier periods are recorded: from today, not
    'since before the records' (which would overlap them)."""
    person = make_person(officer, name="再入职", full_time_legal=False)
    services.legal_work_add(actor=officer, person=person, started_on=None, ended_on=date(2020, 1, 1))
    services.person_set_legal_work(actor=officer, person=person, working=True, since=None)
    assert list(person.legal_work_periods.values_list("started_on", "ended_on")) == [
        (None, date(2020, 1, 1)),
        (timezone.localdate(), None),
    ]


def test_the_qualification_date_follows_a_corrected_year(officer):
    """A date worked out from a year (31 December) or from the day of recording follows the year when the
    year is corrected or added later; a date typed within the year stays."""
    person = make_person(officer, name="改年份", legal_qualification_year=2020)
    assert person.qualified_on == date(2020, 12, 31)
    person.legal_qualification_year = 2016
    person.full_clean()
    assert person.qualified_on == date(2016, 12, 31)
    person.qualified_on = date(2016, 7, 1)
    person.full_clean()
    assert person.qualified_on == date(2016, 7, 1)
