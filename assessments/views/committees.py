from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.choices import COUNTY_WIDE_ROLES, Role
from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.views import ScopedActionView, ScopedCreateView, ScopedDetailView, ScopedListView

from .. import scoring, services
from ..choices import CommitteeStatus, Grade, YearStatus
from ..facts import fact_sheets
from ..filters import ResultFilter
from ..forms import AnswerForm, CivilGradeForm, CommitteeForm, ObjectionForm, ProposalForm, ReviewForm, ScoreForm
from ..models import Assessment, Committee, Objection, Score
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


def grade_label(grade: str) -> str:
    # The grade's name, as the proposed grade beside it shows it (not its code).
    return Grade(grade).label if grade else ""


def evaluation_rows(committee: Committee, assessments, scores: dict, sheets=None) -> list[dict]:
    """Each lawyer of the committee with the facts, what the year's rules say, the committee score shown and
    the grade it suggests: the committee page and the review page read the same rows."""
    year = committee.year
    sheets = sheets if sheets is not None else fact_sheets(year.year, [a.person_id for a in assessments])
    found = services.verdicts(year, assessments, sheets)
    scale = list(year.scale.values_list("grade", "min_score"))
    rows = []
    for assessment in assessments:
        score = scores.get(assessment.pk)
        verdict = found[assessment.pk]
        rows.append(
            {
                "assessment": assessment,
                "facts": sheets.get(assessment.person_id),
                "verdict": verdict,
                "score": score,
                "suggested": grade_label(suggested_grade(score, scale, verdict)) if score is not None else "",
            }
        )
    return rows


def shown_scores(committee: Committee, assessments, final: bool, **known) -> dict:
    """The committee scores a page shows: live while the committee scores, once every member has submitted
    (a partial mean would tell a member another's total); the scores stored with the evaluation after that."""
    if not committee.is_editable:
        return {a.pk: a.score for a in assessments}
    return services.committee_scores(committee, assessments, **known) if final else {}


class CommitteeDetailView(ScopedDetailView):
    model = Committee
    allowed_roles = COMMITTEE_READERS
    template_name = "assessments/committee_detail.html"
    select_related = ("year", "unit", "system_organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        committee, user = self.object, self.request.user
        assessments = list(committee.assessments.select_related("person", "unit").order_by("person__name"))
        members = list(committee.members.all())
        submitted_members = set(committee.submissions.values_list("member_id", flat=True))
        final = len(submitted_members) >= len(members)
        is_member = user.role == Role.COMMITTEE_MEMBER
        submitted = is_member and user.pk in submitted_members
        editable = committee.is_editable and committee.year.status == YearStatus.SCORING
        weights = dict(committee.year.criteria.values_list("pk", "weight"))
        scores = shown_scores(
            committee, assessments, final, weights=weights, submitted=submitted_members, size=len(members)
        )
        rows = evaluation_rows(committee, assessments, scores)
        missing = 0
        if is_member:
            own = {}
            for assessment_id, criterion_id, value in Score.objects.filter(
                assessment__committee=committee, member=user
            ).values_list("assessment_id", "criterion_id", "value"):
                own.setdefault(assessment_id, {})[criterion_id] = value
            for row in rows:
                assessment = row["assessment"]
                row["own_total"] = member_total(own.get(assessment.pk, {}), weights)
                row["is_self"] = bool(user.person_id) and user.person_id == assessment.person_id
                if not row["is_self"]:
                    missing += len(set(weights) - set(own.get(assessment.pk, {})))
        may_score = is_member and editable and not submitted
        context.update(
            rows=rows,
            is_member=is_member,
            submitted=submitted,
            final=final,
            editable=editable,
            may_score=may_score,
            scores_missing=missing if may_score else 0,
            may_submit_scores=may_score and not missing,
            may_propose=is_member and editable,
            may_submit_evaluation=is_member and editable and final and all(a.proposed_grade for a in assessments),
            members=members,
            submitted_members=submitted_members,
            quota=services.quota_limits(committee, assessments),
            may_review=user.role == Role.JUSTICE_BUREAU and committee.status == CommitteeStatus.SUBMITTED,
        )
        return context


class ScoreView(ScopedActionView):
    """A member's scores of one lawyer: a form while they may still change them, read-only after that, with
    the justice bureau's reason when it returned the evaluation."""

    model = Assessment
    allowed_roles = MEMBERS
    title = gettext_lazy("Score")
    template_name = "assessments/score_form.html"
    select_related = ("person", "unit", "committee__year")

    def closed_because(self) -> str:
        """Why the member may no longer change these scores, or "" while they may."""
        committee, user = self.object.committee, self.request.user
        if committee.status in (CommitteeStatus.SUBMITTED, CommitteeStatus.PUBLISHED):
            return _("The committee's initial evaluation has been submitted; the scores can no longer change.")
        if committee.year.status != YearStatus.SCORING:
            return _("The committee is not scoring now.")
        if user.person_id and user.person_id == self.object.person_id:
            return _("A member never scores themselves.")
        if committee.submissions.filter(member=user).exists():
            return _("You have submitted your scores; they can no longer be changed.")
        return ""

    def get_form(self, data=None):
        self.criteria = list(self.object.committee.year.criteria.all())
        self.mine = dict(
            Score.objects.filter(assessment=self.object, member=self.request.user).values_list("criterion_id", "value")
        )
        return ScoreForm(data, criteria=self.criteria, initial_values=self.mine)

    def get_context(self, form):
        context = super().get_context(form)
        committee = self.object.committee
        weights = {criterion.pk: criterion.weight for criterion in self.criteria}
        others = {}
        # Another member's scores only once the committee's evaluation is made (Score.objects.visible_to).
        for score in (
            Score.objects.visible_to(self.request.user)
            .filter(assessment=self.object)
            .exclude(member=self.request.user)
            .select_related("member")
        ):
            others.setdefault(score.member, {})[score.criterion_id] = score.value
        context.update(
            closed=self.closed,
            cancel_url=committee.get_absolute_url(),
            heading=f"{self.title} · {self.object.person.name} · {committee.year}",
            committee=committee,
            mine=[(field, self.mine.get(criterion.pk)) for field, criterion in zip(form, self.criteria, strict=True)],
            my_total=member_total(self.mine, weights),
            others=[
                {
                    "member": member,
                    "values": [values.get(criterion.pk) for criterion in self.criteria],
                    "total": member_total(values, weights),
                }
                for member, values in others.items()
            ],
            criteria=self.criteria,
        )
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.closed = self.closed_because()
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.closed = self.closed_because()
        if self.closed:
            # A form opened before the submission (or the evaluation) and saved after it: say so, show the page.
            messages.error(request, self.closed)
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)

    def act(self, form):
        services.scores_save(actor=self.request.user, assessment=self.object, values=form.values())
        messages.success(self.request, gettext_lazy("Your scores were saved."))

    def get_success_url(self):
        return self.object.committee.get_absolute_url()


