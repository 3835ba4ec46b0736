"""Workflows of the advisors app: engaging legal advisors (R1.4), keeping a system's talent pool and
dispatching its lawyers to units that ask (R1.5), and the coverage reads the dashboards build on.

Each workflow takes the acting user, checks that the step is allowed from the current state, and writes
inside one transaction with the rows it decides on locked. A refused step raises ValidationError with a
message for the user and changes nothing; a role that may never take the step gets PermissionDenied.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.in_force import DISPATCH, ENGAGEMENT
from chenggu_lawyers.punctuation import join_list
from lawyers.models import Certificate, Person
from lawyers.services import public_lawyer_postings_on
from lawyers.validators import check_practice_number
from matters.choices import MatterCategory
from notices.services import notify
from units.models import SystemOrganisation, Unit

from .choices import DispatchStatus
from .models import Dispatch, Engagement, PoolMember

# R1.5 gives dispatch to "units without public lawyers". A county that wants to let a unit with too few
# lawyers ask as well turns this off.
DISPATCH_ONLY_WITHOUT_OWN_LAWYERS = True

# ---------------------------------------------------------------------------------------------------------
# Coverage: "carries out public-lawyer work" without own lawyers (DOMAIN.md). The dashboard, its export and
# any API annotate units with these expressions, so every number comes from the same reading of the dates.


def engagements_in_force_on(day: date):
    return Engagement.objects.in_force_on(day)


def dispatches_in_force_on(day: date):
    return Dispatch.objects.filter(status=DispatchStatus.DISPATCHED).in_force_on(day)


def engagement_covers(day: date, unit_ref: str = "pk") -> Exists:
    """True for a unit (outer reference `unit_ref`) with a legal-advisor engagement covering `day`."""
    return Exists(engagements_in_force_on(day).filter(unit=OuterRef(unit_ref)))


def dispatch_covers(day: date, unit_ref: str = "pk") -> Exists:
    """True for a unit (outer reference `unit_ref`) served on `day` by a dispatched pool lawyer."""
    return Exists(dispatches_in_force_on(day).filter(unit=OuterRef(unit_ref)))


def covered_without_own_lawyer(day: date, unit_ref: str = "pk") -> Q:
    """Units covered on `day` by an advisor or a dispatch: the second and third ways a unit "carries out
    public-lawyer work"; the dashboard adds the first, having a public lawyer, from the lawyers app."""
    return Q(engagement_covers(day, unit_ref)) | Q(dispatch_covers(day, unit_ref))


def systems_with_pool_on(day: date):
    """Superior organisations with at least one lawyer in their pool on `day`: for the shortest path to
    cover a unit of a system (request a dispatch, DOMAIN.md "Findings")."""
    return SystemOrganisation.objects.filter(Exists(PoolMember.objects.current_on(day).filter(system=OuterRef("pk"))))


def unit_advisor_summary(unit: Unit, user) -> dict:
    """What a unit's page shows about advisors and dispatches in force today, read in the user's scope."""
    today = timezone.localdate()
    return {
        "advisor_engagements": list(engagements_in_force_on(today).visible_to(user).filter(unit=unit)),
        "advisor_dispatches": list(
            dispatches_in_force_on(today).visible_to(user).filter(unit=unit).select_related("member")
        ),
    }


# ---------------------------------------------------------------------------------------------------------
# Guards


def _require_own_unit(actor, unit_id):
    if actor.role != Role.UNIT_OFFICER or actor.unit_id != unit_id:
        raise PermissionDenied


def _require_pool_office(actor, system_id):
    if actor.role != Role.POOL_OFFICER or actor.system_organisation_id != system_id:
        raise PermissionDenied


def _locked_unit(unit_id) -> Unit:
    return Unit.objects.select_for_update().get(pk=unit_id)


def _check_early_end(term, on: date, reason: str):
    if term.terminated_on is not None:
        raise ValidationError(_("This term has already been ended early."))
    if not reason.strip():
        raise ValidationError(_("Please give the reason for the early end."))
    if not term.starts_on <= on <= term.ends_on:
        raise ValidationError(
            _("The early end must take effect between %(start)s and %(end)s.")
            % {"start": term.starts_on, "end": term.ends_on}
        )


def _unit_officers(unit_id):
    return User.objects.filter(role=Role.UNIT_OFFICER, unit_id=unit_id, is_active=True)


def _pool_offices(system_id):
    return User.objects.filter(role=Role.POOL_OFFICER, system_organisation_id=system_id, is_active=True)


def _member_account(member: PoolMember):
    if member.person_id is None:
        return []
    return list(User.objects.filter(role=Role.PUBLIC_LAWYER, person_id=member.person_id, is_active=True))


