"""The assessment workflow: open a year, form committees, score, propose grades, review, publish, object.

open → scoring → the committee's initial evaluation (初评) → justice bureau review (confirm or return) →
published; a lawyer may object within 5 working days of publication and the committee answers. A return
reopens the scoring: the members' submissions are withdrawn, so each may change their scores and submit again.

Locks are taken year first, then committee, wherever both are needed, so two workflows never wait on each
other in opposite orders.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import COUNTY_WIDE_ROLES, Role
from accounts.models import User
from chenggu_lawyers.workdays import add_working_days
from lawyers.models import Person
from notices.services import notify, resolve
from training.hours import certificates_in_force_during

from .. import scoring
from ..choices import (
    DEFAULT_CRITERIA,
    DEFAULT_SCALE,
    CommitteeStatus,
    Grade,
    QuotaPool,
    ReviewDecision,
    YearStatus,
)
from ..facts import fact_sheets
from ..models import (
    Assessment,
    AssessmentYear,
    Committee,
    Criterion,
    GradeLevel,
    MemberSubmission,
    Objection,
    Score,
)

OBJECTION_WORKING_DAYS = 5
YEAR_KEEPERS = COUNTY_WIDE_ROLES
REVIEWERS = frozenset({Role.JUSTICE_BUREAU})
COMMITTEE_KEEPERS = COUNTY_WIDE_ROLES | {Role.UNIT_OFFICER}


def _require(actor, roles) -> None:
    if actor.role not in roles:
        raise PermissionDenied


def _require_member(actor, committee: Committee) -> None:
    if actor.role != Role.COMMITTEE_MEMBER or not committee.members.filter(pk=actor.pk).exists():
        raise PermissionDenied


def _locked(committee: Committee) -> Committee:
    return Committee.objects.select_for_update().select_related("year").get(pk=committee.pk)


def _locked_year(year_id: int) -> AssessmentYear:
    return AssessmentYear.objects.select_for_update().get(pk=year_id)


@transaction.atomic
def year_open(*, actor, year: AssessmentYear, units) -> AssessmentYear:
    """Save a new year with the default criteria, weights and grade scale; the bureau edits them while open."""
    _require(actor, YEAR_KEEPERS)
    year.opened_by = actor
    year.status = YearStatus.OPEN
    year.full_clean()
    year.save()
    year.units.set(units)
    Criterion.objects.bulk_create(
        Criterion(year=year, name=name, weight=Decimal(weight), position=index)
        for index, (name, weight) in enumerate(DEFAULT_CRITERIA)
    )
    GradeLevel.objects.bulk_create(
        GradeLevel(year=year, grade=grade, label=label, min_score=Decimal(lowest))
        for grade, label, lowest in DEFAULT_SCALE
    )
    return year


def year_check_open(year: AssessmentYear) -> None:
    if year.status != YearStatus.OPEN:
        raise ValidationError(_("Criteria, weights, scale and units can change only while the year is open."))


@transaction.atomic
def year_update(*, actor, year: AssessmentYear) -> AssessmentYear:
    """Save the year's dates, 优秀 quota (percentage, pool, rounding) and rules over scores, until it is published.

    An evaluation already submitted keeps the check it passed; the justice bureau sees the rules as they are
    now when it reviews."""
    _require(actor, YEAR_KEEPERS)
    # Locked against a place allocation or a committee's evaluation checking the quota meanwhile.
    locked = _locked_year(year.pk)
    if locked.status == YearStatus.PUBLISHED:
        raise ValidationError(_("The year is published; its settings can no longer change."))
    year.status = locked.status
    year.full_clean()
    if year.quota_pool == QuotaPool.COUNTY and year.status == YearStatus.SCORING:
        allocated = sum(year.committees.exclude(excellent_places=None).values_list("excellent_places", flat=True))
        total = county_places(year)
        if allocated > total:
            raise ValidationError(
                _(
                    "The committees hold %(allocated)s excellent places; the county has %(total)s with these "
                    "settings. Reduce the allocation first."
                )
                % {"allocated": allocated, "total": total}
            )
    year.save()
    if year.quota_pool == QuotaPool.COUNTY and year.status == YearStatus.SCORING:
        committees = list(year.committees.all())
        if all(c.excellent_places is None for c in committees):
            # Switched to the county pool while scoring: the same proportional start as at the start.
            _allocate_proportionally(year, committees)
    return year


def _allocate_proportionally(year: AssessmentYear, committees) -> None:
    lawyers = dict(
        Assessment.objects.filter(committee__year=year)
        .values("committee")
        .annotate(n=Count("pk"))
        .values_list("committee", "n")
    )
    places = scoring.allocate_places(county_places(year), {c.pk: lawyers.get(c.pk, 0) for c in committees})
    for committee in committees:
        committee.excellent_places = places[committee.pk]
        committee.save(update_fields=["excellent_places", "updated_at"])


def committee_units(committee: Committee):
    """The taking-part units whose lawyers the committee assesses."""
    units = committee.year.units.all()
    if committee.unit_id:
        return units.filter(pk=committee.unit_id)
    return units.filter(superior_id=committee.system_organisation_id)


def lawyers_for(committee: Committee):
    """People of the committee's units whose certificate was in force at some time in the year."""
    in_force = certificates_in_force_during(committee.year.year).filter(person=OuterRef("pk"))
    return Person.objects.filter(Exists(in_force), unit__in=committee_units(committee))


