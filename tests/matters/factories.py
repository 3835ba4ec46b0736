"""Small factories for matters, built through the services."""

from datetime import timedelta

from django.utils import timezone

from matters import services
from matters.models import DecisionItem, Matter


def make_decision_item(officer, title="重大行政处罚决定", **fields) -> DecisionItem:
    item = DecisionItem(unit=officer.unit, title=title, **fields)
    item.full_clean()
    item.save()
    return item


def make_matter(officer, category="contracts", title="审查采购合同", due_on=None, **fields) -> Matter:
    details = {
        "contracts": {"counterparty": "汉中某建设公司"},
        "litigation_petitions": {"forum": "城固县人民法院", "parties": "张某诉本局", "our_role": "respondent"},
        "reconsideration": {"forum": "城固县人民政府", "parties": "李某申请复议", "our_role": "respondent"},
        "publicity": {"event": "宪法宣传周"},
    }.get(category, {})
    matter = Matter(
        unit=officer.unit,
        category=category,
        title=title,
        due_on=due_on or timezone.localdate() + timedelta(days=30),
        **{**details, **fields},
    )
    return services.matter_create(actor=officer, matter=matter)


def assign(officer, matter, *people, due_on=None, members=(), engagements=()):
    return services.matter_assign(
        actor=officer,
        matter=matter,
        due_on=due_on or matter.due_on,
        people=people,
        members=members,
        engagements=engagements,
    )


def answered(officer, lawyer_user, matter, person, text="建议修改第三条。"):
    """A matter assigned to `person`, accepted and answered with one opinion version."""
    (assignment,) = assign(officer, matter, person)
    services.assignment_accept(actor=lawyer_user, assignment=assignment)
    services.opinion_submit(actor=lawyer_user, assignment=assignment, text=text)
    assignment.refresh_from_db()
    return assignment
