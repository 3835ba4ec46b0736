"""Attachment limits: size, and type read from the content, with the name agreeing with it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from chenggu_lawyers import uploads
from chenggu_lawyers.uploads import check_upload, clean_original_name

from .files import DOCX, EXE, JPEG, OLE2, PDF, PNG, XLSX, plain_zip, upload


@pytest.mark.parametrize(
    "name,content,content_type",
    [
        ("起诉状.pdf", PDF, "application/pdf"),
        ("现场照片.PNG", PNG, "image/png"),
        ("证据.jpg", JPEG, "image/jpeg"),
        ("证据.jpeg", JPEG, "image/jpeg"),
        ("答辩状.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("清单.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("旧合同.doc", OLE2, "application/msword"),
        ("旧台账.xls", OLE2, "application/vnd.ms-excel"),
    ],
)
def test_it_accepts_the_allowed_kinds_and_names_their_content_type(name, content, content_type):
    assert check_upload(upload(name, content, "text/plain")) == content_type


def message(name, content) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content, "application/pdf"))
    return " ".join(refused.value.messages).replace("\xa0", " ")


def test_it_refuses_a_program_disguised_by_its_name():
    assert "content is not a PDF" in message("报告.pdf", EXE)


def test_it_refuses_a_picture_named_as_a_document():
    assert "ends in “.pdf” but its content is PNG" in message("合同.pdf", PNG)
    assert "ends in “.docx” but its content is Word / Excel 97-2003" in message("合同.docx", OLE2)
    assert "ends in “.xlsx” but its content is Word (.docx)" in message("表.xlsx", DOCX)


def test_it_refuses_a_zip_that_is_not_an_office_document():
    assert "content is not a PDF" in message("材料.docx", plain_zip())


def test_it_refuses_names_outside_the_accepted_kinds():
    assert "“.exe” are not accepted" in message("setup.exe", EXE)
    assert "“.html” are not accepted" in message("page.html", b"<html></html>")
    assert "(no suffix)" in message("README", PDF)


def test_it_refuses_an_empty_file():
    assert "empty" in message("空.pdf", b"")


def test_it_refuses_a_file_over_the_limit(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ATTACHMENT_BYTES", 1024)
    assert "the limit is 1.0 KB" in message("大.pdf", PDF + b"0" * 1024)
    assert check_upload(upload("小.pdf", PDF)) == "application/pdf"


def test_it_keeps_only_the_files_own_name():
    assert clean_original_name("C:\\Users\\张\\Desktop\\起诉状.pdf") == "起诉状.pdf"
    assert clean_original_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert len(clean_original_name("长" * 300 + ".pdf")) == 200
