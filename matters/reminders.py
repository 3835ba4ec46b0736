"""Reminders about deadlines, sent by the daily `send_matter_reminders` command (suitable for cron).

- DUE_SOON: to the assignee once the due date is at most `DAYS_BEFORE` working days away (counted with
  China's statutory calendar, 调休 included), so a run that was missed on the exact day catches up.
- OVERDUE: to the assignee and the unit office on the first run after the due date has passed; and to the
  office alone for a matter past its own due date.

An assignee without an account (a legal advisor, a pool lawyer serving elsewhere) is reminded through the
unit office, which answers for them. Every reminder sent is recorded with the due date it was about, so
running the command again the same day, or the next day, sends nothing new; a new due date earns new
reminders.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.workdays import add_working_days
from notices.services import notify

from .choices import LIVE_ASSIGNMENT_STATUSES, MatterStatus, ReminderKind
from .models import Assignment, Matter, Reminder
from .services import prefetched_account

DAYS_BEFORE = 3


def _officers_by_unit(unit_ids) -> dict[int, list]:
    officers: dict[int, list] = {}
    for user in User.objects.filter(role=Role.UNIT_OFFICER, unit_id__in=unit_ids, is_active=True):
        officers.setdefault(user.unit_id, []).append(user)
    return officers


def _send_once(reminder: Reminder, recipients, title: str, body: str) -> bool:
    """Record the reminder and send it, or nothing if another run recorded it first."""
    try:
        with transaction.atomic():
            reminder.recipients = len({user.pk for user in recipients})
            reminder.save()
            notify(
                recipients=recipients,
                kind="matter_reminder",
                title=title,
                body=body,
                url=reminder.matter.get_absolute_url(),
            )
    except IntegrityError:
        return False
    return True


def send_reminders(*, today: date | None = None, days_before: int = DAYS_BEFORE) -> int:
    """Send the reminders due today; returns how many were sent."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, days_before)
    already = Reminder.objects.filter(
        assignment=OuterRef("pk"), kind=OuterRef("reminder_kind"), due_on=OuterRef("due_on")
    )
    live = Assignment.objects.filter(status__in=LIVE_ASSIGNMENT_STATUSES).exclude(matter__status=MatterStatus.CLOSED)
    soon = live.filter(due_on__gte=today, due_on__lte=horizon).annotate(
        reminder_kind=Value(ReminderKind.DUE_SOON.value, output_field=CharField())
    )
    late = live.filter(due_on__lt=today).annotate(
        reminder_kind=Value(ReminderKind.OVERDUE.value, output_field=CharField())
    )
    pending = [
        *soon.exclude(Exists(already)).select_related("matter", "person__account"),
        *late.exclude(Exists(already)).select_related("matter", "person__account"),
    ]
    late_matters = list(
        Matter.objects.exclude(status=MatterStatus.CLOSED)
        .filter(due_on__lt=today)
        .exclude(
            Exists(
                Reminder.objects.filter(
                    matter=OuterRef("pk"), assignment=None, kind=ReminderKind.OVERDUE, due_on=OuterRef("due_on")
                )
            )
        )
    )
    officers = _officers_by_unit({a.matter.unit_id for a in pending} | {m.unit_id for m in late_matters})
    sent = 0
    for assignment in pending:
        matter, account = assignment.matter, prefetched_account(assignment)
        office = officers.get(matter.unit_id, [])
        values = {"title": matter.title, "day": assignment.due_on, "name": assignment.assignee_name}
        if assignment.reminder_kind == ReminderKind.DUE_SOON:
            recipients = [account] if account else office
            title = _("Due on %(day)s: %(title)s") % values
            body = _("The opinion of %(name)s on this matter is due on %(day)s.") % values
        else:
            recipients = [account, *office] if account else office
            title = _("Overdue since %(day)s: %(title)s") % values
            body = _("The opinion of %(name)s on this matter was due on %(day)s.") % values
        reminder = Reminder(
            matter=matter, assignment=assignment, kind=assignment.reminder_kind, due_on=assignment.due_on, sent_on=today
        )
        sent += _send_once(reminder, recipients, title, body)
    for matter in late_matters:
        values = {"title": matter.title, "day": matter.due_on}
        reminder = Reminder(matter=matter, kind=ReminderKind.OVERDUE, due_on=matter.due_on, sent_on=today)
        sent += _send_once(
            reminder,
            officers.get(matter.unit_id, []),
            _("Overdue since %(day)s: %(title)s") % values,
            _("The matter was due on %(day)s and is not closed.") % values,
        )
    return sent
