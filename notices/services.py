"""The portal's notifications: a notice per recipient inside the portal, and an email where possible.

Other apps call `notify` from their services; the notice is written in the caller's transaction and the
email is sent only after that transaction commits, so a rolled-back step sends nothing.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from .models import Notice

logger = logging.getLogger(__name__)


def notify(*, recipients: Iterable, kind: str, title: str, body: str = "", url: str = "", email: bool = True):
    """Write one notice per active recipient; email those with an address once the transaction commits."""
    people = [user for user in {user.pk: user for user in recipients}.values() if user.is_active]
    notices = Notice.objects.bulk_create(
        [Notice(recipient=user, kind=kind, title=title[:200], body=body, url=url) for user in people]
    )
    if email:
        addressed = [(notice, user.email) for notice, user in zip(notices, people, strict=True) if user.email]
        if addressed:
            transaction.on_commit(lambda: _send(addressed, title, body, url))
    return notices


def _send(addressed, title, body, url):
    text = f"{body}\n\n{url}" if url else body
    messages = [(title, text, settings.DEFAULT_FROM_EMAIL, [address]) for _notice, address in addressed]
    try:
        send_mass_mail(messages, fail_silently=False)
    except OSError:
        # The notice is in the portal whatever the mail server does; the missing email is logged.
        logger.exception("Could not email %d notices", len(messages))
        return
    Notice.objects.filter(pk__in=[notice.pk for notice, _address in addressed]).update(emailed_at=timezone.now())


def mark_read(*, user, notices=None) -> int:
    queryset = Notice.objects.visible_to(user).filter(read_at__isnull=True)
    if notices is not None:
        queryset = queryset.filter(pk__in=[notice.pk for notice in notices])
    return queryset.update(read_at=timezone.now())


def resolve(*, url: str, kinds: Iterable[str], roles: Iterable[str] | None = None, recipients=None) -> int:
    """Mark read every unread notice of these kinds about the object at `url` (sent to users of `roles`, or to
    `recipients`, when given): the step it asked for has been taken, by whoever took it, so it no longer waits
    in their bell."""
    notices = Notice.objects.filter(url=url, kind__in=list(kinds), read_at__isnull=True)
    if roles is not None:
        notices = notices.filter(recipient__role__in=list(roles))
    if recipients is not None:
        notices = notices.filter(recipient__in=list(recipients))
    return notices.update(read_at=timezone.now())
