"""The matter page: facts, assignments with their work and opinion versions, the closing, a timeline, and the
forms the user may use in the current state. The steps are POSTed to the action views, which re-show the
page with the message and what was typed when a step is refused."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.choices import Role
from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.punctuation import join_list
from chenggu_lawyers.views import ScopedDetailView, ScopedQuerysetMixin

from .. import services
from ..candidates import candidates_for
from ..choices import AssignmentStatus, MatterStatus
from ..forms import AssignForm, CloseForm, DeclineForm, OpinionForm, RuleForm, WorkEntryForm
from ..models import CATEGORY_FIELDS, Assignment, Matter, OpinionVersion
from ..roles import ASSIGNMENT_ACTORS, MATTER_KEEPERS, MATTER_READERS

MATTER_RELATED = ("unit", "decision_item", "created_by", "closed_by")
TEMPLATE = "matters/matter_detail.html"


def opinion_of(assignment):
    try:
        return assignment.opinion
    except Assignment.opinion.RelatedObjectDoesNotExist:
        return None


def assignments_for(user, matter):
    """The matter's assignments the user may see (a lawyer: their own), with everything the page shows."""
    return list(
        Assignment.objects.visible_to(user)
        .filter(matter=matter)
        .select_related("person__account", "pool_member", "engagement", "opinion__author", "ruled_by")
        .prefetch_related(
            "work_entries",
            Prefetch("opinion__versions", queryset=OpinionVersion.objects.select_related("submitted_by")),
        )
        .order_by("created_at", "pk")
    )


def assignment_forms(user, matter, assignment) -> dict:
    """The forms `user` may use on one assignment in its current state."""
    forms = {}
    if matter.status == MatterStatus.CLOSED:
        return forms
    is_office = user.role == Role.UNIT_OFFICER and user.unit_id == matter.unit_id
    if is_office and assignment.status == AssignmentStatus.DECLINED and not assignment.ruling:
        forms["rule"] = RuleForm(prefix=f"rule-{assignment.pk}")
    if not services.acts_for(user, assignment, services.prefetched_account(assignment)):
        return forms
    if assignment.status == AssignmentStatus.PENDING:
        forms["accept"] = None
        forms["decline"] = DeclineForm(prefix=f"decline-{assignment.pk}")
    elif assignment.status in (AssignmentStatus.ACCEPTED, AssignmentStatus.COMPLETED):
        forms["work"] = WorkEntryForm(prefix=f"work-{assignment.pk}", initial={"worked_on": timezone.localdate()})
        forms["opinion"] = OpinionForm(prefix=f"opinion-{assignment.pk}")
    return forms


def timeline(matter, assignments) -> list[tuple]:
    """(when, icon, text, date only) of every step, oldest first; work is logged by the day."""
    zone = timezone.get_current_timezone()
    events = []

    def add(when, icon, text, date_only=False):
        events.append((when, icon, text, date_only))

    add(matter.created_at, "bi-folder-plus", _("Matter created by %(user)s") % {"user": matter.created_by})
    for assignment in assignments:
        name = assignment.assignee_name
        add(assignment.created_at, "bi-person-plus", _("Assigned to %(name)s") % {"name": name})
        if assignment.status == AssignmentStatus.DECLINED:
            reason = assignment.decline_reason
            add(
                assignment.answered_at,
                "bi-reply",
                _("%(name)s declined: %(reason)s") % {"name": name, "reason": reason},
            )
        elif assignment.answered_at:
            add(assignment.answered_at, "bi-reply", _("%(name)s accepted") % {"name": name})
        if assignment.ruled_at:
            ruling = assignment.get_ruling_display()
            add(
                assignment.ruled_at,
                "bi-hammer",
                _("Refusal of %(name)s: %(ruling)s") % {"name": name, "ruling": ruling},
            )
        for entry in assignment.work_entries.all():
            noon = timezone.make_aware(datetime.combine(entry.worked_on, time(12)), zone)
            # Hours as the work log beside it writes them (4, 3.5), not 4.0.
            values = {"name": name, "hours": floatformat(entry.hours, -1), "work": entry.description}
            add(noon, "bi-clock-history", _("%(name)s worked %(hours)s h: %(work)s") % values, date_only=True)
        opinion = opinion_of(assignment)
        for version in opinion.versions.all() if opinion else ():
            values = {"number": version.number, "name": version.signed_name}
            add(
                version.submitted_at,
                "bi-file-earmark-text",
                _("Opinion version %(number)s signed by %(name)s") % values,
            )
    if matter.closed_at:
        values = {"user": matter.closed_by, "adoption": matter.get_adoption_display()}
        add(matter.closed_at, "bi-check2-circle", _("Closed by %(user)s: %(adoption)s") % values)
    return sorted(events, key=lambda event: event[0])


