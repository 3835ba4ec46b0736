from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from accounts.choices import COUNTY_WIDE_ROLES, Role
from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.views import ScopedActionView, ScopedCreateView, ScopedDetailView, ScopedListView

from .. import services
from ..choices import Grade
from ..facts import fact_sheets
from ..filters import ResultFilter
from ..forms import AnswerForm, CivilGradeForm, CommitteeForm, ObjectionForm, ProposalForm, ReviewForm, ScoreForm
from ..models import Assessment, Committee, MemberSubmission, Objection, Score
from ..scoring import member_total, suggested_grade
from ..tables import ResultTable
from .base import ServicePostView

__all__ = [
    "CommitteeCreateView",
    "CommitteeDetailView",
    "ScoreView",
    "ScoresSubmitView",
    "ProposalView",
    "EvaluationSubmitView",
    "ReviewView",
    "AssessmentDetailView",
    "CivilGradeView",
    "MyResultsView",
    "ObjectionView",
    "AnswerView",
]

COMMITTEE_READERS = COUNTY_WIDE_ROLES | {Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER, Role.POOL_OFFICER}
MEMBERS = frozenset({Role.COMMITTEE_MEMBER})
ASSESSMENT_READERS = COMMITTEE_READERS | {Role.PUBLIC_LAWYER}


