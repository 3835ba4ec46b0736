"""Every date rule of chenggu_lawyers.in_force gives the same answer as a Python check and as a queryset
filter, on randomly generated histories (1,200 people with postings, legal-work periods, qualifications,
certificates and suspensions; units with engagements, dispatches and pool members), on the days where the
answers change and on random days between them. The composite R1.2 rule of the coverage engine (Python,
interval arithmetic) is held to the queryset version the unit page uses in the same way."""

import random
from datetime import date, timedelta

import pytest

from accounts.choices import Role
from advisors.choices import AdvisorKind, DispatchStatus
from advisors.models import Dispatch, Engagement, PoolMember
from chenggu_lawyers import in_force
from coverage.engine import CoverageData
from lawyers.models import Certificate, LegalWorkPeriod, Person, Posting, Suspension
from tests.conftest import make_unit, make_user
from units.models import SystemOrganisation, Unit

pytestmark = pytest.mark.django_db

HISTORIES = 1200
START = date(2015, 1, 1)
SPAN = 4000  # days: about eleven years


def day(rng, low=0, high=SPAN):
    return START + timedelta(days=rng.randint(low, high))


def maybe(rng, value, chance=0.2):
    return None if rng.random() < chance else value


def periods(rng, count, *, open_start=True):
    """`count` disjoint [start, end) periods in order; the first may start "before the records", the last may
    still run."""
    cuts = sorted(rng.sample(range(1, SPAN), 2 * count))
    spans = [[START + timedelta(days=cuts[2 * i]), START + timedelta(days=cuts[2 * i + 1])] for i in range(count)]
    if spans and open_start and rng.random() < 0.3:
        spans[0][0] = None
    if spans and rng.random() < 0.4:
        spans[-1][1] = None
    return [tuple(span) for span in spans]


