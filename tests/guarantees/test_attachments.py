"""Attachments on matters and opinions: upload limits, who uploads, scoped downloads, and the matter's panel."""

from datetime import datetime
from urllib.parse import unquote

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from chenggu_lawyers import uploads
from guarantees import services
from guarantees.models import Attachment
from matters.models import Opinion

from .files import DOCX, EXE, OLE2, PDF, PNG, upload

pytestmark = pytest.mark.django_db


def panel_url(matter):
    return reverse("guarantees:matter_panel", args=[matter.pk])


def download_url(attachment):
    return reverse("guarantees:attachment_download", args=[attachment.pk])


def post_file(client, matter, name, content, **extra):
    return client.post(panel_url(matter), {"file": upload(name, content), **extra})


def stored_files(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_it_keeps_an_uploaded_file_under_the_attachment_folder(login, users, matters, attachment_folder):
    response = post_file(login("officer_a"), matters["case_a"], "起诉状.pdf", PDF)
    assert response.status_code == 302 and response["Location"] == panel_url(matters["case_a"])
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.size, attachment.content_type) == (
        "起诉状.pdf",
        len(PDF),
        "application/pdf",
    )
    assert attachment.uploaded_by == users["officer_a"] and attachment.opinion is None
    (path,) = stored_files(attachment_folder)
    # Stored under a random name: the user's name is only shown, never used as a path.
    assert path.read_bytes() == PDF and path.name != "起诉状.pdf" and path.suffix == ".pdf"


def test_it_lets_a_lawyer_assigned_to_the_matter_upload(login, matters):
    assert post_file(login("lawyer_a"), matters["case_a"], "证据.png", PNG).status_code == 302
    assert Attachment.objects.get().content_type == "image/png"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("报告.pdf", EXE, "content is not a PDF"),
        ("合同.docx", OLE2, "ends in “.docx” but its content is"),
        ("setup.exe", EXE, "are not accepted"),
    ],
)
def test_it_refuses_a_file_with_a_message_and_keeps_nothing(login, matters, attachment_folder, name, content, message):
    response = post_file(login("officer_a"), matters["case_a"], name, content)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Attachment.objects.exists() and stored_files(attachment_folder) == []


def test_it_returns_to_the_page_the_panel_was_on_and_nowhere_else(login, matters):
    client = login("officer_a")
    back = post_file(client, matters["case_a"], "a.pdf", PDF, next="/matters/1/?tab=files")
    assert back["Location"] == "/matters/1/?tab=files"
    elsewhere = post_file(client, matters["case_a"], "b.pdf", PDF, next="https://evil.example/")
    assert elsewhere["Location"] == panel_url(matters["case_a"])


