"""Training a public lawyer attended outside the county's events (issue 16: lawyers could not log it
themselves): recorded by the lawyer, counted in their hours, read by their unit's office and the justice
bureau, in the audit log."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from chenggu_lawyers.models import AuditEvent
from training import services
from training.hours import hours_report
from training.models import ExternalTraining

from .conftest import make_event, make_plan

pytestmark = pytest.mark.django_db

CREATE = reverse("training:external_create")
LIST = reverse("training:external_list")
MINE = reverse("training:my_training")
HOURS = reverse("training:hours")
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 60


@pytest.fixture(autouse=True)
def attachment_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def accounts(users, people):
    """lawyer_a is 甲 (unit A), lawyer_b is 丙 (unit B)."""
    for name, person in (("lawyer_a", people["x"]), ("lawyer_b", people["z"])):
        users[name].person = person
        users[name].save()
    return users


def form(**fields):
    return {
        "title": "陕西省律师协会行政诉讼实务研修班",
        "organiser": "陕西省律师协会",
        "held_on": "2025-09-20",
        "hours": "12",
        "note": "",
        **fields,
    }


def record(user, title="网络课程：行政复议法新规", held_on=date(2025, 3, 1), hours="6", **fields):
    return services.external_training_record(
        actor=user, title=title, organiser="司法部", held_on=held_on, hours=Decimal(hours), **fields
    )


def test_a_lawyer_records_their_own_external_training_with_a_certificate(login, accounts, people):
    certificate = SimpleUploadedFile("结业证书.pdf", PDF, content_type="application/pdf")
    response = login("lawyer_a").post(CREATE, form(certificate_file=certificate))
    training = ExternalTraining.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{MINE}?year=2025"
    assert training.person == people["x"] and training.recorded_by == accounts["lawyer_a"]
    assert training.certificate_name == "结业证书.pdf" and training.certificate_size == len(PDF)
    assert AuditEvent.objects.filter(object_type="training.externaltraining", action="create").exists()
    download = login("officer_a").get(reverse("training:external_certificate", args=[training.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_the_certificate_is_optional(login, accounts):
    assert login("lawyer_a").post(CREATE, form()).status_code == 302
    training = ExternalTraining.objects.get()
    assert not training.certificate
    assert login("lawyer_a").get(reverse("training:external_certificate", args=[training.pk])).status_code == 404


def test_it_guards_the_recording_page(login, accounts):
    assert login(None).get(CREATE).status_code == 302
    for name in ("officer_a", "justice", "county", "bar", "committee_a"):
        assert login(name).get(CREATE).status_code == 403
        assert login(name).post(CREATE, form()).status_code == 403
    assert not ExternalTraining.objects.exists()


def test_it_refuses_a_future_day_a_day_without_certificate_and_a_disguised_file(login, accounts):
    client = login("lawyer_a")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert client.post(CREATE, form(held_on=tomorrow)).context["form"].errors["held_on"]
    # 甲's certificate was issued on 2023-03-01.
    assert client.post(CREATE, form(held_on="2022-06-01")).context["form"].errors["held_on"]
    disguised = SimpleUploadedFile("证书.pdf", EXE, content_type="application/pdf")
    assert client.post(CREATE, form(certificate_file=disguised)).context["form"].errors["certificate_file"]
    assert client.post(CREATE, form(hours="61")).context["form"].errors["hours"]
    assert not ExternalTraining.objects.exists()


def test_its_hours_count_in_the_lawyers_year_and_the_hours_report(login, accounts, people):
    make_plan(2025, "40")
    spring = make_event("春季实务", held_on=date(2025, 4, 1), hours="16")
    services.attendance_set(actor=accounts["justice"], event=spring, people=[people["x"]])
    record(accounts["lawyer_a"], hours="6")
    record(accounts["lawyer_a"], title="2024年的课程", held_on=date(2024, 12, 1), hours="5")
    hours = login("lawyer_a").get(MINE, {"year": "2025"}).context["hours"]
    assert (hours.attended, hours.external, hours.shortfall) == (Decimal("22"), Decimal("6"), Decimal("18"))
    _plan, report = hours_report(accounts["officer_a"], 2025)
    assert report.get(pk=people["x"].pk).attended == Decimal("22")
    page = login("officer_a").get(HOURS, {"year": 2025}).content.decode()
    assert f"{LIST}?year=2025" in page


def test_the_unit_office_and_the_justice_bureau_read_the_records(login, accounts):
    own = record(accounts["lawyer_a"])
    other = record(accounts["lawyer_b"], title="他单位的课程")

    def listed(name):
        return {row.record.title for row in login(name).get(LIST).context["table"].page.object_list}

    assert listed("officer_a") == {own.title}
    assert listed("justice") == listed("county") == {own.title, other.title}
    assert login(None).get(LIST).status_code == 302
    for name in ("lawyer_a", "bar", "committee_a", "pool"):
        assert login(name).get(LIST).status_code == 403
    detail = own.get_absolute_url()
    for name in ("lawyer_a", "officer_a", "justice", "county"):
        assert login(name).get(detail).status_code == 200
    for name in ("lawyer_b", "officer_b"):
        assert login(name).get(detail).status_code == 404
    for name in ("bar", "committee_a"):
        assert login(name).get(detail).status_code == 403
    assert login(None).get(detail).status_code == 302


def test_the_lawyers_page_lists_their_external_training_in_chinese(login, accounts):
    record(accounts["lawyer_a"], certificate=SimpleUploadedFile("证书.pdf", PDF, content_type="application/pdf"))
    client = login("lawyer_a")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(MINE, {"year": 2025}).content.decode()
    assert "外部培训" in page and "登记外部培训" in page and "网络课程：行政复议法新规" in page
    assert "其中外部培训6学时" in page


def test_the_list_query_count_stays_flat(login, accounts, django_assert_num_queries):
    record(accounts["lawyer_a"])
    client = login("justice")
    # session, user, the count, the page of records with their people and units
    with django_assert_num_queries(4):
        client.get(LIST)
    for number in range(4):
        record(accounts["lawyer_a"], title=f"课程{number}")
    with django_assert_num_queries(4):
        client.get(LIST)
