"""Small factories for engagements, pool members and dispatches, built through the services."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from advisors import services
from advisors.models import Engagement, PoolMember


def make_engagement(officer, name="王顾问", starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31), **fields):
    defaults = {
        "advisor_kind": "lawyer",
        "organisation": "陕西汉风律师事务所",
        "practice_number": "16107201510012345",
    }
    engagement = Engagement(
        unit=officer.unit, advisor_name=name, starts_on=starts_on, ends_on=ends_on, **{**defaults, **fields}
    )
    engagement, _warnings = services.engagement_record(actor=officer, engagement=engagement)
    return engagement


def make_dispatch(officer, pool_user, member, starts_on=date(2023, 6, 1), ends_on=date(2024, 5, 31)):
    """A request of the officer's unit granted by the pool office."""
    dispatch = services.dispatch_request(actor=officer, needs="审查重大合同", wanted_from=starts_on)
    return services.dispatch_grant(
        actor=pool_user, dispatch=dispatch, member=member, starts_on=starts_on, ends_on=ends_on
    )


def make_member(pool_user, name="市局律师", number="16107201860012345", joined_on=date(2023, 1, 1), **fields):
    member = PoolMember(
        system_id=pool_user.system_organisation_id,
        name=name,
        organisation=pool_user.system_organisation.name,
        practice_number=number,
        joined_on=joined_on,
        **fields,
    )
    return services.pool_member_add(actor=pool_user, member=member)


def exported_cells(response) -> set:
    """Every cell value of a downloaded .xlsx export."""
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    return {cell for row in sheet.iter_rows(values_only=True) for cell in row}
