"""Who may be assigned a unit's matters on a day (R2.3 with R1.4 and R1.5): its public lawyers (posted there
with a certificate in force), pool lawyers dispatched to it, and its legal advisors."""

from dataclasses import dataclass
from datetime import date

from advisors.choices import DispatchStatus
from advisors.models import Dispatch, Engagement, PoolMember
from lawyers.models import Person
from lawyers.services import public_lawyer_postings_on


@dataclass(frozen=True)
class Candidates:
    """Who may handle a unit's matters on a day: its public lawyers, pool lawyers dispatched to it and
    its legal advisors (R2.3 with R1.4, R1.5)."""

    people: list[Person]
    members: list[PoolMember]
    engagements: list[Engagement]


def lawyers_of(unit_id: int, day: date):
    """The unit's public lawyers on `day`: posted there with a certificate in force."""
    return Person.objects.filter(pk__in=public_lawyer_postings_on(day).filter(unit_id=unit_id).values("person"))


def dispatched_members_of(unit_id: int, day: date):
    dispatches = Dispatch.objects.filter(status=DispatchStatus.DISPATCHED, unit_id=unit_id).in_force_on(day)
    return PoolMember.objects.filter(pk__in=dispatches.values("member"))


def advisors_of(unit_id: int, day: date):
    return Engagement.objects.in_force_on(day).filter(unit_id=unit_id)


def candidates_for(unit_id: int, day: date) -> Candidates:
    return Candidates(
        people=list(lawyers_of(unit_id, day).order_by("name")),
        members=list(dispatched_members_of(unit_id, day).order_by("name")),
        engagements=list(advisors_of(unit_id, day).order_by("advisor_name")),
    )