# ---------------------------------------------------------------------------------------------------------
# Legal advisors (R1.4)


def _check_engagement(engagement: Engagement):
    engagement.full_clean()
    unit = engagement.unit
    if unit.abolished_on is not None and engagement.starts_on >= unit.abolished_on:
        raise ValidationError(_("%(unit)s was abolished on %(day)s.") % {"unit": unit, "day": unit.abolished_on})
    same_advisor = (
        Q(practice_number=engagement.practice_number)
        if engagement.practice_number
        else Q(advisor_name=engagement.advisor_name, organisation=engagement.organisation)
    )
    overlapping = (
        Engagement.objects.filter(same_advisor, unit_id=engagement.unit_id)
        .exclude(pk=engagement.pk)
        .filter(ENGAGEMENT.overlaps_q(engagement.starts_on, engagement.last_day + timedelta(days=1)))
    )
    if overlapping.exists():
        raise ValidationError(
            _("%(advisor)s is already engaged by the unit for part of this term; renew after the term ends.")
            % {"advisor": engagement.advisor_name}
        )


def engagement_warnings(engagement: Engagement) -> list[str]:
    """R1.4 is a transition for units without qualified staff; it does not discharge R1.2. The staff are
    counted as the coverage engine does (DOMAIN.md, clarifications: R1.2 staff on the day, here the day the
    term starts or today, whichever is later): the advisor will not count while they are there."""
    day = max(engagement.starts_on, timezone.localdate())
    waiting = Person.objects.posted_in(engagement.unit_id, day).r12_staff(day).count()
    if not waiting:
        return []
    return [
        _(
            "Your unit has %(count)s qualified full-time legal staff who are not public lawyers. A legal advisor "
            "is the transition for units without such staff: while they are there, the advisor does not count "
            "towards carrying out public-lawyer work. Put the eligible ones forward for a certificate."
        )
        % {"count": waiting}
    ]


@transaction.atomic
def engagement_record(*, actor, engagement: Engagement) -> tuple[Engagement, list[str]]:
    """Save a new engagement of the actor's unit; returns it with any warnings for the officer."""
    _require_own_unit(actor, engagement.unit_id)
    # Lock the unit: two officers recording the same advisor at once cannot both pass the overlap check.
    engagement.unit = _locked_unit(engagement.unit_id)
    _check_engagement(engagement)
    engagement.save()
    return engagement, engagement_warnings(engagement)


@transaction.atomic
def engagement_update(*, actor, engagement: Engagement) -> Engagement:
    _require_own_unit(actor, engagement.unit_id)
    # The same race as recording: an edit and a new engagement of the same advisor at once.
    engagement.unit = _locked_unit(engagement.unit_id)
    _check_engagement(engagement)
    engagement.save()
    return engagement


@transaction.atomic
def engagement_terminate(*, actor, engagement: Engagement, on: date, reason: str) -> Engagement:
    """End an engagement before its agreed last day; from `on` the advisor no longer covers the unit."""
    _require_own_unit(actor, engagement.unit_id)
    # Lock the row: an edit of the term saved meanwhile could leave the early end outside the term.
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    _check_early_end(engagement, on, reason)
    engagement.terminated_on = on
    engagement.termination_reason = reason.strip()
    engagement.full_clean()
    engagement.save()
    return engagement


# ---------------------------------------------------------------------------------------------------------
# The system's talent pool (R1.5)


def pool_candidates(user):
    """People of the user's system on the county roster who hold a certificate in force today."""
    in_force = Certificate.objects.active_on(timezone.localdate()).filter(person=OuterRef("pk"))
    return Person.objects.visible_to(user).filter(Exists(in_force)).select_related("unit")


