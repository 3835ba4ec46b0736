"""Training workflows: who may be on an event's attendee list, writing that list, and a lawyer's own record of
training outside the county's events (R3.2)."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from chenggu_lawyers.punctuation import join_list
from chenggu_lawyers.uploads import kept_file_values, store_checked
from lawyers.models import Certificate, Person

from .models import Attendance, ExternalTraining, TrainingEvent


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


@transaction.atomic
def external_training_record(
    *,
    actor,
    title: str,
    organiser: str,
    held_on: date,
    hours: Decimal,
    note: str = "",
    certificate=None,
) -> ExternalTraining:
    """A public lawyer records training they attended outside the county's events; its hours count in the
    year like an event's. Like an attendance, it counts only on a day their certificate was in force."""
    if actor.role != Role.PUBLIC_LAWYER or actor.person_id is None:
        raise PermissionDenied
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Training can be recorded once it has taken place.")})
    if not Certificate.objects.active_on(held_on).filter(person_id=actor.person_id).exists():
        raise ValidationError(
            {
                "held_on": _("Your public-lawyer certificate was not in force on %(day)s.")
                % {"day": f"{held_on:%Y-%m-%d}"}
            }
        )
    training = ExternalTraining(
        person_id=actor.person_id,
        title=title.strip(),
        organiser=organiser.strip(),
        held_on=held_on,
        hours=hours,
        note=note.strip(),
        recorded_by=actor,
    )
    if certificate is None:
        training.full_clean()
        training.save()
        return training
    try:
        values = kept_file_values(certificate)
    except ValidationError as error:
        raise ValidationError({"certificate_file": error.messages}) from error
    training.certificate_name = values["original_name"]
    training.certificate_size = values["size"]
    training.certificate_type = values["content_type"]
    store_checked(training, certificate, file_field="certificate")
    return training
