"""`prune_audit_log`: events past the retention go, nothing younger than 180 days ever does."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def event_aged(days, hours=0):
    event = record(action=AuditAction.LOGIN_FAILED, object_repr=f"{days} days old")
    AuditEvent.objects.filter(pk=event.pk).update(at=timezone.now() - timedelta(days=days, hours=hours))
    return event


def prune(*args):
    out = StringIO()
    call_command("prune_audit_log", *args, stdout=out)
    return out.getvalue()


def remaining(*events):
    return set(AuditEvent.objects.filter(pk__in=[e.pk for e in events]).values_list("pk", flat=True))


def test_it_deletes_events_older_than_a_year_by_default_and_says_how_many():
    old, older, recent = event_aged(366), event_aged(800), event_aged(364)
    output = prune()
    assert "Deleted 2 audit events" in output
    assert remaining(old, older, recent) == {recent.pk}


def test_it_takes_the_retention_in_days():
    kept, gone = event_aged(199), event_aged(201)
    assert "Deleted 1 audit events" in prune("--days", "200")
    assert remaining(kept, gone) == {kept.pk}


def test_it_keeps_an_event_just_inside_the_minimum_retention():
    inside, outside = event_aged(179, hours=23), event_aged(180, hours=1)
    prune("--days", "180")
    assert remaining(inside, outside) == {inside.pk}


@pytest.mark.parametrize("days", ["179", "30", "0", "-5"])
def test_it_refuses_a_retention_under_180_days_and_deletes_nothing(days):
    events = [event_aged(179), event_aged(400)]
    count = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="below the minimum retention of 180 days"):
        prune("--days", days)
    assert AuditEvent.objects.count() == count
    assert remaining(*events) == {e.pk for e in events}


def test_it_only_counts_on_a_dry_run():
    events = [event_aged(400), event_aged(500), event_aged(10)]
    count = AuditEvent.objects.count()
    output = prune("--dry-run")
    assert "Dry run: 2 audit events" in output
    assert AuditEvent.objects.count() == count
    assert remaining(*events) == {e.pk for e in events}


def test_it_records_the_pruning_in_the_log_it_prunes():
    event_aged(400)
    prune()
    entry = AuditEvent.objects.latest("id")
    assert entry.action == AuditAction.DELETE
    assert entry.object_type == "chenggu_lawyers.auditevent"
    assert entry.changes["deleted"] == 1
    assert entry.changes["days"] == 365