@transaction.atomic
def pool_member_add(*, actor, member: PoolMember) -> PoolMember:
    """Put a public lawyer into the actor's system pool: one of the system's people on the roster (name,
    organisation and number are taken from the records) or a lawyer serving elsewhere in the system."""
    _require_pool_office(actor, member.system_id)
    # Lock the system: two officers adding the same lawyer at once cannot both pass the duplicate check.
    SystemOrganisation.objects.select_for_update().get(pk=member.system_id)
    if member.person_id is not None:
        person = Person.objects.select_related("unit").get(pk=member.person_id)
        if person.unit.superior_id != member.system_id:
            raise ValidationError(_("%(name)s does not work in a unit of this system.") % {"name": person.name})
        certificate = Certificate.objects.active_on(timezone.localdate()).filter(person=person).first()
        if certificate is None:
            raise ValidationError(_("%(name)s holds no public-lawyer certificate in force.") % {"name": person.name})
        member.name = person.name
        member.organisation = person.unit.name
        member.practice_number = certificate.number
        member.phone = member.phone or person.phone
    else:
        check = check_practice_number(member.practice_number, sex=None, issued_on=None)
        if check.errors:
            raise ValidationError({"practice_number": check.errors})
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def pool_member_update(*, actor, member: PoolMember) -> PoolMember:
    _require_pool_office(actor, member.system_id)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def pool_member_leave(*, actor, member: PoolMember, on: date) -> PoolMember:
    """The lawyer leaves the pool from `on`; refused while they still serve a unit after that day."""
    _require_pool_office(actor, member.system_id)
    # Lock the member: a dispatch granted meanwhile would otherwise outlast the membership unseen.
    member = PoolMember.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise ValidationError(_("%(name)s has already left the pool.") % {"name": member.name})
    if on <= member.joined_on:
        raise ValidationError(_("A member leaves the pool after joining it (%(day)s).") % {"day": member.joined_on})
    serving = Dispatch.objects.filter(
        DISPATCH.overlaps_q(on, None), member=member, status=DispatchStatus.DISPATCHED
    ).select_related("unit")
    units = sorted({dispatch.unit.name for dispatch in serving})
    if units:
        raise ValidationError(
            _("%(name)s still serves %(units)s after that day; end those dispatches first.")
            % {"name": member.name, "units": join_list(units)}
        )
    member.left_on = on
    member.full_clean()
    member.save()
    return member


# ---------------------------------------------------------------------------------------------------------
# Dispatch: the unit asks, the superior chooses a pool lawyer or declines (R1.5)


def dispatch_obstacles(unit: Unit) -> list[str]:
    """Why `unit` cannot ask its superior for a dispatched lawyer today; empty when it can."""
    if not unit.in_system or unit.superior_id is None:
        return [
            _(
                "Only units under vertical management or dual leadership ask their superior for a pool "
                "lawyer; a unit without public lawyers of its own can engage a legal advisor."
            )
        ]
    if not unit.is_active:
        return [_("%(unit)s has been abolished.") % {"unit": unit}]
    if DISPATCH_ONLY_WITHOUT_OWN_LAWYERS and public_lawyer_postings_on(timezone.localdate()).filter(unit=unit).exists():
        return [_("Your unit has public lawyers of its own; dispatch is for units without them.")]
    return []


@transaction.atomic
def dispatch_request(
    *, actor, needs: str, wanted_from: date, wanted_until: date | None = None, matter_types=()
) -> Dispatch:
    """The actor's unit asks its superior for a pool lawyer; the superior's pool office is notified."""
    if actor.role != Role.UNIT_OFFICER:
        raise PermissionDenied
    # Lock the unit: two officers asking at once would otherwise both pass the "none waiting" check.
    unit = _locked_unit(actor.unit_id)
    obstacles = dispatch_obstacles(unit)
    if obstacles:
        raise ValidationError(obstacles)
    if Dispatch.objects.filter(unit=unit, status=DispatchStatus.REQUESTED).exists():
        raise ValidationError(_("Your unit already has a request waiting for the superior."))
    unknown = set(matter_types) - set(MatterCategory.values)
    if unknown:
        raise ValidationError(_("Unknown matter types: %(types)s") % {"types": ", ".join(sorted(unknown))})
    dispatch = Dispatch(
        unit=unit,
        system_id=unit.superior_id,
        needs=needs.strip(),
        matter_types=list(matter_types),
        wanted_from=wanted_from,
        wanted_until=wanted_until,
        requested_by=actor,
    )
    dispatch.full_clean()
    dispatch.save()
    notify(
        recipients=_pool_offices(dispatch.system_id),
        kind="dispatch_requested",
        title=_("Dispatch request from %(unit)s") % {"unit": unit},
        body=_("%(unit)s asks for a pool lawyer from %(day)s: %(needs)s")
        % {"unit": unit, "day": wanted_from, "needs": dispatch.needs},
        url=dispatch.get_absolute_url(),
    )
    return dispatch


def _locked_dispatch(dispatch: Dispatch) -> Dispatch:
    return Dispatch.objects.select_for_update().select_related("unit").get(pk=dispatch.pk)


@transaction.atomic
def dispatch_withdraw(*, actor, dispatch: Dispatch) -> Dispatch:
    # Lock the request: the superior granting it at the same moment must see it withdrawn, or win.
    dispatch = _locked_dispatch(dispatch)
    _require_own_unit(actor, dispatch.unit_id)
    if dispatch.status != DispatchStatus.REQUESTED:
        raise ValidationError(_("Only a request still waiting for the superior can be withdrawn."))
    dispatch.status = DispatchStatus.WITHDRAWN
    dispatch.save()
    notify(
        recipients=_pool_offices(dispatch.system_id),
        kind="dispatch_withdrawn",
        title=_("%(unit)s withdrew its dispatch request") % {"unit": dispatch.unit},
        url=dispatch.get_absolute_url(),
    )
    return dispatch


