"""Guards for zipped office files (.xlsx, .ods, .docx) before any parser opens them.

A zip bomb declares or hides an enormous uncompressed size; an XML part can declare entities that
expand exponentially ("billion laughs") or reach outside the file. Both are refused here, with a message
for the user, by reading the archive's directory and streaming each part with a hard cap — never by
handing the file to openpyxl, calamine or python-docx first.
"""

import zipfile
import zlib

from django.utils.translation import gettext as _

MAX_ENTRIES = 2_000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, declared and actual
MAX_RATIO = 500  # uncompressed / compressed, per entry: repetitive sheets reach ~100, a bomb ~1000
CHUNK = 64 * 1024
ENTITY_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


class UnsafeArchive(ValueError):
    """The file is refused; the message is for the user."""


def check_zip_archive(fileobj) -> None:
    """Refuse a zip container whose entries, sizes, ratios or XML declarations are not those of an office file."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    try:
        try:
            archive = zipfile.ZipFile(fileobj)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise UnsafeArchive(_("The file is damaged or not a zip-based office file.")) from error
        with archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise UnsafeArchive(
                    _("The file has too many parts (%(count)s) to be an office file.") % {"count": len(entries)}
                )
            declared = sum(entry.file_size for entry in entries)
            if declared > MAX_TOTAL_UNCOMPRESSED:
                raise UnsafeArchive(
                    _("The file would unpack to %(size)s MB; the limit is %(limit)s MB.")
                    % {"size": declared // (1024 * 1024), "limit": MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)}
                )
            actual = 0
            for entry in entries:
                if entry.file_size and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
                    raise UnsafeArchive(_("A part of the file is compressed suspiciously well (a zip bomb?)."))
                actual += _stream(archive, entry, MAX_TOTAL_UNCOMPRESSED - actual)
    finally:
        if hasattr(fileobj, "seek"):
            fileobj.seek(position)


def _read(part) -> bytes:
    try:
        return part.read(CHUNK)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        # zipfile stops at the declared size and then finds the checksum wrong: a part that lies about
        # its size, or a damaged file.
        raise UnsafeArchive(_("The file is damaged or not a zip-based office file.")) from error


def _stream(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: int) -> int:
    """Read one part with a cap, checking every XML part whole for entity declarations (a comment can push
    a DOCTYPE far from the start); return its real size. Memory stays at one chunk."""
    size = 0
    tail = b""
    xml = entry.filename.lower().endswith((".xml", ".rels", ".vml"))
    overlap = max(len(marker) for marker in ENTITY_MARKERS) - 1
    with archive.open(entry) as part:
        while chunk := _read(part):
            size += len(chunk)
            if size > budget:
                raise UnsafeArchive(_("The file unpacks to more than its parts declare (a zip bomb?)."))
            if xml:
                window = (tail + chunk).upper()
                if any(marker in window for marker in ENTITY_MARKERS):
                    raise UnsafeArchive(_("The file contains XML entity declarations, which office files do not need."))
                tail = window[-overlap:]
    return size