@pytest.fixture
def histories():
    rng = random.Random(20261202)
    superior = SystemOrganisation.objects.create(name="随机系统", system="随机")
    units = [
        make_unit(f"随机单位{i:02}", established_on=maybe(rng, day(rng, 0, 400)), superior=superior) for i in range(8)
    ]
    Unit.objects.filter(pk__in=[u.pk for u in units[:2]]).update(abolished_on=date(2023, 7, 1))
    officer = make_user("random_officer", Role.UNIT_OFFICER, units[0])
    people = Person.objects.bulk_create(
        [
            Person(
                unit=units[i % len(units)],
                name=f"随机{i}",
                sex="M",
                id_number=f"6107221980010{i:05d}",
                id_number_digest=f"random-{i}",
                birth_date=date(1980, 1, 1),
                legal_qualification_class="A" if i % 3 else "",
                legal_qualification_number=f"A{i}" if i % 3 else "",
                qualified_on=day(rng) if i % 3 else None,
                legal_work_years=0 if i % 5 == 0 else 3,
            )
            for i in range(HISTORIES)
        ]
    )
    postings, work, certificates = [], [], []
    for index, person in enumerate(people):
        for start, end in periods(rng, rng.randint(1, 3)):
            postings.append(Posting(person=person, unit=rng.choice(units), started_on=start, ended_on=end))
        for start, end in periods(rng, rng.randint(0, 2)):
            work.append(LegalWorkPeriod(person=person, started_on=start, ended_on=end))
        for number, (start, end) in enumerate(periods(rng, rng.randint(0, 2), open_start=False)):
            status = "active" if end is None else rng.choice(["cancelled", "revoked"])
            certificates.append(
                Certificate(
                    person=person, number=f"1{index:08d}{number:08d}", issued_on=start, ended_on=end, status=status
                )
            )
    Posting.objects.bulk_create(postings)
    LegalWorkPeriod.objects.bulk_create(work)
    certificates = Certificate.objects.bulk_create(certificates)
    suspensions = []
    for certificate in certificates:
        if rng.random() < 0.4:
            first = certificate.issued_on + timedelta(days=rng.randint(1, 300))
            last = first + timedelta(days=rng.randint(1, 400))
            suspensions.append(
                Suspension(certificate=certificate, started_on=first, ended_on=maybe(rng, last, 0.3), reason="随机")
            )
    Suspension.objects.bulk_create(suspensions)
    members = PoolMember.objects.bulk_create(
        [
            PoolMember(
                system=superior,
                name=f"库成员{i}",
                organisation="某所",
                practice_number=f"1610720236{i:07d}",
                joined_on=start,
                left_on=end,
            )
            for i in range(60)
            for start, end in periods(rng, 1, open_start=False)
        ]
    )
    engagements, dispatches = [], []
    for unit in units:
        for number in range(5):
            starts = day(rng)
            ends = starts + timedelta(days=rng.randint(0, 700))
            terminated = maybe(rng, starts + timedelta(days=rng.randint(0, (ends - starts).days)), 0.7)
            engagements.append(
                Engagement(
                    unit=unit,
                    advisor_name=f"顾问{number}",
                    advisor_kind=AdvisorKind.SCHOLAR,
                    organisation="某大学",
                    starts_on=starts,
                    ends_on=ends,
                    terminated_on=terminated,
                    termination_reason="提前终止" if terminated else "",
                )
            )
            dispatches.append(
                Dispatch(
                    unit=unit,
                    system=superior,
                    needs="随机",
                    wanted_from=starts,
                    status=DispatchStatus.DISPATCHED,
                    requested_by=officer,
                    member=rng.choice(members),
                    starts_on=starts,
                    ends_on=ends,
                    terminated_on=terminated,
                    termination_reason="提前终止" if terminated else "",
                )
            )
    Engagement.objects.bulk_create(engagements)
    Dispatch.objects.bulk_create(dispatches)
    # The days the answers change, and random days between them.
    days = {START - timedelta(days=1), START + timedelta(days=SPAN + 1)}
    for model, fields in (
        (Posting, ("started_on", "ended_on")),
        (Certificate, ("issued_on", "ended_on")),
        (Suspension, ("started_on", "ended_on")),
        (Engagement, ("starts_on", "ends_on", "terminated_on")),
    ):
        for values in model.objects.values_list(*fields)[:300]:
            for value in values:
                if value is not None:
                    days.update((value - timedelta(days=1), value, value + timedelta(days=1)))
    sample = sorted(rng.sample(sorted(days), 40) + [day(rng) for _ in range(20)])
    return {"days": sample, "units": units}


# (model, rule) for every rule over a model's own fields.
RULES = (
    (Unit, in_force.UNIT),
    (Posting, in_force.POSTING),
    (Certificate, in_force.CERTIFICATE),
    (Suspension, in_force.SUSPENSION),
    (LegalWorkPeriod, in_force.LEGAL_WORK),
    (PoolMember, in_force.POOL_MEMBERSHIP),
    (Engagement, in_force.ENGAGEMENT),
    (Dispatch, in_force.DISPATCH),
    (Person, in_force.QUALIFICATION),
)


@pytest.mark.parametrize(("model", "rule"), RULES, ids=lambda value: getattr(value, "__name__", ""))
def test_the_python_check_and_the_filter_agree(histories, model, rule):
    rows = list(model.objects.all())
    assert len(rows) >= (8 if model is Unit else 40)
    for today in histories["days"]:
        by_filter = set(model.objects.filter(rule.q(today)).values_list("pk", flat=True))
        by_check = {row.pk for row in rows if rule.holds(row, today)}
        assert by_filter == by_check, (model.__name__, today)


def test_a_certificate_in_force_agrees_suspensions_included(histories):
    certificates = list(Certificate.objects.prefetch_related("suspensions"))
    for today in histories["days"]:
        by_filter = set(Certificate.objects.active_on(today).values_list("pk", flat=True))
        by_check = {c.pk for c in certificates if in_force.certificate_in_force(c, c.suspensions.all(), today)}
        assert by_filter == by_check, today