class CommitteeCreateView(ScopedCreateView):
    model = Committee
    form_class = CommitteeForm
    allowed_roles = services.COMMITTEE_KEEPERS

    def form_valid(self, form):
        try:
            self.object = services.committee_create(
                actor=self.request.user, committee=form.instance, members=form.cleaned_data["members"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext_lazy("The committee was formed."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class CommitteeDetailView(ScopedDetailView):
    model = Committee
    allowed_roles = COMMITTEE_READERS
    template_name = "assessments/committee_detail.html"
    select_related = ("year", "unit", "system_organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        committee, user = self.object, self.request.user
        assessments = list(committee.assessments.select_related("person", "unit").order_by("person__name"))
        is_member = user.role == Role.COMMITTEE_MEMBER
        submitted = is_member and MemberSubmission.objects.filter(committee=committee, member=user).exists()
        # A member sees the committee's score only once their own scores are in (independent scoring).
        show_scores = not is_member or submitted
        scores = services.committee_scores(committee, assessments) if show_scores else {}
        weights = dict(committee.year.criteria.values_list("pk", "weight"))
        own = {}
        if is_member:
            for assessment_id, criterion_id, value in Score.objects.filter(
                assessment__committee=committee, member=user
            ).values_list("assessment_id", "criterion_id", "value"):
                own.setdefault(assessment_id, {})[criterion_id] = value
        sheets = fact_sheets(committee.year.year, [a.person_id for a in assessments])
        scale = list(committee.year.scale.values_list("grade", "min_score"))
        rows = []
        for assessment in assessments:
            live = assessment.score if assessment.score is not None else scores.get(assessment.pk)
            suggested = suggested_grade(live, scale, sheets.get(assessment.person_id)) if show_scores else ""
            rows.append(
                {
                    "assessment": assessment,
                    "facts": sheets.get(assessment.person_id),
                    "own_total": member_total(own.get(assessment.pk, {}), weights),
                    "score": live if show_scores else None,
                    # The grade's name, as the proposed grade beside it shows it (not its code).
                    "suggested": Grade(suggested).label if suggested else "",
                }
            )
        context.update(
            rows=rows,
            is_member=is_member,
            submitted=submitted,
            show_scores=show_scores,
            members=list(committee.members.all()),
            submitted_members=set(committee.submissions.values_list("member_id", flat=True)),
            may_review=user.role == Role.JUSTICE_BUREAU and committee.status == "submitted",
            review_form=ReviewForm(),
        )
        return context


class ScoreView(ScopedActionView):
    model = Assessment
    allowed_roles = MEMBERS
    title = gettext_lazy("Score")
    template_name = "assessments/score_form.html"

    def get_form(self, data=None):
        criteria = list(self.object.committee.year.criteria.all())
        mine = dict(
            Score.objects.filter(assessment=self.object, member=self.request.user).values_list("criterion_id", "value")
        )
        return ScoreForm(data, criteria=criteria, initial_values=mine)

    def get_context(self, form):
        context = super().get_context(form)
        context["scores"] = (
            Score.objects.visible_to(self.request.user)
            .filter(assessment=self.object)
            .select_related("member", "criterion")
            .order_by("member__username", "criterion__position")
        )
        context["cancel_url"] = self.object.committee.get_absolute_url()
        return context

    def act(self, form):
        services.scores_save(actor=self.request.user, assessment=self.object, values=form.values())
        messages.success(self.request, gettext_lazy("Your scores were saved."))

    def get_success_url(self):
        return self.object.committee.get_absolute_url()


class ScoresSubmitView(ServicePostView):
    model = Committee
    allowed_roles = MEMBERS
    success_message = gettext_lazy("Your scores were submitted; you now see the other members' scores.")

    def act(self):
        services.scores_submit(actor=self.request.user, committee=self.object)


class ProposalView(ScopedActionView):
    model = Assessment
    form_class = ProposalForm
    allowed_roles = MEMBERS
    title = gettext_lazy("Propose a grade")

    def get_form(self, data=None):
        a = self.object
        initial = {
            "proposed_grade": a.proposed_grade,
            "comments": a.comments,
            "recommended": {True: "yes", False: "no"}.get(a.recommended, ""),
        }
        return ProposalForm(data, initial=initial)

    def act(self, form):
        services.proposal_save(actor=self.request.user, assessment=self.object, **form.cleaned_data)
        messages.success(self.request, gettext_lazy("The proposal was saved."))

    def get_success_url(self):
        return self.object.committee.get_absolute_url()


class EvaluationSubmitView(ServicePostView):
    model = Committee
    allowed_roles = MEMBERS
    success_message = gettext_lazy("The initial evaluation was submitted to the justice bureau.")

    def act(self):
        services.evaluation_submit(actor=self.request.user, committee=self.object)


class ReviewView(ScopedActionView):
    model = Committee
    form_class = ReviewForm
    allowed_roles = frozenset({Role.JUSTICE_BUREAU})
    title = gettext_lazy("Review the initial evaluation")

    def act(self, form):
        services.committee_review(actor=self.request.user, committee=self.object, **form.cleaned_data)
        messages.success(self.request, gettext_lazy("The review was recorded."))


class AssessmentDetailView(ScopedDetailView):
    model = Assessment
    allowed_roles = ASSESSMENT_READERS
    template_name = "assessments/assessment_detail.html"
    select_related = ("person", "unit", "committee__year", "objection")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment, user = self.object, self.request.user
        committee = assessment.committee
        published = committee.status == "published"
        objection = getattr(assessment, "objection", None)
        deadline = services.objection_deadline(committee)
        context.update(
            facts=fact_sheets(committee.year.year, [assessment.person_id])[assessment.person_id]
            if not published
            else None,
            published=published,
            objection=objection,
            objection_deadline=deadline,
            may_object=user.role == Role.PUBLIC_LAWYER and published and objection is None,
            may_answer=user.role == Role.COMMITTEE_MEMBER and objection is not None and not objection.answered_at,
            may_grade=user.role == Role.UNIT_OFFICER and not published,
        )
        return context


class CivilGradeView(ScopedActionView):
    model = Assessment
    form_class = CivilGradeForm
    allowed_roles = frozenset({Role.UNIT_OFFICER})
    title = gettext_lazy("Civil-servant annual grade")

    def act(self, form):
        services.civil_grade_save(actor=self.request.user, assessment=self.object, grade=form.cleaned_data["grade"])
        messages.success(self.request, gettext_lazy("The annual grade was saved."))


class MyResultsView(ScopedListView):
    model = Assessment
    allowed_roles = frozenset({Role.PUBLIC_LAWYER})
    title = gettext_lazy("My assessment results")
    table_class = ResultTable
    filterset_class = ResultFilter
    select_related = ("committee__year",)


class ObjectionView(ScopedActionView):
    model = Assessment
    form_class = ObjectionForm
    allowed_roles = frozenset({Role.PUBLIC_LAWYER})
    title = gettext_lazy("Object to the result")

    def act(self, form):
        services.objection_file(actor=self.request.user, assessment=self.object, text=form.cleaned_data["text"])
        messages.success(self.request, gettext_lazy("Your objection was sent to the committee."))


class AnswerView(ScopedActionView):
    model = Objection
    form_class = AnswerForm
    allowed_roles = MEMBERS
    title = gettext_lazy("Answer the objection")

    def get_object(self):
        return get_object_or_404(self.get_queryset().select_related("assessment"), pk=self.kwargs["pk"])

    def get_context(self, form):
        context = super().get_context(form)
        context["cancel_url"] = self.object.assessment.get_absolute_url()
        return context

    def act(self, form):
        services.objection_answer(actor=self.request.user, objection=self.object, answer=form.cleaned_data["answer"])
        messages.success(self.request, gettext_lazy("The answer was sent to the lawyer."))

    def get_success_url(self):
        return self.object.assessment.get_absolute_url()
