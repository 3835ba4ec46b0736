"""Checks of the resident identity number (GB 11643-1999) and the lawyer's practice certificate number."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chenggu_lawyers.crypto import mask

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


@dataclass(frozen=True)
class IdentityFacts:
    birth_date: date
    sex: str  # "M" or "F", as lawyers.choices.Sex


def id_check_char(first17: str) -> str:
    return ID_CHECK_CHARS[sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def parse_id_number(value: str) -> IdentityFacts:
    """The birth date and sex an 18-character ID number carries; ValidationError in Chinese when it is wrong."""
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789X":
        raise ValidationError(
            _("An ID number has 17 digits followed by a digit or X (18 characters)."), code="id_format"
        )
    if id_check_char(value[:17]) != value[17]:
        raise ValidationError(_("The check digit of the ID number is wrong; please verify it."), code="id_checksum")
    try:
        birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as error:
        raise ValidationError(_("The ID number contains an impossible birth date."), code="id_birth") from error
    if birth.year < 1900 or birth > date.today():
        raise ValidationError(_("The ID number contains an impossible birth date."), code="id_birth")
    return IdentityFacts(birth_date=birth, sex="M" if int(value[16]) % 2 else "F")


ID_NUMBER_KEEP = (4, 4)  # `6107**********123X`: the area's first four characters and the last four
PHONE_KEEP = (3, 4)  # `138****0001`


def mask_id_number(value: str) -> str:
    return mask(value, *ID_NUMBER_KEEP)


def mask_phone(value: str) -> str:
    return mask(value, *PHONE_KEEP)


@dataclass(frozen=True)
class PracticeNumberCheck:
    errors: list[str]
    warnings: list[str]


def check_practice_number(number: str, *, sex: str | None, issued_on: date | None) -> PracticeNumberCheck:
    """The 17-digit practice certificate number (律师执业证号) read against the holder and the issue date.

    Digit 1 is 1; 2-3 the province; 4-5 the city; 6-9 the year first licensed; 10 the category (6 = public
    lawyer); 11 the sex (0 male, 1 female); 12-17 a serial. Only a wrong shape is an error (the same shape
    advisors.models asks of any practice number). A digit that disagrees is a warning, whatever the issue
    date: the number is the one printed on a certificate the provincial department issued, and older
    numbering differed (DOMAIN.md: "warn, don't block"), so the portal records it and asks the clerk to
    verify it rather than refusing it.
    """
    if len(number) != 17 or not number.isdigit() or number[0] != "1":
        return PracticeNumberCheck([_("A practice certificate number has 17 digits and begins with 1.")], [])
    warnings: list[str] = []
    year = int(number[5:9])
    if issued_on is not None and not (1979 <= year <= issued_on.year):
        warnings.append(_("Digits 6-9 (year first licensed) cannot be after the issue date."))
    if number[9] != "6":
        warnings.append(_("Digit 10 of a public lawyer's certificate number is 6."))
    if sex is not None and number[10] != ("0" if sex == "M" else "1"):
        warnings.append(_("Digit 11 of the certificate number does not match the holder's sex."))
    if number[1:3] != "61":
        warnings.append(_("Digits 2-3 are not Shaanxi (61); please verify the number."))
    return PracticeNumberCheck([], warnings)
