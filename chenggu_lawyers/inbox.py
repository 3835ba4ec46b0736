"""What waits for a user: the to-do inbox on every role's home page.

Each app says, in its `AppConfig.ready()`, which of its objects wait for which role (`register`); the home
page asks `waiting_for(user)` and shows each kind with its count and a link to the list filtered to it. The
framework knows no app: apps register here, never the other way round. Counting goes through each model's
scoping rule (`visible_to`), so a count never includes what the user may not open.

The menu's bell counts the user's unread notices; every step that leaves something waiting for someone sends
them a notice, read when the object is handled (notices.services.resolve), so the bell and the inbox agree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Waiting:
    """A kind of object waiting for a role: `queryset(user)` gives the user's waiting objects (scoped)."""

    key: str
    label: object
    roles: frozenset
    queryset: Callable
    url_name: str
    query: str = ""  # the list's filter that shows exactly these objects

    @property
    def url(self) -> str:
        url = reverse(self.url_name)
        return f"{url}?{self.query}" if self.query else url


_REGISTRY: dict[str, Waiting] = {}


def register(item: Waiting) -> None:
    _REGISTRY[item.key] = item


@dataclass(frozen=True)
class InboxRow:
    item: Waiting
    count: int


def waiting_for(user) -> list[InboxRow]:
    """Each kind of object waiting for the user's role, with how many: one count query per kind."""
    return [
        InboxRow(item, item.queryset(user).count())
        for item in _REGISTRY.values()
        if user.is_authenticated and user.role in item.roles
    ]
