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
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        second_factor = needs_second_factor(user) and not is_verified(request)
        if second_factor and user.totpdevice_set.filter(confirmed=True).exists():
            if request.path in {reverse(name) for name in BEFORE_SECOND_FACTOR_PATH_NAMES}:
                return self.get_response(request)
            return self._to("accounts:two_factor", request)
        if request.path in {reverse(name) for name in ALLOWED_PATH_NAMES}:
            return self.get_response(request)
        if must_change_password(user):
            return redirect("accounts:password_change")
        if second_factor:
            return self._to("accounts:two_factor", request)
        return self.get_response(request)

    @staticmethod
    def _to(name, request):
        if request.method != "GET":
            return redirect(name)
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
