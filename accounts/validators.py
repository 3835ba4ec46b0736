"""Password rules of GB/T 22239-2019 level 3 as the portal applies them."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (
    ("upper", lambda char: char in string.ascii_uppercase),
    ("lower", lambda char: char in string.ascii_lowercase),
    ("digit", lambda char: char.isdigit()),
    ("symbol", lambda char: not char.isalnum()),
)


class CharacterClassValidator:
    """At least three of: capital letters, small letters, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(1 for _name, test in CLASSES if any(test(char) for char in password))
        if found < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_character_classes")

    def get_help_text(self):
        return _("Your password must mix at least three of: capital letters, small letters, digits and symbols.")