def page_context(user, matter, bound: dict | None = None) -> dict:
    """Everything the matter page shows; `bound` replaces an empty form by the one just posted, keyed
    (assignment pk or None, form name)."""
    bound = bound or {}
    assignments = assignments_for(user, matter)
    for assignment in assignments:
        assignment.opinion_record = opinion_of(assignment)
        assignment.forms = assignment_forms(user, matter, assignment)
        for name in assignment.forms:
            if (assignment.pk, name) in bound:
                assignment.forms[name] = bound[(assignment.pk, name)]
    context = {
        "object": matter,
        "matter": matter,
        "assignments": assignments,
        "timeline": timeline(matter, assignments),
        "detail_fields": [
            (matter._meta.get_field(name).verbose_name, display(matter, name))
            for name in CATEGORY_FIELDS[matter.category][0]
        ],
    }
    is_office = user.role == Role.UNIT_OFFICER and user.unit_id == matter.unit_id
    if is_office:
        # Facts may still change after the closing (a judgment, the decision date); the workflow may not.
        context["edit_url"] = reverse("matters:matter_update", args=[matter.pk])
    if is_office and not matter.is_closed:
        context["assign_form"] = bound.get((None, "assign")) or AssignForm(
            candidates=candidates_for(matter.unit_id, timezone.localdate()),
            assignments=assignments,
            due_on=matter.due_on,
        )
        if any(a.opinion_record is not None for a in assignments):
            context["close_form"] = bound.get((None, "close")) or CloseForm()
    return context


def display(matter, name):
    value = getattr(matter, name)
    if value in (None, ""):
        return "—"
    getter = getattr(matter, f"get_{name}_display", None)
    return getter() if getter else value


class MatterQuerysetMixin:
    model = Matter
    select_related = MATTER_RELATED

    def get_queryset(self):
        return super().get_queryset().with_overdue(timezone.localdate())


class MatterDetailView(MatterQuerysetMixin, ScopedDetailView):
    allowed_roles = MATTER_READERS
    template_name = TEMPLATE

    def get_context_data(self, **kwargs):
        # Attachments, expenses and the commission letter (R3.4) live in the guarantees app.
        from guarantees.services import matter_panel

        return {
            **super().get_context_data(**kwargs),
            **page_context(self.request.user, self.object),
            "guarantee_panel": matter_panel(self.object, self.request.user),
        }


class MatterActionView(MatterQuerysetMixin, ScopedQuerysetMixin, View):
    """The office's steps on the matter: assign, close."""

    allowed_roles = MATTER_KEEPERS
    http_method_names = ["post"]

    def post(self, request, pk, action):
        matter = get_object_or_404(self.get_queryset(), pk=pk)
        if action == "assign":
            form = AssignForm(
                request.POST,
                candidates=candidates_for(matter.unit_id, timezone.localdate()),
                assignments=list(matter.assignments.all()),
            )
        elif action == "close":
            form = CloseForm(request.POST)
        else:
            raise Http404
        if form.is_valid():
            try:
                self.act(action, matter, form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return HttpResponseRedirect(matter.get_absolute_url())
        context = page_context(request.user, matter, {(None, action): form})
        return render(request, TEMPLATE, context, status=400)

    def act(self, action, matter, data):
        user = self.request.user
        if action == "assign":
            assignments = services.matter_assign(
                actor=user,
                matter=matter,
                due_on=data["due_on"],
                instructions=data["instructions"],
                people=data.get("people", []),
                members=data.get("members", []),
                engagements=data.get("engagements", []),
            )
            names = join_list(a.assignee_name for a in assignments)
            messages.success(self.request, _("Assigned to %(names)s.") % {"names": names})
        else:
            services.matter_close(actor=user, matter=matter, adoption=data["adoption"], reason=data["reason"])
            messages.success(self.request, _("The matter was closed."))


class AssignmentActionView(ScopedQuerysetMixin, View):
    """The assignee's steps (accept, decline, log work, submit the opinion) and the office's ruling."""

    model = Assignment
    allowed_roles = ASSIGNMENT_ACTORS
    select_related = ("matter", "person__account")
    http_method_names = ["post"]
    FORMS = {"decline": DeclineForm, "rule": RuleForm, "work": WorkEntryForm, "opinion": OpinionForm}

    def post(self, request, pk, action):
        if action not in {"accept", *self.FORMS}:
            raise Http404
        assignment = get_object_or_404(self.get_queryset(), pk=pk)
        matter = get_object_or_404(
            Matter.objects.visible_to(request.user).select_related(*MATTER_RELATED).with_overdue(timezone.localdate()),
            pk=assignment.matter_id,
        )
        available = assignment_forms(request.user, matter, assignment)
        if action not in available:
            raise PermissionDenied
        form = self.FORMS[action](request.POST, prefix=f"{action}-{assignment.pk}") if action in self.FORMS else None
        if form is None or form.is_valid():
            try:
                self.act(action, assignment, form.cleaned_data if form else {})
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                    return HttpResponseRedirect(matter.get_absolute_url())
                add_service_error(form, error)
            else:
                return HttpResponseRedirect(matter.get_absolute_url())
        context = page_context(request.user, matter, {(assignment.pk, action): form})
        return render(request, TEMPLATE, context, status=400)

    def act(self, action, assignment, data):
        user = self.request.user
        if action == "accept":
            services.assignment_accept(actor=user, assignment=assignment)
            messages.success(self.request, _("You accepted the assignment."))
        elif action == "decline":
            services.assignment_decline(actor=user, assignment=assignment, reason=data["reason"])
            messages.success(self.request, _("The assignment was declined; the unit office will rule on it."))
        elif action == "rule":
            services.assignment_rule(actor=user, assignment=assignment, ruling=data["ruling"], note=data["note"])
            messages.success(self.request, _("The ruling was recorded."))
        elif action == "work":
            services.work_log_add(actor=user, assignment=assignment, **data)
            messages.success(self.request, _("The work was logged."))
        else:
            version = services.opinion_submit(actor=user, assignment=assignment, text=data["text"])
            messages.success(
                self.request, _("Version %(number)s of the opinion was submitted.") % {"number": version.number}
            )