def test_the_interval_of_each_rule_holds_on_the_same_days(histories):
    """The coverage engine turns facts into intervals: a day lies in the interval exactly when the rule holds."""
    for row in Posting.objects.all()[:400]:
        start, end = in_force.POSTING.interval(row.started_on, row.ended_on)
        for today in histories["days"]:
            assert (start <= today < end) == in_force.POSTING.holds(row, today)
    for row in Engagement.objects.all():
        start, end = in_force.ENGAGEMENT.interval(row.starts_on, row.ends_on, row.terminated_on)
        for today in histories["days"]:
            assert (start <= today < end) == in_force.ENGAGEMENT.holds(row, today)


def test_the_engines_r12_staff_are_the_people_the_unit_page_lists(histories):
    data = CoverageData.load()
    for today in histories["days"][::3]:
        statuses = data.statuses_on(today)
        by_engine = {(unit_id, person) for unit_id, status in statuses.items() for person in status.r12_staff}
        by_filter = set()
        for unit in histories["units"]:
            if unit.pk in statuses:
                people = Person.objects.posted_in(unit, today).r12_staff(today).values_list("pk", flat=True)
                by_filter.update((unit.pk, pk) for pk in people)
        assert by_engine == by_filter, today


@pytest.mark.parametrize(
    ("model", "rule"),
    [
        (Posting, in_force.POSTING),
        (Certificate, in_force.CERTIFICATE),
        (Suspension, in_force.SUSPENSION),
        (Engagement, in_force.ENGAGEMENT),
        (Dispatch, in_force.DISPATCH),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_overlapping_a_range_agrees(histories, model, rule):
    """'Holds on some day of [start, end)': a year's lawyers, an advisor engaged twice, a dispatch still
    serving after a day."""
    rows = list(model.objects.all())
    days = histories["days"]
    for start, end in [*zip(days, days[5:], strict=False), (days[10], None), (None, days[30])]:
        if model in (Engagement, Dispatch) and start is None:
            continue
        by_filter = set(model.objects.filter(rule.overlaps_q(start, end)).values_list("pk", flat=True))
        assert by_filter == {row.pk for row in rows if rule.overlaps(row, start, end)}, (model.__name__, start, end)


def test_a_suspension_covering_a_whole_range_agrees(histories):
    rows = list(Suspension.objects.all())
    days = histories["days"]
    for first, last in zip(days, days[3:], strict=False):
        by_filter = set(
            Suspension.objects.filter(in_force.SUSPENSION.covers_all_q(first, last)).values_list("pk", flat=True)
        )
        assert by_filter == {row.pk for row in rows if in_force.SUSPENSION.covers_all(row, first, last)}


def test_a_certificate_ended_by_a_day_agrees(histories):
    rows = list(Certificate.objects.all())
    for today in histories["days"]:
        by_filter = set(Certificate.objects.filter(in_force.ENDED.q(today)).values_list("pk", flat=True))
        assert by_filter == {row.pk for row in rows if in_force.ENDED.holds(row, today)}


def test_eligibility_on_a_day_agrees_in_lists_and_on_the_checklist(histories):
    """The date-dependent rules of Art. 5 and 6 (qualified by d, a revocation by d, a suspension on d) give the
    same people as a filter and as the person's checklist, on random days of random histories."""
    from lawyers.eligibility import is_eligible

    people = list(Person.objects.prefetch_related("certificates__suspensions").order_by("pk")[:200])
    seen = set()
    for today in histories["days"][::6]:
        by_filter = set(
            Person.objects.eligible(today).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
        )
        assert by_filter == {p.pk for p in people if is_eligible(p, today)}, today
        seen |= by_filter
    assert len(seen) > 20  # the histories make people eligible on some days and not on others
