from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View

from chenggu_lawyers.views import (
    ScopedActionView,
    ScopedExportView,
    ScopedListView,
    ScopedQuerysetMixin,
    already_handled,
)

from .. import services
from ..choices import CertificateStatus
from ..filters import CertificateFilterSet
from ..forms import CancelForm, CertificateCorrectionForm, ReinstateForm, RevokeForm, SuspendForm
from ..models import Certificate
from ..roles import CERTIFIERS, PERSON_PAGE_READERS, REGISTER_READERS
from ..tables import CertificateTable


class CertificateListView(ScopedListView):
    model = Certificate
    allowed_roles = REGISTER_READERS
    select_related = ("person", "person__unit")
    filterset_class = CertificateFilterSet
    table_class = CertificateTable
    export_url_name = "lawyers:register_export"
    title = _("Public-lawyer register")

    def get_table_kwargs(self):
        # The register's rows are the user's to see; a holder's page is only for the roles that open people.
        return {**super().get_table_kwargs(), "link_people": self.request.user.role in PERSON_PAGE_READERS}


class CertificateExportView(ScopedExportView):
    model = Certificate
    allowed_roles = REGISTER_READERS
    select_related = ("person", "person__unit")
    filterset_class = CertificateFilterSet
    table_class = CertificateTable
    title = _("Public-lawyer register")


# action → (form, the statuses it applies to, the service, the message)
CERTIFICATE_ACTIONS = {
    "suspend": (SuspendForm, (CertificateStatus.ACTIVE,), _("Suspend the certificate")),
    "reinstate": (ReinstateForm, (CertificateStatus.SUSPENDED,), _("Reinstate the certificate")),
    "cancel": (CancelForm, (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED), _("Cancel the certificate")),
    "revoke": (RevokeForm, (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED), _("Revoke the certificate")),
}


# The submit button of each action's page says what it does: 注销 is never the 取消 that dismisses a form.
CERTIFICATE_BUTTONS = {
    "suspend": _("Suspend"),
    "reinstate": _("Reinstate"),
    "cancel": pgettext_lazy("certificate", "Cancel"),
    "revoke": _("Revoke"),
}


def available_certificate_actions(user, certificate) -> list[tuple[str, object]]:
    if user.role not in CERTIFIERS:
        return []
    return [
        (name, title)
        for name, (_form, statuses, title) in CERTIFICATE_ACTIONS.items()
        if certificate.status in statuses
    ]


class CertificateActionView(ScopedQuerysetMixin, View):
    """Suspend, reinstate, cancel (注销) or revoke (吊销) a certificate: the justice bureau's records."""

    model = Certificate
    allowed_roles = CERTIFIERS
    select_related = ("person",)
    template_name = "lawyers/certificate_action.html"

    def setup_action(self, pk, action):
        if action not in CERTIFICATE_ACTIONS:
            raise Http404
        self.certificate = get_object_or_404(self.get_queryset(), pk=pk)
        self.form_class, statuses, self.title = CERTIFICATE_ACTIONS[action]
        self.action = action
        self.stale = self.certificate.status not in statuses

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "object": self.certificate,
                "heading": f"{self.title} · {self.certificate.person} ({self.certificate.number})",
                "action": self.action,
                "submit_label": CERTIFICATE_BUTTONS[self.action],
                "back_url": self.certificate.get_absolute_url(),
            },
            status=status,
        )

    def get(self, request, pk, action):
        self.setup_action(pk, action)
        if self.stale:
            return already_handled(request, self.certificate, self.certificate.get_status_display())
        return self.render_form(self.form_class(initial={"on": timezone.localdate()}))

    def post(self, request, pk, action):
        self.setup_action(pk, action)
        if self.stale:  # the certificate was suspended, reinstated or ended meanwhile
            return already_handled(request, self.certificate, self.certificate.get_status_display())
        form = self.form_class(request.POST)
        if form.is_valid():
            data, user, certificate = form.cleaned_data, request.user, self.certificate
            try:
                if action == "suspend":
                    services.certificate_suspend(
                        actor=user, certificate=certificate, on=data["on"], reason=data["reason"]
                    )
                elif action == "reinstate":
                    services.certificate_reinstate(actor=user, certificate=certificate, on=data["on"])
                elif action == "cancel":
                    services.certificate_cancel(
                        actor=user, certificate=certificate, on=data["on"], reason=data["reason"], note=data["note"]
                    )
                else:
                    services.certificate_revoke(actor=user, certificate=certificate, on=data["on"], note=data["note"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Recorded: %(action)s.") % {"action": self.title})
                return HttpResponseRedirect(certificate.get_absolute_url())
        return self.render_form(form, status=400)


class CertificateCorrectView(ScopedActionView):
    """Correct (更正) a mistyped number, date or issuer of a certificate, with the reason: the justice bureau's
    records. The certificate keeps its status; the person page lists the correction in its history."""

    model = Certificate
    allowed_roles = CERTIFIERS
    select_related = ("person",)
    title = _("Correct the certificate")

    def get_form(self, data=None):
        return CertificateCorrectionForm(data, certificate=self.object)

    def get_context(self, form) -> dict:
        certificate = self.object
        return {**super().get_context(form), "heading": f"{self.title} · {certificate.person} ({certificate.number})"}

    def act(self, form):
        data = form.cleaned_data
        _certificate, warnings = services.certificate_correct(
            actor=self.request.user,
            certificate=self.object,
            number=data["number"],
            issued_on=data["issued_on"],
            ended_on=data.get("ended_on"),
            issuer=data["issuer"],
            reason=data["reason"],
        )
        messages.success(self.request, _("The certificate was corrected."))
        for warning in warnings:
            messages.warning(self.request, warning)
