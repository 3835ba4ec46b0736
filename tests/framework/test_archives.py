"""Zip bombs and XML entity declarations are refused before any spreadsheet or document parser runs."""

import io
import zipfile

import pytest
from django.urls import reverse

from chenggu_lawyers.archives import MAX_ENTRIES, UnsafeArchive, check_zip_archive
from tests.spreadsheets import upload, xlsx
from units.models import Unit


def zipped(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_it_accepts_an_ordinary_workbook():
    check_zip_archive(io.BytesIO(xlsx([["名称"], ["博望街道"]])))


def test_it_refuses_a_highly_compressed_part_without_unpacking_it_whole():
    # 100 MB of zeros compress to about 100 KB: a ratio of about 1000.
    bomb = zipped({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"0" * (100 * 1024 * 1024)})
    with pytest.raises(UnsafeArchive, match="压缩炸弹"):
        check_zip_archive(bomb)


def test_it_refuses_too_many_parts():
    with pytest.raises(UnsafeArchive):
        check_zip_archive(zipped({f"part{n}.txt": b"x" for n in range(MAX_ENTRIES + 1)}, zipfile.ZIP_STORED))


def test_it_refuses_xml_entity_declarations():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<worksheet>&lol2;</worksheet>"
    )
    with pytest.raises(UnsafeArchive, match="实体"):
        check_zip_archive(zipped({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": laughs}))


def test_it_refuses_a_damaged_file():
    with pytest.raises(UnsafeArchive):
        check_zip_archive(io.BytesIO(b"PK\x03\x04 not really a zip"))


@pytest.mark.django_db
def test_the_unit_import_refuses_a_zip_bomb_with_a_message_and_writes_nothing(login):
    bomb = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"0" * (50 * 1024 * 1024)}).getvalue()
    before = Unit.objects.count()
    response = login("county").post(reverse("units:unit_import"), {"file": upload(bomb, "units.xlsx")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Unit.objects.count() == before
