"""`manage.py seed_scale`: deterministic, valid data the portal's own computations run on (issue 10)."""

from datetime import date

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from accounts.models import User
from chenggu_lawyers.scale import SCALES
from coverage.reports import dashboard
from lawyers.consistency import check_legal_work_period
from lawyers.models import Certificate, LegalWorkPeriod, Person, id_number_digest
from lawyers.validators import check_practice_number, parse_id_number
from matters.models import Matter
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db

CHECKED = (
    "units.Unit",
    "units.SystemOrganisation",
    "accounts.User",
    "lawyers.Person",
    "lawyers.Posting",
    "lawyers.LegalWorkPeriod",
    "lawyers.Certificate",
    "lawyers.Suspension",
    "advisors.Engagement",
    "advisors.PoolMember",
    "advisors.Dispatch",
    "matters.DecisionItem",
    "matters.Matter",
    "matters.Assignment",
    "assessments.AssessmentYear",
    "assessments.Committee",
    "assessments.Assessment",
)


def seed(scale="county", **options):
    call_command("seed_scale", scale=scale, stdout=open("/dev/null", "w"), **options)  # noqa: SIM115


def snapshot():
    """Every checked table's rows as plain values (encrypted fields read back decrypted), in id order.

    The ids themselves are left out: rows nothing refers to take theirs from the table's sequence, which on
    PostgreSQL does not roll back with an earlier test."""
    rows = {}
    for label in CHECKED:
        model = apps.get_model(label)
        skipped = ("id", "created_at", "updated_at")
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skipped]
        rows[label] = list(model.objects.order_by("pk").values_list(*fields))
    return rows


def test_it_writes_the_scales_numbers_and_the_same_rows_every_time():
    seed()
    scale = SCALES["county"]
    assert Person.objects.count() == scale.people
    assert Certificate.objects.count() == scale.certificates
    assert Matter.objects.count() == scale.matters
    first = snapshot()
    seed(reset=True)
    assert snapshot() == first


def test_every_row_passes_the_models_validation():
    seed()
    for label in CHECKED:
        model = apps.get_model(label)
        for obj in model.objects.order_by("?")[:60]:
            obj.full_clean(exclude=["password"] if model is User else None)


def test_id_numbers_certificate_numbers_and_digests_are_valid():
    seed()
    for person in Person.objects.all():
        facts = parse_id_number(person.id_number)  # raises on a wrong check digit or birth date
        assert facts.sex == person.sex and facts.birth_date == person.birth_date
        assert person.id_number_digest == id_number_digest(person.id_number)
    for certificate in Certificate.objects.select_related("person"):
        check = check_practice_number(certificate.number, sex=certificate.person.sex, issued_on=certificate.issued_on)
        assert check.errors == [], certificate.number


def test_the_coverage_dashboard_runs_on_it_with_plausible_rates():
    seed()
    context = dashboard(date(2025, 12, 31))
    assert context["unit_count"] >= SCALES["county"].units - 2  # the reorganised unit is no longer active
    rates = {card.now.target.code: card.now.rate for card in context["cards"]}
    assert all(rate is not None and 0 < rate <= 100 for rate in rates.values())


def test_the_survey_facts_are_dated_and_give_r12_staff():
    seed()
    for person in Person.objects.all():
        years = [y for y in (person.legal_qualification_year, person.lawyer_qualification_year) if y]
        assert person.qualified_on == (date(min(years), 12, 31) if years else None), person.pk
    periods = list(LegalWorkPeriod.objects.all())
    for period in periods:
        check_legal_work_period(period)  # no two periods of a person overlap
    shapes = {(period.started_on is None, period.ended_on is None) for period in periods}
    assert shapes == {(True, True), (False, True), (False, False), (True, False)}
    # Dated facts: the R1.2 units differ from one day to another.
    r12 = {
        day: {status.unit.id for status, _n in dashboard(day)["r12"]} for day in (date(2022, 6, 30), date(2025, 12, 31))
    }
    assert all(r12.values()) and r12[date(2022, 6, 30)] != r12[date(2025, 12, 31)]


def test_it_refuses_a_database_with_other_data_unless_reset():
    make_unit("城固县市场监督管理局")
    with pytest.raises(CommandError, match="not seed data"):
        seed("tiny")
    seed("tiny", reset=True)
    assert Person.objects.count() == SCALES["tiny"].people
    assert not apps.get_model("units.Unit").objects.filter(name="城固县市场监督管理局").exists()
