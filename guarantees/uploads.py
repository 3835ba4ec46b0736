"""Kept for the migrations that name these (guarantees/migrations/0001): the upload checks and storage live
in the framework (chenggu_lawyers/uploads.py), which every app that keeps files uses."""

from chenggu_lawyers.uploads import AttachmentStorage, attachment_path  # noqa: F401
