"""The county dashboard is served from the cache until the data it reads changes (issue 10)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from lawyers import services
from lawyers.models import Certificate
from tests.conftest import make_unit
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


def test_it_keys_the_page_by_language_and_day(login, county):
    client = login("county")
    chinese = client.get(DASHBOARD, {"as_of": "2024-07-01"}).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(DASHBOARD, {"as_of": "2024-07-01"}).content.decode()
    assert "Targets" in english and "Targets" not in chinese
    other_day = client.get(DASHBOARD, {"as_of": "2023-07-01"}).content.decode()
    assert "2023-07-01" in other_day and other_day != english
