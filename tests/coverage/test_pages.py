"""The coverage pages: who sees them, the same numbers on page, export and unit pages, flat query counts."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coverage.models import Target
from tests.conftest import make_unit
from tests.coverage.scenario import build

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("coverage:dashboard")
EXPORT = reverse("coverage:dashboard_export")
UNIT_DASHBOARD = reverse("coverage:unit_dashboard")


@pytest.fixture
def county(users, superior):
    return build(users, superior)


def cards(response):
    return {card.now.target.code: card for card in response.context["cards"]}


def read(response):
    return [
        list(row)
        for row in load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    ]


def test_it_keeps_the_dashboard_to_the_county_roles(login, county):
    assert login(None).get(DASHBOARD).status_code == 302
    for name in ("officer_a", "lawyer_a", "bar", "auditor", "sysadmin", "pool"):
        assert login(name).get(DASHBOARD).status_code == 403
        assert login(name).get(EXPORT).status_code == 403
    assert login("county").get(DASHBOARD).status_code == 200
    assert login("justice").get(DASHBOARD).status_code == 200


def test_it_moves_t1_from_missed_to_met_across_the_end_of_2023(login, county):
    t1 = Target.objects.get(code="T1")
    t1.threshold = 60
    t1.save()
    client = login("county")
    before = cards(client.get(DASHBOARD, {"as_of": "2023-12-30"}))["T1"]
    assert before.verdict == "behind" and str(before.now.rate) == "50.0"
    after = cards(client.get(DASHBOARD, {"as_of": "2024-07-01"}))["T1"]
    # On 2023-12-31 two of A, B, C, D had lawyers (50.0% < 60%): missed, whatever happens later.
    assert after.verdict == "missed" and str(after.at_deadline.rate) == "50.0"
    t1.threshold = 40
    t1.save()
    met = cards(client.get(DASHBOARD, {"as_of": "2024-07-01"}))["T1"]
    assert met.verdict == "met"
    page = client.get(DASHBOARD, {"as_of": "2024-07-01"}).content.decode()
    assert 'data-target="T1" data-verdict="met"' in page


def test_it_shows_the_same_numbers_on_the_page_and_in_the_export(login, county):
    client = login("county")
    response = client.get(DASHBOARD, {"as_of": "2024-07-01"})
    rows = read(client.get(EXPORT, {"table": "targets", "as_of": "2024-07-01"}))
    assert ["截至日期", "2024-07-01"] in [row[:2] for row in rows]
    assert any(str(row[0]).startswith("定义") for row in rows)
    exported = {row[0]: row for row in rows if row[0] in {"T1", "T2", "T3"}}
    for code, card in cards(response).items():
        assert exported[code][8] == ("n/a" if card.now.rate is None else f"{card.now.rate}%")
        assert exported[code][6] == len(card.now.population)


@pytest.mark.parametrize("table", ["targets", "trend", "kinds", "modes", "headcount", "findings"])
def test_it_exports_every_table_with_chinese_headers(login, county, table):
    rows = read(login("county").get(EXPORT, {"table": table, "as_of": "2024-07-01"}))
    assert rows[0][0] == "标题"
    assert login("county").get(EXPORT, {"table": "nope"}).status_code == 404


def test_it_draws_the_trend_from_january_2021_to_the_as_of_date(login, county):
    response = login("county").get(DASHBOARD, {"as_of": "2024-07-01"})
    days = response.context["trend_chart"]["days"]
    assert days[0] == "2021-01-31" and days[-1] == "2024-07-01" and len(days) == 43
    assert 'id="trend-data"' in response.content.decode()


def test_it_refuses_an_as_of_date_before_2000_and_shows_today(login, county):
    # A county's history reaches back before the plan (2021), but not before the first pilots.
    assert not login("county").get(DASHBOARD, {"as_of": "2019-05-01"}).context["form"].errors
    response = login("county").get(DASHBOARD, {"as_of": "1999-12-31"})
    assert response.status_code == 200
    assert response.context["as_of"] == date.today()
    assert response.context["form"].errors


def test_it_lists_findings_with_the_shortest_path(login, users, county):
    from tests.lawyers.factories import make_person

    make_person(users["officer_b"], name="丁待申请")  # eligible staff in B, which has no lawyer after July 2024
    response = login("county").get(DASHBOARD, {"as_of": "2024-07-01"})
    findings = {
        target.code: {item.status.unit.name: item.path for item in items}
        for target, items in response.context["findings"]
    }
    assert findings["T2"] == {county["B"].name: "apply", county["C"].name: "advisor"}
    assert findings["T1"][county["D"].name] == "recruit"
    assert [status.unit.name for status, _count in response.context["r12"]] == [county["B"].name]


def test_it_shows_headcount_by_year_and_who_fell(login, county):
    response = login("county").get(DASHBOARD, {"as_of": "2024-07-01"})
    headcount = response.context["headcount"]
    assert headcount.county == {2021: 1, 2022: 3, 2023: 2, 2024: 2}
    fell = {unit.name: years for unit, _counts, years in headcount.by_unit}
    # A fall compares a unit active at both year ends: the abolished 旧局 is listed apart, with where its
    # lawyer went (nowhere: 丙 was not posted elsewhere).
    assert fell[county["B"].name] == [2024] and fell[county["E"].name] == []
    assert [(item.unit.name, item.year, item.lawyers, item.went_to) for item in headcount.abolished] == [
        (county["E"].name, 2023, 1, [])
    ]
    assert "城固县旧局" in response.content.decode().split('data-table="abolished"')[1]


def test_it_keeps_the_dashboard_query_count_flat_as_units_grow(login, county, django_assert_num_queries):
    client = login("county")
    # session, user, nine coverage loads (six facts, three of R1.2 staff), targets, eligible staff, pools
    with django_assert_num_queries(14):
        client.get(DASHBOARD, {"as_of": "2024-07-01"})
    for number in range(40):
        make_unit(f"新增单位{number:02}")
    with django_assert_num_queries(14):
        client.get(DASHBOARD, {"as_of": "2024-07-01"})


def test_it_shows_a_unit_its_own_standing_and_only_county_aggregates(login, county):
    response = login("officer_b").get(UNIT_DASHBOARD, {"as_of": "2024-07-01"})
    assert response.status_code == 200
    assert response.context["unit"] == county["B"]
    assert not response.context["status"].carries_out_work
    rows = {row["target"].code: row for row in response.context["rows"]}
    county_rates = cards(login("county").get(DASHBOARD, {"as_of": "2024-07-01"}))
    assert rows["T2"]["rate"] == county_rates["T2"].now.rate
    assert rows["T2"]["member"] and not rows["T2"]["covered"]
    page = response.content.decode()
    assert county["A"].name not in page and county["C"].name not in page
    for name in ("county", "bar", "lawyer_a", "pool"):
        assert login(name).get(UNIT_DASHBOARD).status_code == 403


def test_it_shows_a_units_coverage_history(login, county):
    url = reverse("coverage:unit_history", args=[county["C"].pk])
    periods = login("county").get(url).context["periods"]
    covered = [(p.start, p.end) for p in periods if p.carries_out_work]
    assert covered == [(date(2023, 1, 1), date(2024, 6, 30))]
    assert login("officer_a").get(url).status_code == 404
    assert login("bar").get(url).status_code == 403
    own = reverse("coverage:unit_history", args=[county["A"].pk])
    periods = login("officer_a").get(own).context["periods"]
    # From its first recorded fact (甲's qualification, dated 31 December 2017), not from the plan's start.
    assert [(p.start, p.has_lawyer) for p in reversed(periods)][:4] == [
        (date(2017, 12, 31), False),
        (date(2022, 3, 1), True),
        (date(2023, 6, 1), False),
        (date(2023, 9, 1), True),
    ]


def test_it_lets_the_county_office_edit_targets_and_keeps_the_history(login, county):
    t1 = Target.objects.get(code="T1")
    url = reverse("coverage:target_update", args=[t1.pk])
    assert login("justice").get(url).status_code == 403
    response = login("county").post(
        url,
        {
            "code": "T1",
            "name": t1.name,
            "law_enforcement": "true",
            "metric": "has_lawyer",
            "threshold": "45",
            "deadline": "2023-12-31",
            "is_active": "on",
            "source": t1.source,
        },
    )
    assert response.status_code == 302
    t1.refresh_from_db()
    assert str(t1.threshold) == "45.0"
    page = login("justice").get(reverse("coverage:target_detail", args=[t1.pk])).content.decode()
    assert "40.0 → 45.0" in page


def test_it_refuses_a_threshold_over_100(login, county):
    response = login("county").post(
        reverse("coverage:target_create"),
        {
            "code": "T9",
            "name": "x",
            "metric": "has_lawyer",
            "threshold": "120",
            "deadline": "2026-12-31",
        },
    )
    assert response.status_code == 200 and not Target.objects.filter(code="T9").exists()
