"""Personal information encrypted at rest (issue 8, item 4): ID numbers and phone numbers.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from the `cryptography` package) under the
keys of `settings.PERSONAL_DATA_KEYS`: the first key encrypts, every key decrypts (`MultiFernet`), so a key
is rotated by putting a new one first and running `manage.py rotate_personal_data_keys`, which re-encrypts
every value under the new key; the old key can then be dropped (SECURITY.md, "Key rotation").

Encryption is randomised, so the database cannot compare encrypted values. A value that must be found or
kept unique (the ID number) also stores a keyed digest (`blind_index`, HMAC-SHA256 under
`settings.PERSONAL_DATA_INDEX_KEY`), and lookups and the unique constraint use the digest.

We keep this small field rather than django-fernet-encrypted-fields: that package stores blank values as
NULL, derives its keys from SECRET_KEY (so rotating the session-signing key would touch personal data),
and marks a field instance as "already decrypted" while a form cleans, state shared by every thread.
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# Every Fernet token starts with the version byte 0x80, which base64 writes as "gAAAAA".
TOKEN_PREFIX = "gAAAAA"


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "PERSONAL_DATA_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes), separated by commas."
        ) from error


def fernet() -> MultiFernet:
    keys = tuple(settings.PERSONAL_DATA_KEYS)
    if not keys:
        raise ImproperlyConfigured("PERSONAL_DATA_KEYS is empty: personal data cannot be encrypted.")
    return _fernet(keys)


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    """The plain value; a value stored before encryption was introduced is returned as it is."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return token
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A personal-data value cannot be decrypted with PERSONAL_DATA_KEYS: a key is missing."
        ) from error


def rotate(token: str) -> str:
    """The same value encrypted under the first key (MultiFernet.rotate keeps the original timestamp)."""
    if not token:
        return token
    if not token.startswith(TOKEN_PREFIX):
        return encrypt(token)
    return fernet().rotate(token.encode()).decode()


def blind_index(value: str) -> str:
    """A keyed digest to find and keep unique a value without storing it in the clear."""
    key = settings.PERSONAL_DATA_INDEX_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def mask(value: str, keep_start: int, keep_end: int) -> str:
    """`6107**********123X`: the value with all but its first and last few characters starred."""
    if not value:
        return value
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


class EncryptedCharField(models.CharField):
    """A CharField whose column holds a Fernet token; forms, validation and code see the plain text.

    `max_length` limits the plain value (forms and validators); the column is a text column because a token
    is about four times as long. The database can compare nothing but NULL. `keep` says how many leading
    and trailing characters the masked form shows (pages by default, exports, the audit log).
    """

    def __init__(self, *args, keep=(3, 4), **kwargs):
        self.keep = keep
        super().__init__(*args, **kwargs)

    def masked(self, value: str) -> str:
        return mask(value, *self.keep)

    def fingerprinted(self, value: str) -> str:
        """`139****5678 #1f0c9a2e`: the masked value and the start of its keyed digest (the audit log's form)."""
        return f"{self.masked(value)} #{blind_index(value)[:8]}" if value else value

    def get_internal_type(self):
        return "TextField"

    def db_parameters(self, connection):
        # A text column of its own: CharField would ask for varchar(max_length), too short for a token.
        return models.TextField().db_parameters(connection)

    def from_db_value(self, value, expression, connection):
        return value if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else encrypt(value)

    def get_lookup(self, lookup_name):
        # Encryption is randomised: an equality lookup would silently match nothing, so it is refused
        # (look up by the blind index instead).
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None


def encrypted_fields(model) -> list[EncryptedCharField]:
    """The model's personal-data fields, in declaration order."""
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedCharField)]


def encrypt_existing(model, field_names, batch_size=1000, before_save=None):
    """Re-write `field_names` of every row under the first key: in a data migration that introduces
    encryption (values read as plain text) and in `rotate_personal_data_keys` (values read decrypted).

    Decrypted values are written back through the field, which encrypts them under the first key; the
    optional `before_save(row)` derives other columns first (the ID number's digest)."""
    rows = model._base_manager.order_by("pk").only("pk", *field_names)
    changed = 0
    batch = []
    for row in rows.iterator(chunk_size=batch_size):
        if before_save is not None:
            before_save(row)
        batch.append(row)
        if len(batch) == batch_size:
            changed += model._base_manager.bulk_update(batch, field_names)
            batch = []
    if batch:
        changed += model._base_manager.bulk_update(batch, field_names)
    return changed
