"""Demo assessments: 2025 finished and published, 2026 being scored, for 城固县市场监督管理局 and 城固县自然资源局.

Adds two clearly marked demo committee-member accounts beside the demo account "committee", and the units'
summaries (R4.3): for 2025 the market regulator's submitted and the natural-resources bureau's a draft, for
2026 the market regulator's draft.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from units.models import Unit

from . import services
from .choices import Grade
from .facts import fact_sheets
from .models import AssessmentYear, Committee, UnitSummary
from .scoring import excellent_quota, suggested_grade

MARKET = "城固县市场监督管理局"
LAND = "城固县自然资源局"
DEMO_PASSWORD = "Chenggu#2023"
# (username, family name, given name, unit)
DEMO_MEMBERS = (
    ("committee_demo2", "钱", "委员（演示）", MARKET),
    ("committee_demo_land", "孙", "委员（演示）", LAND),
)
SCORES = (Decimal(92), Decimal(85), Decimal(78), Decimal(88))
# (year, unit, officer's username, submitted?, work done, problems, plans) of the demo summaries.
DEMO_SUMMARIES = (
    (
        2025,
        MARKET,
        "officer",
        True,
        "演示数据：本年度建立公职律师参与重大行政决策合法性审查制度，公职律师全程参与合同审查和行政复议应诉工作。",
        "演示数据：公职律师人数偏少，基层执法所法律力量不足。",
        "演示数据：下一年度再推荐两名具备法律职业资格的工作人员申请公职律师证书，组织同堂培训。",
    ),
    (2025, LAND, "officer2", False, "演示数据：草稿，正在整理本年度工作情况。", "", ""),
    (2026, MARKET, "officer", False, "演示数据：草稿，年底前补充完整。", "", ""),
)


def _member(username, last_name, first_name, unit):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username, last_name=last_name, first_name=first_name, role=Role.COMMITTEE_MEMBER, unit=unit
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _open(justice, year, units):
    draft = AssessmentYear(
        year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        scoring_deadline=date(year + 1, 1, 20),
        review_deadline=date(year + 1, 1, 31),
    )
    return services.year_open(actor=justice, year=draft, units=units)


def _score(member, committee, offset=0):
    criteria = list(committee.year.criteria.values_list("pk", flat=True))
    for index, assessment in enumerate(committee.assessments.order_by("pk")):
        if member.person_id and member.person_id == assessment.person_id:
            continue
        value = SCORES[(index + offset) % len(SCORES)]
        services.scores_save(actor=member, assessment=assessment, values=dict.fromkeys(criteria, value))


def _finish(committee, members, justice):
    for offset, member in enumerate(members):
        _score(member, committee, offset)
        services.scores_submit(actor=member, committee=committee)
    assessments = list(committee.assessments.order_by("pk"))
    sheets = fact_sheets(committee.year.year, [a.person_id for a in assessments])
    scores = services.committee_scores(committee, assessments)
    scale = list(committee.year.scale.values_list("grade", "min_score"))
    allowed = excellent_quota(len(assessments), committee.year.excellent_quota_percent)
    for assessment in assessments:
        grade = suggested_grade(scores[assessment.pk], scale, sheets[assessment.person_id])
        if grade == Grade.EXCELLENT:
            if allowed == 0:
                grade = Grade.COMPETENT
            allowed -= 1
        services.proposal_save(
            actor=members[0],
            assessment=assessment,
            proposed_grade=grade,
            comments="演示数据：履职认真，按时完成指派事项。",
            recommended=grade != Grade.INCOMPETENT,
        )
    services.evaluation_submit(actor=members[0], committee=committee)
    services.committee_review(actor=justice, committee=committee, decision="confirm", comment="演示数据：审核通过。")


@transaction.atomic
def load_demo_assessments() -> int:
    """Load the demo years; returns how many were created (0 when they exist or the demo base is missing)."""
    justice = User.objects.filter(role=Role.JUSTICE_BUREAU).order_by("pk").first()
    committee_user = User.objects.filter(username="committee", role=Role.COMMITTEE_MEMBER).first()
    market = Unit.objects.filter(name=MARKET, abolished_on__isnull=True).first()
    land = Unit.objects.filter(name=LAND, abolished_on__isnull=True).first()
    if None in (justice, committee_user, market, land):
        return 0
    units = {MARKET: market, LAND: land}
    second, land_member = (_member(name, last, first, units[unit]) for name, last, first, unit in DEMO_MEMBERS)
    created = 0
    for year, finished in ((2025, True), (2026, False)):
        if AssessmentYear.objects.filter(year=year).exists():
            continue
        assessment_year = _open(justice, year, [market, land])
        market_committee = services.committee_create(
            actor=justice, committee=Committee(year=assessment_year, unit=market), members=[committee_user, second]
        )
        land_committee = services.committee_create(
            actor=justice, committee=Committee(year=assessment_year, unit=land), members=[land_member]
        )
        services.year_start_scoring(actor=justice, year=assessment_year)
        market_committee = Committee.objects.get(pk=market_committee.pk)
        land_committee = Committee.objects.get(pk=land_committee.pk)
        if finished:
            _finish(market_committee, [committee_user, second], justice)
            _finish(land_committee, [land_member], justice)
        else:
            # Scoring under way: the second member has scored, the demo account "committee" has not yet.
            _score(second, market_committee)
        created += 1
    _summaries(units)
    return created


def _summaries(units) -> None:
    """The demo summaries, each made once: a second run finds them and writes nothing."""
    for year_number, unit_name, username, submit, work_done, problems, plans in DEMO_SUMMARIES:
        if year_number > timezone.localdate().year:
            continue  # a year not yet begun has no summary (tests load the demo at earlier dates)
        year = AssessmentYear.objects.filter(year=year_number).first()
        officer = User.objects.filter(username=username, role=Role.UNIT_OFFICER, unit=units[unit_name]).first()
        if year is None or officer is None or UnitSummary.objects.filter(year=year, unit=units[unit_name]).exists():
            continue
        summary = services.summary_start(actor=officer, year=year)
        services.summary_save_text(actor=officer, summary=summary, work_done=work_done, problems=problems, plans=plans)
        if submit:
            services.summary_submit(actor=officer, summary=summary)
