"""Checks of the unified social credit code (统一社会信用代码, GB 32100-2015)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def validate_credit_code_format(value: str) -> None:
    """Reject what cannot be a credit code at all: wrong length or a character outside the alphabet."""
    if len(value) != 18 or any(char not in CREDIT_CODE_ALPHABET for char in value):
        raise ValidationError(
            _("A unified social credit code has 18 characters from 0-9 and A-Y without I, O, S, V and Z."),
            code="credit_code_format",
        )


def credit_code_check_char(first17: str) -> str:
    """The 18th character GB 32100 computes from the first 17 (weights 3^i mod 31)."""
    total = sum(CREDIT_CODE_ALPHABET.index(char) * pow(3, i, 31) for i, char in enumerate(first17))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_checksum_ok(value: str) -> bool:
    return len(value) == 18 and credit_code_check_char(value[:17]) == value[17]