@transaction.atomic
def committee_create(*, actor, committee: Committee, members) -> Committee:
    _require(actor, COMMITTEE_KEEPERS)
    year = AssessmentYear.objects.select_for_update().get(pk=committee.year_id)
    year_check_open(year)
    if actor.role == Role.UNIT_OFFICER and committee.unit_id != actor.unit_id:
        raise PermissionDenied
    members = list(members)
    if not members:
        raise ValidationError({"members": _("A committee needs at least one member.")})
    if any(member.role != Role.COMMITTEE_MEMBER or not member.is_active for member in members):
        raise ValidationError({"members": _("Members must be active committee-member accounts.")})
    committee.full_clean()
    if not committee_units(committee).exists():
        raise ValidationError(_("None of the units taking part belongs to this committee."))
    committee.save()
    committee.members.set(members)
    return committee


@transaction.atomic
def year_start_scoring(*, actor, year: AssessmentYear) -> int:
    """Close the set-up, list each committee's lawyers and let the members score. Returns the lawyers listed."""
    _require(actor, YEAR_KEEPERS)
    # Locked so a committee cannot be added while the lawyers are being listed.
    year = AssessmentYear.objects.select_for_update().get(pk=year.pk)
    year_check_open(year)
    committees = list(year.committees.select_related("year"))
    covered = {c.unit_id for c in committees if c.unit_id}
    systems = {c.system_organisation_id for c in committees if c.system_organisation_id}
    missing = year.units.exclude(pk__in=covered).exclude(superior_id__in=systems)
    if missing.exists():
        names = "、".join(missing.values_list("name", flat=True)[:5])
        raise ValidationError(_("These units have no committee yet: %(units)s.") % {"units": names})
    rows = [
        Assessment(committee=committee, person=person, unit_id=person.unit_id, civil_servant_grade="")
        for committee in committees
        for person in lawyers_for(committee)
    ]
    Assessment.objects.bulk_create(rows)
    year.status = YearStatus.SCORING
    year.save(update_fields=["status", "updated_at"])
    if year.quota_pool == QuotaPool.COUNTY:
        # A proportional start the justice bureau then adjusts (places_allocate), so no committee waits for
        # its places before it can propose an excellent lawyer.
        _allocate_proportionally(year, committees)
    # Each committee's members are sent to that committee's page, where they score.
    for committee in Committee.objects.filter(year=year).prefetch_related("members"):
        notify(
            recipients=committee.members.all(),
            kind="assessment_scoring",
            title=_("Scoring of the %(year)s assessment has started") % {"year": year.year},
            body=_("Please score every lawyer by %(day)s.") % {"day": year.scoring_deadline},
            url=committee.get_absolute_url(),
        )
    return len(rows)


