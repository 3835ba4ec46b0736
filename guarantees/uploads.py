"""Where attachments are kept and which files are accepted: limits on size and on type, read from content.

A file's name says nothing about what it holds, so its first bytes decide its type; the name's suffix must
then agree with that type, so a program renamed `报告.pdf` or a picture renamed `合同.docx` is refused with
a message saying what the file really is.
"""

import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from chenggu_lawyers.archives import UnsafeArchive, check_zip_archive

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENT_DIR = "attachments"


@deconstructible
class AttachmentStorage(FileSystemStorage):
    """Files under VAR_DIR/attachments, outside MEDIA and STATIC, so only the scoped download view serves them.

    The location is read from the settings on every use rather than once at import, so a deployment (or a
    test) that moves VAR_DIR moves the attachments with it.
    """

    @property
    def base_location(self):
        return str(Path(settings.VAR_DIR) / ATTACHMENT_DIR)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        # Never served directly: the download view checks the reader's scope first.
        return None


attachment_storage = AttachmentStorage()


def attachment_path(instance, filename: str) -> str:
    """A random stored name under the matter's folder; the user's name is kept only in `original_name`."""
    suffix = PurePath(filename).suffix.lower()
    return f"matter-{instance.matter_id}/{uuid.uuid4().hex}{suffix}"


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    suffixes: tuple[str, ...]


PDF = FileKind("PDF", "application/pdf", (".pdf",))
PNG = FileKind("PNG", "image/png", (".png",))
JPEG = FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"))
DOCX = FileKind("Word (.docx)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileKind("Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
# Word 97-2003 and Excel 97-2003 share the OLE2 container; WPS saves the same format.
OLE2 = FileKind("Word / Excel 97-2003", "application/octet-stream", (".doc", ".xls"))
OLE2_CONTENT_TYPES = {".doc": "application/msword", ".xls": "application/vnd.ms-excel"}
ACCEPTED_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".doc", ".xls")

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _office_zip_kind(upload) -> FileKind | None:
    """A zip is accepted only as a Word or Excel document: its parts say which, an arbitrary zip is neither."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(upload) -> FileKind | None:
    """The accepted kind the file's content is, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(PDF_MAGIC):
        return PDF
    if head.startswith(PNG_MAGIC):
        return PNG
    if head.startswith(JPEG_MAGIC):
        return JPEG
    if head.startswith(OLE2_MAGIC):
        return OLE2
    if head.startswith(ZIP_MAGIC):
        return _office_zip_kind(upload)
    return None


def clean_original_name(name: str) -> str:
    """The file's own name without any folder a browser sent along, kept short enough for the column."""
    base = PurePath(name.replace("\\", "/")).name.strip() or "attachment"
    stem, suffix = os.path.splitext(base)
    return stem[: 200 - len(suffix)] + suffix


def check_upload(upload) -> str:
    """Refuse a file that is empty, too large or not of an accepted type; returns its content type."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_ATTACHMENT_BYTES)}
        )
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise ValidationError(
            _("Files ending in “%(suffix)s” are not accepted. Accepted: PDF, PNG, JPEG, Word and Excel documents.")
            % {"suffix": suffix or _("(no suffix)")}
        )
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            _("The file's content is not a PDF, PNG, JPEG, Word or Excel document, whatever its name says.")
        )
    if suffix not in kind.suffixes:
        raise ValidationError(
            _("The file's name ends in “%(suffix)s” but its content is %(kind)s; please check the file.")
            % {"suffix": suffix, "kind": kind.label}
        )
    if kind in (DOCX, XLSX):
        try:
            check_zip_archive(upload)
        except UnsafeArchive as error:
            raise ValidationError(str(error)) from error
    return OLE2_CONTENT_TYPES[suffix] if kind is OLE2 else kind.content_type
