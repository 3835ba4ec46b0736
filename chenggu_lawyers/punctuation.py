"""Punctuation that follows the reader's language.

Chinese joins names with 、, clauses with ；, puts a note in （）and a value after ：, all full-width and
without spaces; English uses ", ", "; ", " (…)" and ": ". Code that builds a text from parts goes through
these functions (and templates through the filters of `templatetags/portal.py`), so neither language gets the
other's punctuation. The catalogue holds the separators under their own contexts.
"""

from collections.abc import Iterable

from django.utils.translation import pgettext


def join_list(items: Iterable) -> str:
    """Names or short items in a row: "A, B, C" / "A、B、C"."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


def join_clauses(items: Iterable) -> str:
    """Clauses or reasons in a row: "A; B" / "A；B"."""
    return pgettext("clause separator", "; ").join(str(item) for item in items)


def with_note(text, note) -> str:
    """A text with a note in brackets: "Name (status)" / "Name（status）"."""
    return pgettext("text with a note in brackets", "%(text)s (%(note)s)") % {"text": text, "note": note}


def labelled(label, value) -> str:
    """A label and its value: "Unit: A" / "Unit：A"."""
    return pgettext("label and value", "%(label)s: %(value)s") % {"label": label, "value": value}