@transaction.atomic
def scores_save(*, actor, assessment: Assessment, values: dict[int, Decimal]) -> None:
    """Save one member's scores of one lawyer. Each member writes only their own rows."""
    # Locked against the member's own submission and the committee's initial evaluation landing meanwhile;
    # other members' rows are separate rows, so their saves at the same moment are kept.
    committee = _locked(assessment.committee)
    _require_member(actor, committee)
    if not committee.is_editable or committee.year.status != YearStatus.SCORING:
        raise ValidationError(_("The committee is not scoring now."))
    if actor.person_id and actor.person_id == assessment.person_id:
        raise ValidationError(_("A member never scores themselves."))
    if MemberSubmission.objects.filter(committee=committee, member=actor).exists():
        raise ValidationError(_("You have already submitted your scores; they can no longer be changed."))
    criteria = set(committee.year.criteria.values_list("pk", flat=True))
    for criterion_id, value in values.items():
        if criterion_id not in criteria:
            raise ValidationError(_("Unknown criterion."))
        score = Score.objects.filter(assessment=assessment, member=actor, criterion_id=criterion_id).first()
        score = score or Score(assessment=assessment, member=actor, criterion_id=criterion_id)
        score.value = value
        score.full_clean()
        score.save()


@transaction.atomic
def scores_submit(*, actor, committee: Committee) -> None:
    committee = _locked(committee)
    _require_member(actor, committee)
    if not committee.is_editable:
        raise ValidationError(_("The committee is not scoring now."))
    if scores_missing(committee, actor):
        raise ValidationError(_("Score every criterion of every lawyer before submitting."))
    submission = MemberSubmission(committee=committee, member=actor)
    submission.full_clean()
    submission.save()
    # The notices that asked this member to score (or score again) are done with.
    resolve(
        url=committee.get_absolute_url(),
        kinds=["assessment_scoring", "assessment_returned"],
        recipients=[actor],
    )


def scores_missing(committee: Committee, member) -> int:
    """How many criterion scores `member` has yet to give (a member never scores themselves)."""
    expected = committee.year.criteria.count() * committee.assessments.exclude(person_id=member.person_id or 0).count()
    return max(expected - Score.objects.filter(assessment__committee=committee, member=member).count(), 0)


def scores_final(committee: Committee) -> bool:
    """Every member has submitted, so the committee score is final; it is shown from then on."""
    return committee.submissions.count() >= committee.members.count()


def committee_scores(
    committee: Committee, assessments=None, *, weights=None, submitted=None, size=None
) -> dict[int, Decimal | None]:
    """{assessment id: committee score} from the submitted members' scores. A page that has already read the
    weights, the submitted members or the committee's size passes them in."""
    if weights is None:
        weights = dict(committee.year.criteria.values_list("pk", "weight"))
    if submitted is None:
        submitted = set(committee.submissions.values_list("member_id", flat=True))
    by_member = {}
    rows = Score.objects.filter(assessment__committee=committee, member_id__in=submitted)
    for assessment_id, member_id, criterion_id, value in rows.values_list(
        "assessment_id", "member_id", "criterion_id", "value"
    ):
        by_member.setdefault(assessment_id, {}).setdefault(member_id, {})[criterion_id] = value
    if size is None:
        size = committee.members.count()
    ids = [a.pk for a in assessments] if assessments is not None else committee.assessments.values_list("pk", flat=True)
    result = {}
    for assessment_id in ids:
        totals = [scoring.member_total(values, weights) for values in by_member.get(assessment_id, {}).values()]
        result[assessment_id] = scoring.committee_score([t for t in totals if t is not None], size)
    return result


