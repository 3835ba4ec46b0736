"""Zip bombs and XML entity declarations are refused before any spreadsheet or document parser runs."""

import io
import os
import tracemalloc
import zipfile

import pytest
from django.urls import reverse

from chenggu_lawyers.archives import MAX_ENTRIES, MAX_TOTAL_UNCOMPRESSED, UnsafeArchive, check_zip_archive
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


def test_it_finds_an_entity_declaration_hidden_behind_a_long_comment():
    comment = os.urandom(50_000).hex().encode()  # text that does not compress, so no ratio check fires
    padded = b'<?xml version="1.0"?><!--' + comment + b'--><!DOCTYPE x [<!ENTITY a "a">]><worksheet/>'
    with pytest.raises(UnsafeArchive, match="实体"):
        check_zip_archive(zipped({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": padded}))


def lying_sizes(parts: dict[str, bytes], declared: int) -> io.BytesIO:
    """A zip whose headers declare `declared` uncompressed bytes for every part, whatever the part holds:
    the size sits at offset 22 of each local header and at offset 24 of each central-directory entry."""
    raw = zipped(parts).getvalue()
    patched = bytearray(raw)
    fake = declared.to_bytes(4, "little")
    for entry in zipfile.ZipFile(io.BytesIO(raw)).infolist():
        patched[entry.header_offset + 22 : entry.header_offset + 26] = fake
    directory = raw.find(b"PK\x01\x02")
    while directory != -1:
        patched[directory + 24 : directory + 28] = fake
        directory = raw.find(b"PK\x01\x02", directory + 4)
    return io.BytesIO(bytes(patched))


def test_it_refuses_a_part_that_hides_its_real_size_within_bounded_memory():
    # 64 MB of zeros declared as 10 bytes: the ratio check sees nothing wrong, the unpacking must stop.
    crafted = lying_sizes({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"0" * (64 << 20)}, 10)
    tracemalloc.start()
    with pytest.raises(UnsafeArchive, match="损坏|压缩炸弹"):
        check_zip_archive(crafted)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, f"the check used {peak // 1024} KiB"


def test_it_refuses_a_declared_size_over_the_limit_before_reading_anything():
    crafted = lying_sizes({"[Content_Types].xml": b"<Types/>"}, declared=MAX_TOTAL_UNCOMPRESSED + 1)
    with pytest.raises(UnsafeArchive, match="MB"):
        check_zip_archive(crafted)


def test_it_checks_a_billion_laughs_within_bounded_memory():
    entities = b"".join(b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10) for n in range(1, 10))
    prolog = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    laughs = prolog + entities + b"]><worksheet>&lol9;</worksheet>"
    tracemalloc.start()
    with pytest.raises(UnsafeArchive, match="实体"):
        check_zip_archive(zipped({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": laughs}))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


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
