from django.shortcuts import redirect
from django.urls import reverse

# Pages an account that must change its password may still open.
ALLOWED_PATH_NAMES = ("accounts:password_change", "accounts:logout", "set_language")


class ForcePasswordChangeMiddleware:
    """Sends an account whose password an administrator set to the password-change page first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse(name) for name in ALLOWED_PATH_NAMES}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("accounts:password_change")
        return self.get_response(request)
