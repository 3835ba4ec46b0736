"""The gate every signed-in request passes before its page: first the second factor of an enrolled
privileged account, then a password to change (set by an administrator, or expired), then the enrolment of
a second factor for a privileged account that has none."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .two_factor import is_verified, needs_second_factor

# Pages a held-up account may still open.
ALLOWED_PATH_NAMES = ("accounts:password_change", "accounts:two_factor", "accounts:logout", "set_language")
# An enrolled account that has given only its password may not even change that password: with a stolen
# password alone, a change would lock the owner out.
BEFORE_SECOND_FACTOR_PATH_NAMES = ("accounts:two_factor", "accounts:logout", "set_language")


def password_expired(user) -> bool:
    if settings.PASSWORD_MAX_AGE_DAYS <= 0:
        return False
    changed = user.password_changed_at or user.date_joined
    return timezone.now() - changed > timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)


def must_change_password(user) -> bool:
    return user.must_change_password or password_expired(user)


class AccountGateMiddleware:
    """Holds a signed-in account at the first gate it has not passed; while held, only the gate's own pages
    open, and `request.held_at_gate` tells the templates to show no menu that would lead nowhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        gate, open_paths = self.gate_of(user, request)
        if gate is None:
            return self.get_response(request)
        if request.path in {reverse(name) for name in open_paths}:
            request.held_at_gate = True
            return self.get_response(request)
        if gate == "accounts:password_change":
            return redirect(gate)
        return self._to(gate, request)

    @staticmethod
    def gate_of(user, request) -> tuple[str | None, tuple[str, ...]]:
        """The page `user` must pass first, and the pages open meanwhile."""
        second_factor = needs_second_factor(user) and not is_verified(request)
        if second_factor and user.totpdevice_set.filter(confirmed=True).exists():
            return "accounts:two_factor", BEFORE_SECOND_FACTOR_PATH_NAMES
        if must_change_password(user):
            return "accounts:password_change", ALLOWED_PATH_NAMES
        if second_factor:
            return "accounts:two_factor", ALLOWED_PATH_NAMES
        return None, ()

    @staticmethod
    def _to(name, request):
        if request.method != "GET":
            return redirect(name)
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