def verdicts(year: AssessmentYear, assessments, sheets=None) -> dict[int, scoring.Verdict]:
    """{assessment id: what the year's rules over scores say}, from the fact sheets and the civil-servant grades."""
    if sheets is None:
        sheets = fact_sheets(year.year, [a.person_id for a in assessments])
    rules = year.rules
    return {a.pk: scoring.verdict(rules, sheets[a.person_id], a.civil_servant_grade) for a in assessments}


@transaction.atomic
def proposal_save(*, actor, assessment: Assessment, proposed_grade: str, comments: str, recommended) -> Assessment:
    committee = _locked(assessment.committee)
    _require_member(actor, committee)
    if not committee.is_editable:
        raise ValidationError(_("The committee's initial evaluation has been submitted."))
    assessment = Assessment.objects.get(pk=assessment.pk)
    found = verdicts(committee.year, [assessment])[assessment.pk]
    scoring.check_grade(proposed_grade, found)
    assessment.proposed_grade = proposed_grade
    assessment.comments = comments
    assessment.recommended = recommended
    assessment.rule_note = scoring.rule_note(found)
    assessment.full_clean()
    assessment.save()
    return assessment


def county_places(year: AssessmentYear) -> int:
    """The county's 优秀 places: the year's percentage of every lawyer assessed in the year, rounded as it says."""
    assessed = Assessment.objects.filter(committee__year=year).count()
    return scoring.excellent_quota(assessed, year.excellent_quota_percent, year.quota_rounding)


@dataclass(frozen=True)
class QuotaLimit:
    """One pool's cap as it bears on a committee: whose lawyers, how many may be 优秀, how many are proposed."""

    pool: str
    label: str
    lawyers: int
    allowed: int
    proposed: int
    percent: Decimal

    @property
    def exceeded(self) -> bool:
        return self.proposed > self.allowed

    def _values(self) -> dict:
        return {
            "label": self.label,
            "excellent": self.proposed,
            "percent": scoring.percent_text(self.percent),
            "assessed": self.lawyers,
            "allowed": self.allowed,
        }

    @property
    def text(self) -> str:
        """The cap as the committee page states it."""
        if self.pool == QuotaPool.COUNTY:
            return (
                _(
                    "County-wide quota: the justice bureau allocated this committee %(allowed)s places; "
                    "%(excellent)s proposed."
                )
                % self._values()
            )
        if self.pool == QuotaPool.UNIT:
            return (
                _("%(label)s: %(percent)s%% of %(assessed)s lawyers, %(allowed)s places; %(excellent)s proposed.")
                % self._values()
            )
        return (
            _("%(percent)s%% of the committee's %(assessed)s lawyers: %(allowed)s places; %(excellent)s proposed.")
            % self._values()
        )

    @property
    def refusal(self) -> str:
        """Why an evaluation over the cap is refused."""
        if self.pool == QuotaPool.COUNTY:
            return (
                _(
                    "%(excellent)s lawyers are proposed as excellent; the justice bureau allocated this committee "
                    "%(allowed)s of the county's excellent places."
                )
                % self._values()
            )
        if self.pool == QuotaPool.UNIT:
            return (
                _(
                    "%(label)s: %(excellent)s lawyers are proposed as excellent; the quota of %(percent)s%% of the "
                    "unit's %(assessed)s lawyers allows %(allowed)s."
                )
                % self._values()
            )
        return (
            _(
                "%(excellent)s lawyers are proposed as excellent; the quota of %(percent)s%% of the committee's "
                "%(assessed)s lawyers allows %(allowed)s."
            )
            % self._values()
        )


