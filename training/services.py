"""Training workflows: who may be on an event's attendee list, and writing that list (R3.2)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from chenggu_lawyers.punctuation import join_list
from lawyers.models import Certificate, Person

from .models import Attendance, TrainingEvent


def attendee_candidates(user, event: TrainingEvent):
    """The people `user` may put on the event's list: public lawyers whose certificate was in force on the
    event's day, as the user sees the register; a unit's event takes only that unit's people."""
    in_force = Certificate.objects.visible_to(user).active_on(event.held_on).filter(person=OuterRef("pk"))
    people = Person.objects.filter(Exists(in_force)).select_related("unit").order_by("unit__name", "name")
    if event.unit_id is not None:
        people = people.filter(unit_id=event.unit_id)
    return people


def _require_keeper(actor, event: TrainingEvent):
    if not event.may_be_kept_by(actor):
        raise PermissionDenied


def _locked_event(event: TrainingEvent) -> TrainingEvent:
    return TrainingEvent.objects.select_for_update().get(pk=event.pk)


def _checked_attendees(event: TrainingEvent, people: Iterable[Person]) -> list[Person]:
    """The people as stored, once each; raises when one may not attend (read inside the writing transaction)."""
    ids = {person.pk for person in people}
    if ids and event.held_on > timezone.localdate():
        raise ValidationError(_("Attendance can be recorded once the event has taken place."))
    stored = list(Person.objects.filter(pk__in=ids).order_by("name"))
    if event.unit_id is not None and any(person.unit_id != event.unit_id for person in stored):
        # A unit's event is for its own lawyers; the form never offers anybody else.
        raise PermissionDenied
    in_force = set(
        Certificate.objects.active_on(event.held_on).filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    without = [person.name for person in stored if person.pk not in in_force]
    if without:
        raise ValidationError(
            _("No public-lawyer certificate was in force on %(day)s for: %(names)s.")
            % {"day": f"{event.held_on:%Y-%m-%d}", "names": join_list(without)}
        )
    return stored


def _add(event: TrainingEvent, people: list[Person], present: set[int]) -> list[Attendance]:
    added = []
    for person in people:
        if person.pk in present:
            continue
        attendance = Attendance(event=event, person=person)
        # The one-per-event constraint is held by the event lock and `present`; checking it here again would
        # cost a query per attendee.
        attendance.full_clean(validate_unique=False, validate_constraints=False)
        attendance.save()
        added.append(attendance)
    return added


@transaction.atomic
def attendance_set(*, actor, event: TrainingEvent, people: Iterable[Person]) -> list[Attendance]:
    """Replace the event's attendee list with `people`; returns the attendances added."""
    # Locked so that two keepers saving the same list at once cannot interleave their removals and additions.
    event = _locked_event(event)
    _require_keeper(actor, event)
    people = _checked_attendees(event, people)
    Attendance.objects.filter(event=event).exclude(person__in=people).delete()
    present = set(Attendance.objects.filter(event=event).values_list("person_id", flat=True))
    return _add(event, people, present)


@transaction.atomic
def attendance_add(*, actor, event: TrainingEvent, people: Iterable[Person]) -> list[Attendance]:
    """Add `people` to the event's attendee list (the import); people already on it stay, once."""
    # Locked for the same reason as attendance_set: the list is read, then written.
    event = _locked_event(event)
    _require_keeper(actor, event)
    people = _checked_attendees(event, people)
    present = set(Attendance.objects.filter(event=event).values_list("person_id", flat=True))
    return _add(event, people, present)
