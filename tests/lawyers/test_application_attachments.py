"""Files put with a certificate application (issue 16: a return asked for proof the unit could not attach):
the unit adds them while the application is open, the justice bureau reads them."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chenggu_lawyers.models import AuditEvent
from lawyers import services
from lawyers.models import ApplicationAttachment
from tests.lawyers.factories import make_person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 60


@pytest.fixture(autouse=True)
def attachment_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def application(users):
    person = make_person(users["officer_a"], name="乙待申请")
    return services.application_submit(actor=users["officer_a"], person=person, consent_on=date(2023, 1, 10))


def add_url(application):
    return reverse("lawyers:application_attachment_add", args=[application.pk])


def upload(name="学历证明.pdf", content=PDF):
    return {"file": SimpleUploadedFile(name, content, content_type="application/pdf")}


def test_the_unit_attaches_a_file_and_the_justice_bureau_reads_it(login, application):
    response = login("officer_a").post(add_url(application), upload())
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    attachment = ApplicationAttachment.objects.get()
    assert attachment.original_name == "学历证明.pdf" and attachment.uploaded_by.username == "officer_a"
    assert AuditEvent.objects.filter(object_type="lawyers.applicationattachment", action="create").exists()
    page = login("justice").get(application.get_absolute_url()).content.decode()
    assert "学历证明.pdf" in page and attachment.get_absolute_url() in page
    download = login("justice").get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert login("officer_a").get(attachment.get_absolute_url()).status_code == 200
    assert login("county").get(attachment.get_absolute_url()).status_code == 200


def test_it_offers_the_upload_to_the_unit_only(login, application):
    assert 'data-form="attachment"' in login("officer_a").get(application.get_absolute_url()).content.decode()
    assert 'data-form="attachment"' not in login("justice").get(application.get_absolute_url()).content.decode()


def test_it_keeps_other_units_and_roles_out(login, application):
    assert login(None).post(add_url(application), upload()).status_code == 302
    assert login("officer_b").post(add_url(application), upload()).status_code == 404
    for name in ("justice", "county", "lawyer_a", "committee_a"):
        assert login(name).post(add_url(application), upload()).status_code == 403
    assert not ApplicationAttachment.objects.exists()


def test_it_hides_the_files_from_other_units_and_roles(login, users, application):
    attachment = services_attach(users, application)
    url = attachment.get_absolute_url()
    assert login(None).get(url).status_code == 302
    assert login("officer_b").get(url).status_code == 404
    for name in ("lawyer_a", "committee_a", "bar", "auditor"):
        assert login(name).get(url).status_code == 403


def services_attach(users, application):
    from lawyers.attachments import application_attachment_add

    return application_attachment_add(
        actor=users["officer_a"],
        application=application,
        upload=SimpleUploadedFile("同意书.pdf", PDF, content_type="application/pdf"),
    )


def test_it_takes_files_while_the_application_is_returned_and_not_once_decided(login, users, application):
    services.application_review(
        actor=users["justice"], application=application, decision="return", comment="请补充学历证明"
    )
    assert login("officer_a").post(add_url(application), upload()).status_code == 302
    services.application_resubmit(actor=users["officer_a"], application=application, comment="已补充")
    services.application_review(actor=users["justice"], application=application, decision="approve")
    response = login("officer_a").post(add_url(application), upload("晚到.pdf"))
    assert response.status_code == 403
    assert list(ApplicationAttachment.objects.values_list("original_name", flat=True)) == ["学历证明.pdf"]


def test_it_refuses_a_disguised_file_with_the_reason(login, application):
    response = login("officer_a").post(add_url(application), upload("证明.pdf", EXE))
    assert response.status_code == 400
    assert response.context["attachment_form"].errors["file"]
    assert not ApplicationAttachment.objects.exists()


def test_it_pins_the_application_page_query_count(login, users, application, django_assert_num_queries):
    services_attach(users, application)
    client = login("justice")
    # session, user, the application with its person, unit and person_visible, its steps, their actors, its
    # files with their uploaders
    with django_assert_num_queries(6):
        client.get(application.get_absolute_url())
    services_attach(users, application)
    with django_assert_num_queries(6):
        client.get(application.get_absolute_url())