def quota_limits(committee: Committee, assessments) -> list[QuotaLimit]:
    """The 优秀 caps that bind `committee`'s proposals under the year's pool: one for the committee (its own
    share, or under the county pool the places allocated to it), or one per unit."""
    year = committee.year
    excellent = [a for a in assessments if a.proposed_grade == Grade.EXCELLENT]
    if year.quota_pool == QuotaPool.UNIT:
        units = {}
        for assessment in assessments:
            units.setdefault(assessment.unit_id, []).append(assessment)
        return [
            QuotaLimit(
                pool=QuotaPool.UNIT,
                label=members[0].unit.name,
                lawyers=len(members),
                allowed=scoring.excellent_quota(len(members), year.excellent_quota_percent, year.quota_rounding),
                proposed=sum(a.proposed_grade == Grade.EXCELLENT for a in members),
                percent=year.excellent_quota_percent,
            )
            for members in units.values()
        ]
    if year.quota_pool == QuotaPool.COUNTY:
        allowed = committee.excellent_places or 0
    else:
        allowed = scoring.excellent_quota(len(assessments), year.excellent_quota_percent, year.quota_rounding)
    return [
        QuotaLimit(
            pool=year.quota_pool,
            label=str(committee),
            lawyers=len(assessments),
            allowed=allowed,
            proposed=len(excellent),
            percent=year.excellent_quota_percent,
        )
    ]


def _check_rules(assessments, found: dict[int, scoring.Verdict]) -> None:
    # The records may have changed since the proposal (a refusal ruled unjustified, a civil-servant grade
    # entered later): check again against the year's rules as they are now.
    for assessment in assessments:
        try:
            scoring.check_grade(assessment.proposed_grade, found[assessment.pk])
        except ValidationError as error:
            raise ValidationError(f"{assessment.person.name}: {' '.join(error.messages)}") from error


@transaction.atomic
def evaluation_submit(*, actor, committee: Committee) -> None:
    """The committee's initial evaluation (初评): every member submitted, every lawyer graded, the rules hold."""
    _locked_year(committee.year_id)
    committee = _locked(committee)
    _require_member(actor, committee)
    if not committee.is_editable:
        raise ValidationError(_("The initial evaluation has already been submitted."))
    if not scores_final(committee):
        raise ValidationError(_("Every member must submit their scores first."))
    assessments = list(committee.assessments.select_for_update().select_related("person", "unit"))
    if any(not a.proposed_grade for a in assessments):
        raise ValidationError(_("Propose a grade for every lawyer first."))
    sheets = fact_sheets(committee.year.year, [a.person_id for a in assessments])
    found = verdicts(committee.year, assessments, sheets)
    _check_rules(assessments, found)
    exceeded = [limit for limit in quota_limits(committee, assessments) if limit.exceeded]
    if exceeded:
        raise ValidationError([limit.refusal for limit in exceeded])
    scores = committee_scores(committee, assessments)
    for assessment in assessments:
        assessment.score = scores[assessment.pk]
        assessment.facts = sheets[assessment.person_id].as_json()
        assessment.rule_note = scoring.rule_note(found[assessment.pk])
    Assessment.objects.bulk_update(assessments, ["score", "facts", "rule_note"])
    committee.status = CommitteeStatus.SUBMITTED
    committee.submitted_at = timezone.now()
    committee.save(update_fields=["status", "submitted_at", "updated_at"])
    resolve(url=committee.get_absolute_url(), kinds=["assessment_scoring", "assessment_returned"])
    notify(
        recipients=User.objects.filter(role=Role.JUSTICE_BUREAU, is_active=True),
        kind="assessment_submitted",
        title=_("Initial evaluation submitted: %(committee)s") % {"committee": committee},
        url=committee.get_absolute_url(),
    )


