"""Workflows of the units app: a reorganisation (机构改革) that abolishes a unit and moves its people in one step.

Like every service, each function takes the acting user, checks that the step is allowed, and writes inside
one transaction with the rows it changes locked; a refused step raises ValidationError with every reason
and changes nothing.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chenggu_lawyers.audit import record
from chenggu_lawyers.in_force import UNIT
from chenggu_lawyers.models import AuditAction

from .models import Unit
from .roles import REORGANISERS


@transaction.atomic
def unit_reorganise(*, actor, unit: Unit, on: date, moves: dict[int, Unit], note: str) -> Unit:
    """Abolish `unit` on `on` and move everyone working there (an open posting) to the unit `moves` names for
    them (person id → unit) on the same day: the posting in `unit` ends on `on`, one in the target begins on
    `on`, and the person's certificate follows them. All or nothing: refused, with every reason, when someone
    is left without a target, a target is not active on `on`, or `on` lies in the future or before the
    unit's own history. `on` may lie in the past: a reorganisation is recorded as it happened."""
    # The postings are the lawyers app's, which builds on units; a person changes unit in one way only
    # (lawyers.services._move_to_unit, which person_transfer uses too), borrowed here rather than written twice.
    from lawyers.models import Posting
    from lawyers.services import _move_to_unit

    if actor.role not in REORGANISERS:
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": _("A reorganisation needs its note (the decision that ordered it).")})
    # Lock the unit and the targets in one order (by key), so that two reorganisations cannot deadlock and a
    # target abolished meanwhile, or a second reorganisation of this unit, waits and then sees this one.
    locked = {
        locked_unit.pk: locked_unit
        for locked_unit in Unit.objects.select_for_update()
        .filter(pk__in={unit.pk, *(target.pk for target in moves.values())})
        .order_by("pk")
    }
    unit = locked[unit.pk]
    if unit.abolished_on is not None:
        raise ValidationError(
            _("%(unit)s was already abolished on %(day)s.") % {"unit": unit, "day": unit.abolished_on}
        )
    errors = []
    if on > timezone.localdate():
        errors.append(_("The reorganisation date cannot be in the future."))
    if unit.established_on is not None and on <= unit.established_on:
        errors.append(
            _("%(unit)s was established on %(day)s: it can only be abolished after that day.")
            % {"unit": unit, "day": unit.established_on}
        )
    # Everyone working in the unit, with their people, locked: a transfer recorded meanwhile waits for this.
    postings = list(
        Posting.objects.select_for_update()
        .filter(unit=unit, ended_on__isnull=True)
        .select_related("person")
        .order_by("person__name", "pk")
    )
    for posting in postings:
        if posting.started_on is not None and posting.started_on >= on:
            errors.append(
                _("%(name)s has worked in %(unit)s since %(day)s: the reorganisation must come after that day.")
                % {"name": posting.person, "unit": unit, "day": posting.started_on}
            )
    # The unit no longer exists from `on`: nobody may have worked there after it, even someone since gone.
    for posting in Posting.objects.filter(unit=unit, ended_on__gt=on).select_related("person"):
        errors.append(
            _("%(name)s worked in %(unit)s until %(day)s, after the reorganisation date.")
            % {"name": posting.person, "unit": unit, "day": posting.ended_on}
        )
    unassigned = [str(posting.person) for posting in postings if posting.person_id not in moves]
    if unassigned:
        errors.append(
            _("Everyone working in the unit must be moved; no unit was chosen for %(names)s.")
            % {"names": "、".join(unassigned)}
        )
    if set(moves) - {posting.person_id for posting in postings}:
        errors.append(_("Only the people working in %(unit)s are moved with it.") % {"unit": unit})
    for target in sorted({locked[target.pk] for target in moves.values()}, key=lambda target: target.name):
        if target.pk == unit.pk:
            errors.append(_("%(unit)s is the unit being abolished: its people move to other units.") % {"unit": unit})
        elif target.abolished_on is not None:
            errors.append(_("%(unit)s has been abolished.") % {"unit": target})
        elif not UNIT.holds(target, on):
            errors.append(_("%(unit)s was not yet established on %(day)s.") % {"unit": target, "day": on})
    if errors:
        raise ValidationError(errors)

    for posting in postings:
        target = locked[moves[posting.person_id].pk]
        _move_to_unit(actor=actor, person=posting.person, current=posting, to_unit=target, on=on)
    unit.abolished_on = on
    unit.full_clean()
    unit.save()
    # The unit's own entry (its abolition) is written by the save; this one keeps why and where everyone went.
    record(
        action=AuditAction.UPDATE,
        obj=unit,
        actor=actor,
        changes={
            "reorganised_on": on.isoformat(),
            "note": note.strip(),
            "moves": [f"{posting.person} → {locked[moves[posting.person_id].pk]}" for posting in postings],
        },
    )
    return unit
