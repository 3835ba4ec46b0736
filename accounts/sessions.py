"""Idle timeout: a session unused for IDLE_TIMEOUT seconds ends (等保 level 3; the absolute lifetime is
SESSION_COOKIE_AGE). The last activity is written at most once a minute, so pages cost no extra query."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY as USER_KEY
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

SESSION_KEY = "last_seen"
WRITE_EVERY = 60


@receiver(user_logged_in, dispatch_uid="idle_timeout_start")
def start_idle_clock(sender, request, user, **kwargs):
    request.session[SESSION_KEY] = int(time.time())


def end_sessions_of(user) -> int:
    """Log `user` out everywhere (their authenticator was reset, or their account locked). Sessions are not
    indexed by user, so each live one is decoded: a rare administrator's action over a county's sessions."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(USER_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_KEY, now)
            if now - last > settings.IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)s minutes without activity.")
                    % {"minutes": settings.IDLE_TIMEOUT // 60},
                )
                return redirect(settings.LOGIN_URL)
            if now - last >= WRITE_EVERY or SESSION_KEY not in request.session:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
