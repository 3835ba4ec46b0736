"""Recording a disciplinary action and its notices (R4.4), and acknowledging them."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.workdays import add_working_days
from lawyers.models import Person
from notices.services import notify, resolve

from .choices import Side
from .models import ACKNOWLEDGE_WITHIN_WORKING_DAYS, Acknowledgement, DisciplinaryAction

SIDE_OF_ROLE = {Role.JUSTICE_BUREAU: Side.JUSTICE_BUREAU, Role.BAR_ASSOCIATION: Side.BAR_ASSOCIATION}


@transaction.atomic
def discipline_record(
    *, actor, person: Person, kind: str, measure: str, authority: str, decided_on: date, summary: str
) -> DisciplinaryAction:
    """The unit reports an action against one of its public lawyers; both sides are notified at once."""
    if actor.role != Role.UNIT_OFFICER or actor.unit_id != person.unit_id:
        raise PermissionDenied
    if not person.certificates.exists():
        raise ValidationError(_("Discipline notices are for public lawyers; this person never held a certificate."))
    if decided_on > timezone.localdate():
        raise ValidationError(_("The decision date cannot be in the future."))
    action = DisciplinaryAction(
        person=person,
        unit_id=person.unit_id,
        kind=kind,
        measure=measure.strip(),
        authority=authority.strip(),
        decided_on=decided_on,
        summary=summary.strip(),
        recorded_by=actor,
    )
    action.full_clean()
    action.save()
    due_on = add_working_days(timezone.localdate(), ACKNOWLEDGE_WITHIN_WORKING_DAYS)
    Acknowledgement.objects.bulk_create([Acknowledgement(action=action, side=side, due_on=due_on) for side in Side])
    recipients = User.objects.filter(role__in=list(SIDE_OF_ROLE), is_active=True)
    notify(
        recipients=recipients,
        kind="discipline",
        title=_("Discipline notice: %(person)s, %(unit)s") % {"person": person.name, "unit": person.unit},
        body=_("%(measure)s decided on %(day)s by %(authority)s. Please acknowledge by %(due)s.")
        % {"measure": action.measure, "day": decided_on, "authority": action.authority, "due": due_on},
        url=action.get_absolute_url(),
    )
    return action


@transaction.atomic
def discipline_acknowledge(*, actor, action: DisciplinaryAction) -> Acknowledgement:
    side = SIDE_OF_ROLE.get(actor.role)
    if side is None:
        raise PermissionDenied
    # Lock the row: two clerks of the same side acknowledging at once record one acknowledgement.
    acknowledgement = Acknowledgement.objects.select_for_update().get(action=action, side=side)
    if acknowledgement.acknowledged_at is not None:
        raise ValidationError(_("This notice was already acknowledged."))
    acknowledgement.acknowledged_at = timezone.now()
    acknowledgement.acknowledged_by = actor
    acknowledgement.save()
    # The notice asked this side to acknowledge: read for everyone on the side once one of them has.
    resolve(
        url=action.get_absolute_url(),
        kinds=["discipline"],
        roles=[role for role, role_side in SIDE_OF_ROLE.items() if role_side == side],
    )
    return acknowledgement