@transaction.atomic
def committee_review(*, actor, committee: Committee, decision: str, comment: str = "") -> None:
    """The justice bureau confirms (and so publishes) or returns a committee's initial evaluation.

    A return reopens the scoring: the members' submissions are withdrawn (each deletion in the audit log), so
    every member may change their scores and must submit them again before a new evaluation."""
    _require(actor, REVIEWERS)
    year = _locked_year(committee.year_id)
    committee = _locked(committee)
    if committee.status != CommitteeStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted initial evaluation can be reviewed."))
    # Whichever way it goes, the bureau's notice asking for the review is done with.
    resolve(url=committee.get_absolute_url(), kinds=["assessment_submitted"], roles=REVIEWERS)
    if decision == ReviewDecision.RETURN:
        if not comment.strip():
            raise ValidationError({"comment": _("Say why the evaluation is returned.")})
        committee.status = CommitteeStatus.RETURNED
        committee.review_comment = comment
        committee.save(update_fields=["status", "review_comment", "updated_at"])
        for submission in committee.submissions.all():
            submission.delete()
        notify(
            recipients=committee.members.all(),
            kind="assessment_returned",
            title=_("Initial evaluation returned: %(committee)s") % {"committee": committee},
            body=comment,
            url=committee.get_absolute_url(),
        )
        return
    if decision != ReviewDecision.CONFIRM:
        raise ValidationError(_("Unknown decision."))
    assessments = list(committee.assessments.select_related("person"))
    _check_rules(assessments, verdicts(year, assessments))
    committee.status = CommitteeStatus.PUBLISHED
    committee.review_comment = comment
    committee.published_at = timezone.now()
    committee.save(update_fields=["status", "review_comment", "published_at", "updated_at"])
    if not year.committees.exclude(status=CommitteeStatus.PUBLISHED).exists():
        year.status = YearStatus.PUBLISHED
        year.save(update_fields=["status", "updated_at"])
    # Each lawyer is sent to their own result, where they may object.
    for assessment in committee.assessments.filter(
        person__account__role=Role.PUBLIC_LAWYER, person__account__is_active=True
    ).select_related("person__account"):
        notify(
            recipients=[assessment.person.account],
            kind="assessment_published",
            title=_("Your %(year)s assessment result is published") % {"year": year.year},
            body=_("You may object within %(days)s working days.") % {"days": OBJECTION_WORKING_DAYS},
            url=assessment.get_absolute_url(),
        )


@transaction.atomic
def places_allocate(*, actor, year: AssessmentYear, places: dict[int, int]) -> None:
    """The justice bureau shares the county's 优秀 places among the committees ({committee id: places}).

    The places given stay within the county's total and each committee's lawyers, and never below the 优秀
    already proposed in an evaluation submitted or published."""
    _require(actor, REVIEWERS)
    # Locked year first, then its committees: a committee cannot submit against a total being changed.
    year = _locked_year(year.pk)
    if year.quota_pool != QuotaPool.COUNTY:
        raise ValidationError(_("This year's excellent quota is not county-wide; there are no places to allocate."))
    if year.status != YearStatus.SCORING:
        raise ValidationError(_("Places are allocated while the committees are scoring."))
    committees = {
        c.pk: c
        for c in Committee.objects.select_for_update(of=("self",))
        .filter(year=year)
        .select_related("unit", "system_organisation")
    }
    if set(places) - set(committees):
        raise ValidationError(_("Unknown committee."))
    lawyers = dict(
        Assessment.objects.filter(committee__year=year)
        .values("committee")
        .annotate(n=Count("pk"))
        .values_list("committee", "n")
    )
    excellent = dict(
        Assessment.objects.filter(committee__year=year, proposed_grade=Grade.EXCELLENT)
        .exclude(committee__status__in=[CommitteeStatus.SCORING, CommitteeStatus.RETURNED])
        .values("committee")
        .annotate(n=Count("pk"))
        .values_list("committee", "n")
    )
    errors = []
    for pk, count in places.items():
        committee = committees[pk]
        if count < 0 or count > lawyers.get(pk, 0):
            errors.append(
                _("%(committee)s: between 0 and %(lawyers)s places (its lawyers).")
                % {"committee": committee, "lawyers": lawyers.get(pk, 0)}
            )
        elif count < excellent.get(pk, 0):
            errors.append(
                _("%(committee)s has submitted %(excellent)s excellent lawyers; it keeps at least as many places.")
                % {"committee": committee, "excellent": excellent[pk]}
            )
    if errors:
        raise ValidationError(errors)
    given = {pk: places.get(pk, c.excellent_places or 0) for pk, c in committees.items()}
    total = county_places(year)
    if sum(given.values()) > total:
        raise ValidationError(
            _("%(given)s places allocated; the county has %(total)s.") % {"given": sum(given.values()), "total": total}
        )
    for pk, committee in committees.items():
        if committee.excellent_places != given[pk]:
            committee.excellent_places = given[pk]
            committee.save(update_fields=["excellent_places", "updated_at"])