def test_it_refuses_a_file_over_the_limit(login, matters, attachment_folder, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ATTACHMENT_BYTES", 1024)
    response = post_file(login("officer_a"), matters["case_a"], "大.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400 and "KB" in response.content.decode()
    assert not Attachment.objects.exists() and stored_files(attachment_folder) == []


def test_it_lets_only_those_working_on_the_matter_upload(login, users, people, matters):
    # 乙 declined the contract matter: she still sees it, but does not add to it.
    users["lawyer_a"].person = people["yi"]
    users["lawyer_a"].save()
    assert post_file(login("lawyer_a"), matters["contract_a"], "a.pdf", PDF).status_code == 403
    assert post_file(login("county"), matters["case_a"], "a.pdf", PDF).status_code == 403
    assert post_file(login("officer_b"), matters["case_a"], "a.pdf", PDF).status_code == 404
    assert post_file(login("lawyer_b"), matters["case_a"], "a.pdf", PDF).status_code == 404
    assert post_file(login("committee_a"), matters["case_a"], "a.pdf", PDF).status_code == 403
    assert post_file(login(None), matters["case_a"], "a.pdf", PDF).status_code == 302
    assert not Attachment.objects.exists()


@pytest.fixture
def attachment(users, matters):
    return services.attachment_add(
        actor=users["officer_a"], matter=matters["case_a"], upload=upload("答辩状.docx", DOCX)
    )


def test_it_sends_the_file_as_a_download_under_its_own_name(login, attachment):
    response = login("lawyer_a").get(download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DOCX
    assert response["Content-Type"] == attachment.content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "答辩状.docx" in unquote(disposition)


def test_it_serves_a_file_only_to_those_who_see_the_matter(login, users, people, attachment):
    for name in ("officer_a", "county", "justice"):
        assert login(name).get(download_url(attachment)).status_code == 200
    for name in ("officer_b", "lawyer_b"):
        assert login(name).get(download_url(attachment)).status_code == 404
    assert login(None).get(download_url(attachment)).status_code == 302
    for name in ("bar", "pool", "auditor", "committee_a"):
        assert login(name).get(download_url(attachment)).status_code == 403


def test_it_hides_a_file_from_a_lawyer_of_the_unit_not_on_the_matter(login, users, people, matters, attachment):
    contract_file = services.attachment_add(
        actor=users["officer_a"], matter=matters["contract_a"], upload=upload("合同.pdf", PDF)
    )
    # 甲 is on the case, not on the contract matter.
    assert login("lawyer_a").get(download_url(contract_file)).status_code == 404


@pytest.fixture
def opinion(users, matters):
    assignment = matters["case_a"].assignments.get(person__name="甲律师")
    return Opinion.objects.create(
        matter=matters["case_a"], assignment=assignment, author=users["lawyer_a"], signed_name="甲律师"
    )


def test_it_lets_an_opinions_author_alone_attach_to_it(users, matters, opinion):
    attached = services.attachment_add(
        actor=users["lawyer_a"], matter=matters["case_a"], upload=upload("意见附件.pdf", PDF), opinion=opinion
    )
    assert attached.opinion == opinion
    # R2.3: nobody else adds to the lawyer's opinion, the unit office included.
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            actor=users["officer_a"], matter=matters["case_a"], upload=upload("b.pdf", PDF), opinion=opinion
        )
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            actor=users["lawyer_a"], matter=matters["case_b"], upload=upload("c.pdf", PDF), opinion=opinion
        )
    assert Attachment.objects.count() == 1


def test_it_offers_the_authors_opinion_on_the_upload_form(login, users, matters, opinion):
    client = login("lawyer_a")
    assert client.get(panel_url(matters["case_a"])).context["panel"]["own_opinions"] == [opinion]
    response = post_file(client, matters["case_a"], "意见.pdf", PDF, opinion=opinion.pk)
    assert response.status_code == 302 and Attachment.objects.get().opinion == opinion


def test_it_refuses_attaching_to_an_opinion_of_a_closed_matter(users, matters, opinion):
    matter = matters["case_a"]
    matter.status, matter.closed_at, matter.adoption = "closed", timezone.make_aware(datetime(2025, 12, 1)), "fully"
    matter.save()
    opinion.matter.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.attachment_add(actor=users["lawyer_a"], matter=matter, upload=upload("a.pdf", PDF), opinion=opinion)


# ---------------------------------------------------------------------------------------------------------
# The matter's panel


def test_it_shows_the_panel_in_the_users_scope(login, users, matters, attachment):
    services.expense_claim(
        actor=users["lawyer_a"],
        matter=matters["case_a"],
        incurred_on=datetime(2025, 10, 9).date(),
        kind="travel",
        amount=12,
        description="公交",
    )
    officer = login("officer_a").get(panel_url(matters["case_a"])).context["panel"]
    assert officer["attachments"] == [attachment] and len(officer["claims"]) == 1
    assert officer["may_upload"] and not officer["may_claim"] and officer["letter_url"]
    lawyer = login("lawyer_a").get(panel_url(matters["case_a"])).context["panel"]
    # 甲 accepted the case: the letter names him, so he may download it (issue 16: it answered 403).
    assert lawyer["may_upload"] and lawyer["may_claim"] and lawyer["letter_url"]
    county = login("county").get(panel_url(matters["case_a"])).context["panel"]
    assert not county["may_upload"] and county["totals"]["submitted"] == 12
    assert login("officer_b").get(panel_url(matters["case_a"])).status_code == 404
    assert login("officer_a").get(panel_url(matters["contract_a"])).context["panel"]["letter_url"] == ""


def test_it_pins_the_panel_query_count(login, users, matters, attachment, django_assert_num_queries):
    client = login("officer_a")
    # session, user, the matter with its unit, the attachments with uploaders and opinions, the claims with
    # their claimants
    with django_assert_num_queries(5):
        client.get(panel_url(matters["case_a"]))
    for number in range(5):
        services.attachment_add(actor=users["officer_a"], matter=matters["case_a"], upload=upload(f"{number}.pdf", PDF))
    with django_assert_num_queries(5):
        response = client.get(panel_url(matters["case_a"]))
    assert len(response.context["panel"]["attachments"]) == 6


@pytest.mark.parametrize("value", ["opinion", "abc"])
def test_it_refuses_an_opinion_that_is_not_the_uploaders(login, matters, opinion, value):
    response = post_file(
        login("officer_a"), matters["case_a"], "a.pdf", PDF, opinion=opinion.pk if value == "opinion" else value
    )
    assert response.status_code == 400 and not Attachment.objects.exists()
