"""The county dashboard is served from the cache until the data it reads changes (issue 10)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from lawyers import services
from lawyers.models import Certificate
from tests.conftest import PASSWORD, make_unit
from tests.coverage.scenario import build

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("coverage:dashboard")


@pytest.fixture
def county(users, superior):
    cache.clear()
    return build(users, superior)


def rates(response):
    return {card.now.target.code: card.now.rate for card in response.context["cards"]}


def test_it_serves_the_same_page_from_the_cache_in_three_queries(login, county, django_assert_num_queries):
    client = login("county")
    first = client.get(DASHBOARD, {"as_of": "2024-07-01"})
    # session, user, the active targets with the data version; the figures come from the cache
    with django_assert_num_queries(3):
        second = client.get(DASHBOARD, {"as_of": "2024-07-01"})
    assert second.context["body"] == first.context["body"]
    assert rates(second) == rates(first)  # still readable, computed on demand


def test_a_change_of_the_data_shows_at_once(login, county, users):
    client = login("county")
    before = rates(client.get(DASHBOARD, {"as_of": "2024-06-15"}))
    certificate = Certificate.objects.get(person__name="甲")
    services.certificate_suspend(actor=users["justice"], certificate=certificate, on=date(2024, 6, 1), reason="调查")
    after = client.get(DASHBOARD, {"as_of": "2024-06-15"})
    assert rates(after)["T1"] < before["T1"]
    make_unit("新设局")  # a new unit joins T1's population
    assert rates(client.get(DASHBOARD, {"as_of": "2024-06-15"}))["T1"] < rates(after)["T1"]


def test_a_login_elsewhere_leaves_the_cached_page_alone(login, county, client, django_assert_num_queries):
    county_client = login("county")
    county_client.get(DASHBOARD, {"as_of": "2024-07-01"})
    client.post(reverse("accounts:login"), {"username": "officer_a", "password": PASSWORD})
    with django_assert_num_queries(3):
        county_client.get(DASHBOARD, {"as_of": "2024-07-01"})


def test_it_keys_the_page_by_language_and_day(login, county):
    client = login("county")
    chinese = client.get(DASHBOARD, {"as_of": "2024-07-01"}).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(DASHBOARD, {"as_of": "2024-07-01"}).content.decode()
    assert "Targets" in english and "Targets" not in chinese
    other_day = client.get(DASHBOARD, {"as_of": "2023-07-01"}).content.decode()
    assert "2023-07-01" in other_day and other_day != english


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_after_a_newer_one_still_changes_the_key(users, superior):
    """Ids are given in insert order, commits come in any order: an older id committed late must count."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs a second connection to the same database server")
    import importlib

    import psycopg2
    from django.apps import apps as django_apps

    from chenggu_lawyers.audit import record
    from chenggu_lawyers.models import AuditAction
    from coverage.reports import active_targets_with_data_version, cache_key

    # A transactional test may run after another one flushed the seeded targets; the key needs one.
    importlib.import_module("coverage.migrations.0002_seed_targets").seed(django_apps, None)
    make_unit("先行局")
    late = psycopg2.connect(**connection.get_connection_params())
    try:
        with late.cursor() as cursor:  # a transaction that takes an id now and commits later
            cursor.execute(
                "INSERT INTO chenggu_lawyers_auditevent (at, actor_name, action, object_type, object_id, "
                "object_repr, changes, outcome) VALUES (now(), '', 'update', 'units.unit', '', 'late', '{}', "
                "'success')"
            )
        record(action=AuditAction.UPDATE, object_type="units.unit", object_repr="newer, committed first")
        before = cache_key(date(2024, 7, 1), active_targets_with_data_version())
        late.commit()
        after = cache_key(date(2024, 7, 1), active_targets_with_data_version())
    finally:
        late.close()
    assert before is not None and before != after