@transaction.atomic
def civil_grade_save(*, actor, assessment: Assessment, grade: str) -> None:
    """The unit enters the lawyer's civil-servant annual grade (R3.3 is combined with that assessment)."""
    _require(actor, {Role.UNIT_OFFICER})
    committee = _locked(assessment.committee)
    if actor.unit_id != assessment.unit_id:
        raise PermissionDenied
    if committee.status == CommitteeStatus.PUBLISHED:
        raise ValidationError(_("The result is published."))
    assessment.civil_servant_grade = grade
    assessment.full_clean()
    assessment.save(update_fields=["civil_servant_grade", "updated_at"])


def objection_deadline(committee: Committee) -> date | None:
    if committee.published_at is None:
        return None
    return add_working_days(timezone.localdate(committee.published_at), OBJECTION_WORKING_DAYS)


@transaction.atomic
def objection_file(*, actor, assessment: Assessment, text: str) -> Objection:
    _require(actor, {Role.PUBLIC_LAWYER})
    assessment = Assessment.objects.select_for_update().select_related("committee").get(pk=assessment.pk)
    if actor.person_id != assessment.person_id:
        raise PermissionDenied
    deadline = objection_deadline(assessment.committee)
    if deadline is None:
        raise ValidationError(_("The result is not published yet."))
    if timezone.localdate() > deadline:
        raise ValidationError(_("Objections were due by %(day)s.") % {"day": deadline})
    if Objection.objects.filter(assessment=assessment).exists():
        raise ValidationError(_("You have already objected to this result."))
    objection = Objection(assessment=assessment, text=text, filed_by=actor)
    objection.full_clean()
    objection.save()
    notify(
        recipients=assessment.committee.members.all(),
        kind="assessment_objection",
        title=_("Objection to an assessment result: %(name)s") % {"name": assessment.person.name},
        body=text,
        url=assessment.get_absolute_url(),
    )
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: Objection, answer: str) -> Objection:
    # Locked so two members answering together do not overwrite each other's answer.
    objection = Objection.objects.select_for_update().select_related("assessment__committee").get(pk=objection.pk)
    _require_member(actor, objection.assessment.committee)
    if objection.answered_at:
        raise ValidationError(_("The objection has already been answered."))
    if not answer.strip():
        raise ValidationError({"answer": _("Write the committee's answer.")})
    objection.answer = answer
    objection.answered_by = actor
    objection.answered_at = timezone.now()
    objection.full_clean()
    objection.save()
    notify(
        recipients=[objection.filed_by],
        kind="assessment_objection_answered",
        title=_("The committee answered your objection"),
        body=answer,
        url=objection.assessment.get_absolute_url(),
    )
    return objection


def unfinished_units(year: AssessmentYear):
    """Taking-part units whose committee has not yet had its evaluation published."""
    published = Committee.objects.filter(year=year, status=CommitteeStatus.PUBLISHED)
    done_units = published.filter(unit__isnull=False).values("unit_id")
    done_systems = published.filter(system_organisation__isnull=False).values("system_organisation_id")
    return year.units.exclude(Q(pk__in=done_units) | Q(superior_id__in=done_systems)).order_by("name")
