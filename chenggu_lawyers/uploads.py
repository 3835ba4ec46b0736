"""Where attachments are kept and which files are accepted: limits on size and on type, read from content.

A file's name says nothing about what it holds, so its first bytes decide its type; the name's suffix must
then agree with that type, so a program renamed `报告.pdf` or a picture renamed `合同.docx` is refused with
a message saying what the file really is.

The same checks and storage keep every other file of the portal (`KeptFile`: an expense claim's receipts, a
certificate application's proofs, a lawyer's training certificate), so one set of guards holds for all.
"""

import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chenggu_lawyers.archives import UnsafeArchive, check_zip_archive
from chenggu_lawyers.models import BaseModel

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


def kept_file_path(instance, filename: str) -> str:
    """A random stored name under the folder of the row the file belongs to (`instance.upload_folder`: a
    claim's receipts, an application's proofs, a lawyer's training certificate); the user's name is kept only
    in the row."""
    suffix = PurePath(filename).suffix.lower()
    return f"{instance.upload_folder}/{uuid.uuid4().hex}{suffix}"


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


def kept_file_values(upload) -> dict:
    """The checked file's name, size and content type, as a kept-file row stores them; raises ValidationError
    with the user's message when the file is refused (check_upload)."""
    content_type = check_upload(upload)
    return {"original_name": clean_original_name(upload.name), "size": upload.size, "content_type": content_type}


def store_checked(row, upload, *, file_field: str = "file") -> None:
    """Put an upload already checked by `kept_file_values` under the row's file field, then save the row.

    The file is on disk before the row: a row that cannot be saved must not leave an orphan file behind."""
    field_file = getattr(row, file_field)
    upload.seek(0)
    field_file.save(clean_original_name(upload.name), upload, save=False)
    try:
        row.full_clean(exclude=[file_field])
        row.save()
    except Exception:
        field_file.delete(save=False)
        raise


class KeptFile(BaseModel):
    """A checked file kept with a row (a claim's receipt, an application's proof), never served except
    through its scoped download view, never deleted: it is part of the record."""

    file = models.FileField(gettext_lazy("file"), upload_to=kept_file_path, storage=attachment_storage, max_length=200)
    original_name = models.CharField(gettext_lazy("file name"), max_length=200)
    size = models.PositiveBigIntegerField(gettext_lazy("size (bytes)"))
    content_type = models.CharField(gettext_lazy("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(size__gt=0, size__lte=MAX_ATTACHMENT_BYTES),
                name="%(app_label)s_%(class)s_size_range",
                violation_error_message=gettext_lazy("An attachment is not empty and at most 20 MB."),
            ),
        ]

    def __str__(self):
        return self.original_name

    @property
    def upload_folder(self) -> str:
        raise NotImplementedError


def download_response(field_file, *, name: str, content_type: str) -> FileResponse:
    """A kept file as a download under the name its uploader gave it; 404 when the file is missing."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


def kept_file_response(kept: KeptFile) -> FileResponse:
    return download_response(kept.file, name=kept.original_name, content_type=kept.content_type)
