"""TOTP two-factor login for the privileged roles (issue 8, item 1), on django-otp.

After the password, an account of a role in `settings.TWO_FACTOR_ROLES` must give the six-digit code of its
authenticator app before any other page opens; an account without a confirmed device first enrols one
(a QR code to scan, then one code to prove it). django-otp keeps the secret, checks the code with a
tolerance of one 30-second step, refuses a code used before and slows down repeated failures; we record
each success and failure in the audit log. The verified device is remembered in the session
(`django_otp.login`), which ends with the session.
"""

import math

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction


def needs_second_factor(user) -> bool:
    return user.role in settings.TWO_FACTOR_ROLES


def is_verified(request) -> bool:
    return DEVICE_ID_SESSION_KEY in request.session


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("The code your authenticator app shows now."),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code has six digits."))
        return code


class TwoFactorView(LoginRequiredMixin, FormView):
    """Verify the code of an enrolled account, or enrol a new authenticator and verify its first code."""

    form_class = CodeForm
    template_name = "accounts/two_factor.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (not needs_second_factor(request.user) or is_verified(request)):
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(target, {self.request.get_host()}, self.request.is_secure()):
            return target
        return settings.LOGIN_REDIRECT_URL

    def device(self) -> TOTPDevice:
        """The confirmed device, or the one being enrolled (kept across attempts so the QR code stays)."""
        user = self.request.user
        device = confirmed_device(user)
        if device is None:
            device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
        return device

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = self.device()
        context["enrolling"] = not device.confirmed
        context["next"] = self.next_url()
        if not device.confirmed:
            context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
            secret = device.config_url.split("secret=")[1].split("&")[0]
            context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        return context

    def form_valid(self, form):
        device = self.device()
        user = self.request.user
        allowed, details = device.verify_is_allowed()
        if not allowed:
            # django-otp slows repeated failures down (1 s, 2 s, 4 s … after each): say so rather than call
            # a right code wrong; the code was not checked, so nothing is logged as a failure.
            wait = max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))
            form.add_error(
                "code",
                _("Too many wrong codes: wait %(seconds)s seconds, then enter the code your app shows then.")
                % {"seconds": wait},
            )
            return self.form_invalid(form)
        if not device.verify_token(form.cleaned_data["code"]):
            record(
                action=AuditAction.LOGIN_FAILED,
                obj=user,
                changes={"second_factor": "totp"},
                outcome="failure",
            )
            form.add_error("code", _("The code is not right. Check the time on your phone and try the next code."))
            return self.form_invalid(form)
        enrolling = not device.confirmed
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(self.request, _("Two-factor login is set up for your account."))
        otp_login(self.request, device)
        record(action=AuditAction.LOGIN, obj=user, changes={"second_factor": "enrolled" if enrolling else "totp"})
        return redirect(self.next_url())