def _decide(dispatch: Dispatch, actor, status: str, note: str):
    dispatch.status = status
    dispatch.decided_by = actor
    dispatch.decided_at = timezone.now()
    dispatch.decision_note = note.strip()


@transaction.atomic
def dispatch_grant(
    *, actor, dispatch: Dispatch, member: PoolMember, starts_on: date, ends_on: date, note: str = ""
) -> Dispatch:
    """The superior dispatches a lawyer of its pool to the asking unit for a term."""
    # Lock the request: two pool officers deciding at once, or the unit withdrawing meanwhile.
    dispatch = _locked_dispatch(dispatch)
    _require_pool_office(actor, dispatch.system_id)
    if dispatch.status != DispatchStatus.REQUESTED:
        raise ValidationError(_("This request is not waiting for a decision."))
    errors = []
    if member.system_id != dispatch.system_id:
        errors.append(_("%(name)s is not in this system's pool.") % {"name": member.name})
    elif not member.in_pool_on(starts_on):
        errors.append(_("%(name)s is not in the pool on %(day)s.") % {"name": member.name, "day": starts_on})
    if member.person_id is not None:
        # A certificate cannot be known for days to come; it must be in force now and on a past start.
        day = min(starts_on, timezone.localdate())
        if not Certificate.objects.active_on(day).filter(person_id=member.person_id).exists():
            errors.append(_("%(name)s holds no certificate in force on %(day)s.") % {"name": member.name, "day": day})
    if ends_on < starts_on:
        errors.append(_("The term cannot end before it starts."))
    if errors:
        raise ValidationError(errors)
    _decide(dispatch, actor, DispatchStatus.DISPATCHED, note)
    dispatch.member = member
    dispatch.starts_on = starts_on
    dispatch.ends_on = ends_on
    dispatch.full_clean()
    dispatch.save()
    title = _("%(name)s is dispatched to %(unit)s") % {"name": member.name, "unit": dispatch.unit}
    body = _("From %(start)s to %(end)s.") % {"start": starts_on, "end": ends_on}
    notify(
        recipients=[*_unit_officers(dispatch.unit_id), *_member_account(member)],
        kind="dispatch_granted",
        title=title,
        body=f"{body}\n{dispatch.decision_note}".strip(),
        url=dispatch.get_absolute_url(),
    )
    return dispatch


@transaction.atomic
def dispatch_decline(*, actor, dispatch: Dispatch, note: str) -> Dispatch:
    dispatch = _locked_dispatch(dispatch)
    _require_pool_office(actor, dispatch.system_id)
    if dispatch.status != DispatchStatus.REQUESTED:
        raise ValidationError(_("This request is not waiting for a decision."))
    if not note.strip():
        raise ValidationError(_("Declining a request needs a reason for the unit."))
    _decide(dispatch, actor, DispatchStatus.DECLINED, note)
    dispatch.full_clean()
    dispatch.save()
    notify(
        recipients=_unit_officers(dispatch.unit_id),
        kind="dispatch_declined",
        title=_("Your dispatch request was declined"),
        body=dispatch.decision_note,
        url=dispatch.get_absolute_url(),
    )
    return dispatch


@transaction.atomic
def dispatch_terminate(*, actor, dispatch: Dispatch, on: date, reason: str) -> Dispatch:
    """End a dispatch early: the superior recalls the lawyer, or the unit no longer needs them."""
    dispatch = _locked_dispatch(dispatch)
    is_unit = actor.role == Role.UNIT_OFFICER and actor.unit_id == dispatch.unit_id
    is_superior = actor.role == Role.POOL_OFFICER and actor.system_organisation_id == dispatch.system_id
    if not (is_unit or is_superior):
        raise PermissionDenied
    if dispatch.status != DispatchStatus.DISPATCHED:
        raise ValidationError(_("Only a granted dispatch can be ended early."))
    _check_early_end(dispatch, on, reason)
    dispatch.terminated_on = on
    dispatch.termination_reason = reason.strip()
    dispatch.full_clean()
    dispatch.save()
    member = PoolMember.objects.get(pk=dispatch.member_id)
    other_side = _pool_offices(dispatch.system_id) if is_unit else _unit_officers(dispatch.unit_id)
    notify(
        recipients=[*other_side, *_member_account(member)],
        kind="dispatch_terminated",
        title=_("The dispatch of %(name)s to %(unit)s ends early") % {"name": member.name, "unit": dispatch.unit},
        body=_("With effect from %(day)s: %(reason)s") % {"day": on, "reason": dispatch.termination_reason},
        url=dispatch.get_absolute_url(),
    )
    return dispatch
