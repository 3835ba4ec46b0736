from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from chenggu_lawyers.views import ScopedDetailView, ScopedListView, ScopedQuerysetMixin, already_handled

from .. import services
from ..choices import WAITING_FOR, ApplicationAction, ApplicationStatus
from ..eligibility import checklist
from ..filters import ApplicationFilterSet
from ..forms import ApplicationForm, CertificateForm, CommentForm, ReviewForm
from ..models import Application, Person
from ..roles import CERTIFIERS, PEOPLE_KEEPERS, PEOPLE_READERS
from ..tables import ApplicationTable
from .application_files import attachment_context
from .people import PersonActionView


class ApplicationListView(ScopedListView):
    model = Application
    allowed_roles = PEOPLE_READERS
    select_related = ("person", "unit")
    filterset_class = ApplicationFilterSet
    table_class = ApplicationTable
    template_name = "lawyers/application_list.html"
    title = _("Certificate applications")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = WAITING_FOR.get(self.request.user.role, ())
        context["waiting_count"] = self.get_queryset().filter(status__in=waiting).count() if waiting else None
        return context


class ApplicationCreateView(PersonActionView):
    """The unit puts one of its people forward; the eligibility checklist is shown beside the form."""

    allowed_roles = PEOPLE_KEEPERS
    form_class = ApplicationForm
    template_name = "lawyers/application_form.html"
    title = _("Apply for a public-lawyer certificate")

    def get_form(self, data=None):
        return ApplicationForm(data, initial={"consent_on": timezone.localdate()})

    def render_form(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "person": self.person,
                "title": self.title,
                "checklist": checklist(self.person),
            },
        )

    def act(self, form):
        self.application = services.application_submit(
            actor=self.request.user,
            person=self.person,
            consent_on=form.cleaned_data["consent_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(self.request, _("The application was sent to the justice bureau."))

    def get_success_url(self):
        return self.application.get_absolute_url()


def with_person_visible(applications, user):
    """Annotate `person_visible`: whether the user may open the person's page (the scoping rule, in the same
    query). A person who moved to another unit is no longer the old unit's to see: their name is not a link."""
    return applications.annotate(person_visible=Exists(Person.objects.visible_to(user).filter(pk=OuterRef("person"))))


class ApplicationDetailView(ScopedDetailView):
    model = Application
    allowed_roles = PEOPLE_READERS
    select_related = ("person", "unit")
    template_name = "lawyers/application_detail.html"

    def get_queryset(self):
        return with_person_visible(super().get_queryset(), self.request.user).prefetch_related("steps__actor")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_forms(self.request.user, self.object))
        context.update(attachment_context(self.request.user, self.object))
        return context


def action_forms(user, application) -> dict:
    """The forms the user may use on the application in its current state."""
    forms = {}
    if user.role in CERTIFIERS and application.status == ApplicationStatus.SUBMITTED:
        forms["review_form"] = ReviewForm()
    if user.role in CERTIFIERS and application.status == ApplicationStatus.APPROVED:
        forms["certificate_form"] = CertificateForm(initial={"issued_on": timezone.localdate()})
    if user.role in PEOPLE_KEEPERS and application.status == ApplicationStatus.RETURNED:
        forms["resubmit_form"] = CommentForm(prefix="resubmit")
    if user.role in PEOPLE_KEEPERS and application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED):
        forms["withdraw_form"] = CommentForm(prefix="withdraw")
    return forms


# Who may take each step, in the state that allows it (action_forms decides the state).
ACTION_ROLES = {"review": CERTIFIERS, "certify": CERTIFIERS, "resubmit": PEOPLE_KEEPERS, "withdraw": PEOPLE_KEEPERS}


class ApplicationActionView(ScopedQuerysetMixin, View):
    """POST-only steps of the workflow; a refused step re-shows the page with the message and the input."""

    model = Application
    allowed_roles = PEOPLE_READERS
    select_related = ("person", "unit")
    ACTIONS = {
        "review": ("review_form", ReviewForm, None),
        "certify": ("certificate_form", CertificateForm, None),
        "resubmit": ("resubmit_form", CommentForm, "resubmit"),
        "withdraw": ("withdraw_form", CommentForm, "withdraw"),
    }

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        application = get_object_or_404(with_person_visible(self.get_queryset(), request.user), pk=pk)
        form_name, form_class, prefix = self.ACTIONS[action]
        available = action_forms(request.user, application)
        if form_name not in available:
            if request.user.role in ACTION_ROLES[action]:
                # The role may take this step, but the application has moved on.
                return already_handled(request, application, application.get_status_display())
            raise PermissionDenied
        form = form_class(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                self.act(action, application, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return HttpResponseRedirect(application.get_absolute_url())
        available[form_name] = form
        context = {"object": application, **available, **attachment_context(request.user, application)}
        return render(request, "lawyers/application_detail.html", context, status=400)

    def act(self, action, application, data):
        user = self.request.user
        if action == "review":
            services.application_review(
                actor=user, application=application, decision=data["decision"], comment=data["comment"]
            )
            messages.success(self.request, ApplicationAction(data["decision"]).label)
        elif action == "certify":
            _certificate, warnings = services.certificate_record(
                actor=user,
                application=application,
                number=data["number"],
                issued_on=data["issued_on"],
                issuer=data["issuer"],
            )
            messages.success(self.request, _("The certificate was recorded."))
            for warning in warnings:
                messages.warning(self.request, warning)
        elif action == "resubmit":
            services.application_resubmit(actor=user, application=application, comment=data["comment"])
            messages.success(self.request, _("The application was sent to the justice bureau again."))
        elif action == "withdraw":
            services.application_withdraw(actor=user, application=application, comment=data["comment"])
            messages.success(self.request, _("The application was withdrawn."))