class ScoresSubmitView(ServicePostView):
    model = Committee
    allowed_roles = MEMBERS
    success_message = gettext_lazy("Your scores were submitted; they can no longer be changed.")

    def act(self):
        services.scores_submit(actor=self.request.user, committee=self.object)


class ProposalView(ScopedActionView):
    model = Assessment
    form_class = ProposalForm
    allowed_roles = MEMBERS
    title = gettext_lazy("Propose a grade")
    template_name = "assessments/proposal_form.html"
    select_related = ("person", "unit", "committee__year")

    def dispatch_checks(self):
        """None while the committee may still propose; otherwise where to send the member, having said why."""
        committee = self.object.committee
        if committee.is_editable and committee.year.status == YearStatus.SCORING:
            return None
        messages.info(
            self.request,
            _("Already handled: the evaluation is %(status)s.") % {"status": committee.get_status_display()},
        )
        return HttpResponseRedirect(committee.get_absolute_url())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.dispatch_checks() or self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.dispatch_checks() or super().post(request, *args, **kwargs)

    def get_form(self, data=None):
        a = self.object
        self.verdict = services.verdicts(a.committee.year, [a])[a.pk]
        initial = {
            "proposed_grade": a.proposed_grade,
            "comments": a.comments,
            "recommended": {True: "yes", False: "no"}.get(a.recommended, ""),
        }
        return ProposalForm(data, initial=initial, grades=scoring.allowed_grades(self.verdict))

    def get_context(self, form):
        context = super().get_context(form)
        committee = self.object.committee
        final = services.scores_final(committee)
        score = services.committee_scores(committee, [self.object])[self.object.pk] if final else None
        scale = list(committee.year.scale.values_list("grade", "min_score"))
        assessments = list(committee.assessments.select_related("unit"))
        context.update(
            cancel_url=committee.get_absolute_url(),
            heading=f"{self.title} · {self.object.person.name}",
            committee=committee,
            final=final,
            score=score,
            suggested=grade_label(suggested_grade(score, scale, self.verdict)) if score is not None else "",
            verdict=self.verdict,
            quota=services.quota_limits(committee, assessments),
        )
        return context

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
    """The justice bureau's review: every lawyer's proposed grade with its score and the rules, then a decision
    nobody preselected."""

    model = Committee
    form_class = ReviewForm
    allowed_roles = frozenset({Role.JUSTICE_BUREAU})
    title = gettext_lazy("Review the initial evaluation")
    template_name = "assessments/committee_review.html"
    select_related = ("year", "unit", "system_organisation")

    def stale(self):
        if self.object.status == CommitteeStatus.SUBMITTED:
            return None
        messages.info(
            self.request,
            _("Already handled: the evaluation is %(status)s.") % {"status": self.object.get_status_display()},
        )
        return HttpResponseRedirect(self.object.get_absolute_url())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.stale() or self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.stale() or super().post(request, *args, **kwargs)

    def get_context(self, form):
        context = super().get_context(form)
        committee = self.object
        assessments = list(committee.assessments.select_related("person", "unit").order_by("person__name"))
        rows = evaluation_rows(committee, assessments, shown_scores(committee, assessments, final=True))
        counts = {}
        for assessment in assessments:
            counts[assessment.proposed_grade] = counts.get(assessment.proposed_grade, 0) + 1
        context.update(
            rows=rows,
            grade_counts=[(Grade(grade).label, counts[grade]) for grade in Grade.values if grade in counts],
            quota=services.quota_limits(committee, assessments),
        )
        return context

    def act(self, form):
        services.committee_review(actor=self.request.user, committee=self.object, **form.cleaned_data)
        if form.cleaned_data["decision"] == "return":
            messages.success(self.request, gettext_lazy("The evaluation was returned; the committee scores again."))
        else:
            messages.success(self.request, gettext_lazy("The evaluation was confirmed and published."))


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
