"""Whole counties loaded from their history, and every year-end figure checked against numbers worked out by
hand (DOMAIN.md, clarifications: "the dashboard for any past date is right the day they are loaded").

Scenario A, "a decade of a 50-unit county": 20 law-enforcement departments E01–E20 (E03 is the market
regulator, unit A) and 30 other departments N01–N30 (N10 is the natural-resources bureau, unit B), all
established in 2010, with four unqualified clerks each. The history workbook says:
- P1…P10, posted in E01…E10 since 2012, qualified 2011, in full-time legal work since 2012, are certified on
  1 June of 2016…2025 in turn (P6's issue date is mistyped as 2023-06-01 and later corrected to 2021-06-01);
- P3's certificate is revoked on 2022-03-01; he stays in E03, in legal work: R1.2 staff, but barred (Art. 6);
- Q10 (N10) is qualified full-time legal staff since 2015, Q15 (E15) since 2018: R1.2 staff, no lawyer;
- legal advisors: N10 and N11 from 2021 (N11 has no R1.2 staff, so its advisor counts; N10's does not),
  E15 from 2024 (does not count, unless a target says advisors count regardless);
- E05 is merged into E04 on 2023-01-01 (a reorganisation recorded after the import): P5 and the clerks move.
- Entered late, in a second workbook: P11 of E11, certified 2017-03-01, retired 2021-09-30.

The expected figures below are counted by hand from that story, year by year (see each comment).
"""

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from advisors.models import Engagement
from coverage.models import Target
from lawyers import services as lawyer_services
from lawyers.history import HistoryImporter, build_workbook
from lawyers.models import Certificate, Person
from tests.conftest import make_unit
from tests.lawyers.factories import id_number, practice_number
from units import services as unit_services
from units.choices import UnitKind

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("coverage:dashboard")
EXPORT = reverse("coverage:dashboard_export")
UNIT_DASHBOARD = reverse("coverage:unit_dashboard")
YEAR_ENDS = [date(year, 12, 31) for year in range(2016, 2026)]


IDS: dict = {}


def _stable(key, birth, sex):
    """One ID number per person of the story, however often the workbooks name them."""
    if key not in IDS:
        IDS[key] = id_number(birth, sex)
    return IDS[key]


def lawyer_id(i):
    return _stable(("lawyer", i), date(1970 + i, 3, 1), "M")


def clerk_id(unit_index, n):
    return _stable(("clerk", unit_index, n), date(1985, 1 + n, 1 + unit_index % 27), "F")


@pytest.fixture
def county(unit_a, unit_b):
    """50 units: unit A is E03 and unit B is N10 (the officers of A and B read their own unit pages)."""
    unit_a.established_on = unit_b.established_on = date(2010, 1, 1)
    unit_a.save()
    unit_b.law_enforcement = False
    unit_b.save()
    units = {}
    for i in range(1, 21):
        units[f"E{i:02}"] = unit_a if i == 3 else make_unit(f"城固县执法局{i:02}", established_on=date(2010, 1, 1))
    for i in range(1, 31):
        units[f"N{i:02}"] = (
            unit_b
            if i == 10
            else make_unit(
                f"城固县工作部门{i:02}",
                kind=UnitKind.COUNTY_DEPARTMENT,
                law_enforcement=False,
                established_on=date(2010, 1, 1),
            )
        )
    return units


def decade(units) -> dict:
    people, postings, work, certificates = [], [], [], []
    for index, (code, unit) in enumerate(units.items()):
        for n in range(4):
            people.append({"id_number": clerk_id(index, n), "name": f"{code}科员{n}", "post": "科员"})
            postings.append({"id_number": clerk_id(index, n), "unit": unit.name, "started_on": date(2012, 1, 1)})
    for i in range(1, 11):
        people.append(
            {
                "id_number": lawyer_id(i),
                "name": f"律师{i:02}",
                "legal_work_years": 8,
                "legal_qualification_class": "A",
                "legal_qualification_number": f"A2011610722{i:04}",
                "qualified_on": date(2011, 7, 1),
            }
        )
        postings.append({"id_number": lawyer_id(i), "unit": units[f"E{i:02}"].name, "started_on": date(2012, 1, 1)})
        work.append({"id_number": lawyer_id(i), "started_on": date(2012, 1, 1)})
        issued_on = date(2023, 6, 1) if i == 6 else date(2015 + i, 6, 1)  # P6's date mistyped
        certificate = {"number": practice_number("M", 2011, 500 + i), "id_number": lawyer_id(i), "issued_on": issued_on}
        if i == 3:
            certificate.update(ended_on=date(2022, 3, 1), end_kind="revoked", end_note="违规执业")
        certificates.append(certificate)
    for code, since in (("N10", date(2015, 1, 1)), ("E15", date(2018, 1, 1))):
        person = _stable(("staff", code), date(1990, 5, 5), "F")
        people.append(
            {
                "id_number": person,
                "name": f"{code}法制员",
                "legal_work_years": 5,
                "legal_qualification_class": "A",
                "legal_qualification_number": f"A{since.year}610722{code}",
                "qualified_on": date(since.year - 1, 9, 1),
            }
        )
        postings.append({"id_number": person, "unit": units[code].name, "started_on": since})
        work.append({"id_number": person, "started_on": since})
    return {"people": people, "postings": postings, "legal_work": work, "certificates": certificates}


def late_entry(units) -> dict:
    """P11, entered after the county went live: certified 2017-03-01, retired 2021-09-30."""
    person = lawyer_id(11)
    return {
        "people": [
            {
                "id_number": person,
                "name": "律师11",
                "legal_work_years": 20,
                "legal_qualification_class": "A",
                "legal_qualification_number": "A20116107220011",
                "qualified_on": date(2011, 7, 1),
            }
        ],
        "postings": [
            {
                "id_number": person,
                "unit": units["E11"].name,
                "started_on": date(2012, 1, 1),
                "ended_on": date(2021, 9, 30),
            }
        ],
        "legal_work": [{"id_number": person, "started_on": date(2012, 1, 1), "ended_on": date(2021, 9, 30)}],
        "certificates": [
            {
                "number": practice_number("M", 2011, 511),
                "id_number": person,
                "issued_on": date(2017, 3, 1),
                "ended_on": date(2021, 9, 30),
                "end_kind": "cancelled",
                "cancellation_reason": "retired",
            }
        ],
    }


def load(users, facts, tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(build_workbook(facts))
    importer = HistoryImporter(user=users["justice"])
    preview = importer.preview(path)
    assert preview.ok, preview.messages
    importer.commit(path, filename=name)
    return preview


def advisor(unit, starts_on, ends_on):
    return Engagement.objects.create(
        unit=unit,
        advisor_name=f"{unit.name}顾问",
        advisor_kind="scholar",
        organisation="西北政法大学",
        starts_on=starts_on,
        ends_on=ends_on,
    )


def figures(client, day):
    context = client.get(DASHBOARD, {"as_of": day.isoformat()}).context
    cards = {card.now.target.code: card.now for card in context["cards"]}
    return {
        "T1": (cards["T1"].population_count, cards["T1"].covered_count),
        "T2": (cards["T2"].population_count, cards["T2"].covered_count),
        "T3": (cards["T3"].population_count, cards["T3"].covered_count),
        "r12": {status.unit.name: count for status, count in context["r12"]},
        "advisor_only": [status.unit.name for status in context["advisor_only"]],
    }


def codes(units, names):
    by_name = {unit.name: code for code, unit in units.items()}
    return sorted(by_name[name] for name in names)


# Law-enforcement units with a public lawyer at each year-end, counted by hand from the story.
HAS_LAWYER_FINAL = {
    2016: 1,  # E01
    2017: 3,  # E01 E02, E11 (entered late)
    2018: 4,  # + E03
    2019: 5,  # + E04
    2020: 6,  # + E05
    2021: 6,  # + E06 (corrected date), − E11 (retired 2021-09-30)
    2022: 6,  # + E07, − E03 (revoked 2022-03-01)
    2023: 6,  # + E08, − E05 (merged into E04 on 2023-01-01; E04 now has two lawyers)
    2024: 7,  # + E09
    2025: 8,  # + E10
}
# Before the late entry and the correction: no E11, E06 only from 2023.
HAS_LAWYER_FIRST = {2016: 1, 2017: 2, 2018: 3, 2019: 4, 2020: 5, 2021: 5, 2022: 5, 2023: 6, 2024: 7, 2025: 8}
# R1.2 units (qualified full-time legal staff, no public lawyer) at each year-end, in the final state.
R12_FINAL = {
    2016: ["E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "E11", "N10"],  # P11 waits until 2017
    2017: ["E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "N10"],
    2018: ["E04", "E05", "E06", "E07", "E08", "E09", "E10", "E15", "N10"],  # Q15 from 2018
    2019: ["E05", "E06", "E07", "E08", "E09", "E10", "E15", "N10"],
    2020: ["E06", "E07", "E08", "E09", "E10", "E15", "N10"],
    2021: ["E07", "E08", "E09", "E10", "E15", "N10"],
    2022: ["E03", "E08", "E09", "E10", "E15", "N10"],  # P3 revoked: still qualified staff in legal work
    2023: ["E03", "E09", "E10", "E15", "N10"],
    2024: ["E03", "E10", "E15", "N10"],
    2025: ["E03", "E15", "N10"],
}


def test_a_decade_of_a_50_unit_county_loads_and_every_year_end_adds_up(login, users, county, tmp_path):
    units = county
    first = load(users, decade(units), tmp_path, "history.xlsx")
    assert first.new_total == 212 + 212 + 12 + 10  # people, postings, legal-work periods, certificates
    advisor(units["N10"], date(2021, 1, 1), date(2025, 12, 31))
    advisor(units["N11"], date(2021, 1, 1), date(2025, 12, 31))
    advisor(units["E15"], date(2024, 1, 1), date(2025, 12, 31))
    e05 = units["E05"]
    moving = Person.objects.posted_in(e05, date(2023, 1, 1))
    unit_services.unit_reorganise(
        actor=users["county"],
        unit=e05,
        on=date(2023, 1, 1),
        moves={person.pk: units["E04"] for person in moving},
        note="机构改革：并入执法局04",
    )
    client = login("county")

    # As first loaded: the mistyped date and no P11 yet.
    for day in YEAR_ENDS:
        assert figures(client, day)["T1"][1] == HAS_LAWYER_FIRST[day.year], day

    # A fact arrives late, out of order; a mistyped date is corrected (更正), not cancelled.
    load(users, late_entry(units), tmp_path, "late.xlsx")
    p6 = Certificate.objects.get(person__name="律师06")
    lawyer_services.certificate_correct(
        actor=users["justice"], certificate=p6, issued_on=date(2021, 6, 1), reason="录入错误，以发证机关存根为准"
    )
    assert p6.corrections.get().old_value == "2023-06-01"

    for day in YEAR_ENDS:
        got = figures(client, day)
        law_enforcement = 19 if day.year >= 2023 else 20  # E05 abolished on 2023-01-01
        all_units = 49 if day.year >= 2023 else 50
        assert got["T1"] == (law_enforcement, HAS_LAWYER_FINAL[day.year]), day
        # No dispatches, and E15's advisor does not count (Q15 is R1.2 staff): T2 covers what T1 does.
        assert got["T2"] == (law_enforcement, HAS_LAWYER_FINAL[day.year]), day
        # T3 counts every department: N11's advisor counts from 2021 (N11 has no R1.2 staff), N10's never.
        assert got["T3"] == (all_units, HAS_LAWYER_FINAL[day.year] + (day.year >= 2021)), day
        assert codes(units, got["r12"]) == R12_FINAL[day.year], day
        expected_only_advisor = (["N10"] if day.year >= 2021 else []) + (["E15"] if day.year >= 2024 else [])
        assert codes(units, got["advisor_only"]) == sorted(expected_only_advisor), day

    # The headcount: distinct public lawyers at each year-end since 2021; E05's abolition is no fall.
    context = client.get(DASHBOARD, {"as_of": "2025-12-31"}).context
    headcount = context["headcount"]
    assert headcount.county == {2021: 6, 2022: 6, 2023: 7, 2024: 8, 2025: 9}
    fell = {unit.name: years for unit, _counts, years in headcount.by_unit if years}
    # The table starts with 2021 (the plan's first year): E11's fall, from 2020 to 2021, lies before it.
    assert fell == {units["E03"].name: [2022]}
    assert [(a.unit.name, a.year, a.lawyers, a.went_to) for a in headcount.abolished] == [
        (e05.name, 2023, 1, [units["E04"].name])
    ]
    counts = {unit.name: c for unit, c, _fell in headcount.by_unit}
    assert counts[units["E04"].name] == {2021: 1, 2022: 1, 2023: 2, 2024: 2, 2025: 2}

    # The export reads the same numbers at every year-end, and the findings list N10's advisor.
    for day in YEAR_ENDS:
        rows = read(client.get(EXPORT, {"table": "targets", "as_of": day.isoformat()}))
        t1 = next(row for row in rows if row[0] == "T1")
        assert (t1[6], t1[7]) == (19 if day.year >= 2023 else 20, HAS_LAWYER_FINAL[day.year]), day
    findings = read(client.get(EXPORT, {"table": "findings", "as_of": "2023-12-31"}))
    advisor_rows = [row for row in findings if row[1] == units["N10"].name and "法律顾问" in str(row[2])]
    assert len(advisor_rows) == 1

    # The unit pages say the same for their own unit, every year-end. E03 (unit A): P3 waits for his
    # certificate (R1.2 staff) until 2018, is its lawyer 2018–2021, and R1.2 staff again, barred, after the
    # revocation. N10 (unit B): Q10 all along, never covered (its advisor does not count).
    officer_a, officer_b = login("officer_a"), login("officer_b")
    for day in YEAR_ENDS:
        page = officer_a.get(UNIT_DASHBOARD, {"as_of": day.isoformat()}).context
        lawyer = 2018 <= day.year <= 2021
        assert (page["status"].has_lawyer, page["status"].carries_out_work) == (lawyer, lawyer), day
        assert page["r12_staff"] == (0 if lawyer else 1), day
        assert page["eligible_staff"] == (1 if day.year < 2018 else 0), day  # barred after 2022-03-01
        page = officer_b.get(UNIT_DASHBOARD, {"as_of": day.isoformat()}).context
        assert (page["status"].has_lawyer, page["status"].carries_out_work, page["r12_staff"]) == (False, False, 1)
    unit_page = officer_a.get(reverse("units:unit_detail", args=[units["E03"].pk])).context
    assert [person.name for person in unit_page["r12_people"]] == ["律师03"]
    assert not unit_page["r12_people"][0].is_eligible_today
    # N10 (unit B): its advisor does not make it carry out the work, and its page says why.
    page_b = login("officer_b").get(UNIT_DASHBOARD, {"as_of": "2022-12-31"})
    assert not page_b.context["status"].carries_out_work and page_b.context["r12_staff"] == 1
    assert "不计入" in page_b.content.decode()

    # A target that lets advisors count regardless takes E15's advisor in 2024 and 2025 (kept in its history).
    t2 = Target.objects.get(code="T2")
    t2.advisors_count_regardless = True
    t2.save()
    assert figures(client, date(2024, 12, 31))["T2"] == (19, 8)
    assert figures(client, date(2023, 12, 31))["T2"] == (19, 6)

    # Eligibility reads the portal's own records: P3 is R1.2 staff but barred by his revocation.
    p3 = Person.objects.get(name="律师03")
    page = login("justice").get(reverse("lawyers:person_detail", args=[p3.pk])).context
    licence = next(item for item in page["checklist"] if item.code == "licence")
    assert not licence.met and "2022-03-01" in str(licence.reason)


def test_the_same_workbook_twice_changes_nothing(users, county, tmp_path):
    load(users, decade(county), tmp_path, "history.xlsx")
    path = tmp_path / "again.xlsx"
    path.write_bytes(build_workbook(decade(county)))
    with CaptureQueriesContext(connection) as queries:
        again = HistoryImporter(user=users["justice"]).preview(path)
    assert (again.new_total, again.changed_total) == (0, 0)
    assert len(queries) < 15  # a fixed number of lookups for 446 rows


def read(response):
    return [
        list(row)
        for row in load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    ]


# --- Scenario B: a split, a suspension entered late, a dispatch, a revocation, a corrected number ---------
"""
Four law-enforcement units: the old justice office S (2015 – abolished 2022-07-01, split between unit A and
unit B), unit A, unit B (county departments) and the tax bureau (vertical, in a system with a talent pool).
- L1, posted in S since 2016, certified 2019-03-01 (number mistyped, corrected later), suspended
  2020-05-01 – 2021-02-01 (entered in a second workbook), moves to unit A in the split;
- R, posted in S since 2017, qualified 2018-01-01 and in legal work since 2018: R1.2 staff; moves to unit B;
- unit A's advisor 2020–2022 counts (no R1.2 staff there); unit B's advisor 2023–2025 does not (R is there);
- the tax bureau: T, R1.2 staff since 2019; L2 certified 2020-01-01, revoked 2021-06-01 (then R1.2 staff
  too); a pool lawyer dispatched 2021-01-01 – 2024-12-31, which counts whatever the R1.2 staff.
"""

# Per year-end, counted by hand: T1 (law enforcement, has a lawyer), T2 (carries out the work), T3 (county
# departments, carries out the work) as (population, covered); R1.2 units with their staff; advisor-only units.
SPLIT_FIGURES = {
    # S: L1; tax: T and L2 (certified only in 2020) wait. T2: S. T3: S of S, A, B.
    2019: {"T1": (4, 1), "T2": (4, 1), "T3": (3, 1), "r12": {"tax": 2}, "advisor_only": []},
    # L1 suspended: S has R only. Tax: L2. A: its advisor counts. T2: A, tax.
    2020: {"T1": (4, 1), "T2": (4, 2), "T3": (3, 1), "r12": {"S": 1}, "advisor_only": []},
    # L1 back in S; L2 revoked: tax has T and L2 as R1.2 staff, but a dispatch. T2: S, A, tax.
    2021: {"T1": (4, 1), "T2": (4, 3), "T3": (3, 2), "r12": {"tax": 2}, "advisor_only": []},
    # S split on 2022-07-01: L1 in A, R in B. T2: A, tax.
    2022: {"T1": (3, 1), "T2": (3, 2), "T3": (2, 1), "r12": {"B": 1, "tax": 2}, "advisor_only": []},
    # B's advisor does not count (R is R1.2 staff there): a finding of its own.
    2023: {"T1": (3, 1), "T2": (3, 2), "T3": (2, 1), "r12": {"B": 1, "tax": 2}, "advisor_only": ["B"]},
    2024: {"T1": (3, 1), "T2": (3, 2), "T3": (2, 1), "r12": {"B": 1, "tax": 2}, "advisor_only": ["B"]},
    # The dispatch ended on 2024-12-31.
    2025: {"T1": (3, 1), "T2": (3, 1), "T3": (2, 1), "r12": {"B": 1, "tax": 2}, "advisor_only": ["B"]},
}


def test_a_split_unit_a_late_suspension_a_dispatch_and_a_revocation_add_up(
    login, users, unit_a, unit_b, tax_unit, tmp_path
):
    from advisors.models import Dispatch, PoolMember

    justice_office = make_unit("城固县旧司法所", established_on=date(2015, 1, 1))
    for unit in (unit_a, unit_b, tax_unit):
        unit.established_on = date(2010, 1, 1)
        unit.save()
    names = {"S": justice_office.name, "A": unit_a.name, "B": unit_b.name, "tax": tax_unit.name}
    ids = {key: _stable(("split", key), date(1980 + n, 2, 2), "M") for n, key in enumerate(("L1", "R", "T", "L2"))}
    l1_mistyped, l1_number = practice_number("M", 2019, 901), practice_number("M", 2019, 109)
    l2_number = practice_number("M", 2020, 902)

    def person(key, year):
        return {
            "id_number": ids[key],
            "name": f"拆分{key}",
            "legal_work_years": 6,
            "legal_qualification_class": "A",
            "legal_qualification_number": f"A{year}6107229{key}",
            "qualified_on": date(year, 1, 1),
        }

    facts = {
        "people": [person("L1", 2015), person("R", 2018), person("T", 2019), person("L2", 2017)],
        "postings": [
            {"id_number": ids["L1"], "unit": names["S"], "started_on": date(2016, 1, 1)},
            {"id_number": ids["R"], "unit": names["S"], "started_on": date(2017, 1, 1)},
            {"id_number": ids["T"], "unit": names["tax"], "started_on": date(2019, 1, 1)},
            {"id_number": ids["L2"], "unit": names["tax"], "started_on": date(2018, 1, 1)},
        ],
        "legal_work": [
            {"id_number": ids["L1"], "started_on": date(2016, 1, 1)},
            {"id_number": ids["R"], "started_on": date(2018, 1, 1)},
            {"id_number": ids["T"], "started_on": date(2019, 1, 1)},
            {"id_number": ids["L2"], "started_on": date(2018, 1, 1)},
        ],
        "certificates": [
            {"number": l1_mistyped, "id_number": ids["L1"], "issued_on": date(2019, 3, 1)},
            {
                "number": l2_number,
                "id_number": ids["L2"],
                "issued_on": date(2020, 1, 1),
                "ended_on": date(2021, 6, 1),
                "end_kind": "revoked",
                "end_note": "泄露工作秘密",
            },
        ],
    }
    load(users, facts, tmp_path, "split.xlsx")
    Engagement.objects.create(
        unit=unit_a, advisor_name="甲顾问", advisor_kind="scholar", organisation="某大学",
        starts_on=date(2020, 1, 1), ends_on=date(2022, 12, 31),
    )  # fmt: skip
    Engagement.objects.create(
        unit=unit_b, advisor_name="乙顾问", advisor_kind="scholar", organisation="某大学",
        starts_on=date(2023, 1, 1), ends_on=date(2025, 12, 31),
    )  # fmt: skip
    member = PoolMember.objects.create(
        system=tax_unit.superior, name="市局公职律师", organisation="汉中市税务局",
        practice_number=practice_number("F", 2016, 903), joined_on=date(2020, 1, 1),
    )  # fmt: skip
    Dispatch.objects.create(
        unit=tax_unit, system=tax_unit.superior, needs="税务行政复议", wanted_from=date(2021, 1, 1),
        status="dispatched", requested_by=users["county"], member=member,
        starts_on=date(2021, 1, 1), ends_on=date(2024, 12, 31),
    )  # fmt: skip
    moving = {p.pk: p for p in Person.objects.posted_in(justice_office, date(2022, 7, 1))}
    unit_services.unit_reorganise(
        actor=users["county"],
        unit=justice_office,
        on=date(2022, 7, 1),
        moves={pk: unit_a if p.name == "拆分L1" else unit_b for pk, p in moving.items()},
        note="司法所拆分：律师并入市场监管局，法制员并入自然资源局",
    )
    client = login("county")
    # Before the suspension is known, S had its lawyer at the end of 2020.
    assert figures(client, date(2020, 12, 31))["T1"] == (4, 2)

    # The suspension arrives in a second workbook; the mistyped number is corrected.
    late = {
        "suspensions": [
            {
                "certificate": l1_mistyped,
                "started_on": date(2020, 5, 1),
                "ended_on": date(2021, 2, 1),
                "reason": "立案调查",
            }
        ]
    }
    load(users, late, tmp_path, "late-suspension.xlsx")
    certificate = Certificate.objects.get(number=l1_mistyped)
    lawyer_services.certificate_correct(
        actor=users["justice"], certificate=certificate, number=l1_number, reason="证号录入错误"
    )

    by_name = {name: key for key, name in names.items()}
    for year, expected in SPLIT_FIGURES.items():
        got = figures(client, date(year, 12, 31))
        got["r12"] = {by_name[name]: count for name, count in got["r12"].items()}
        got["advisor_only"] = sorted(by_name[name] for name in got["advisor_only"])
        assert got == expected, year

    context = client.get(DASHBOARD, {"as_of": "2025-12-31"}).context
    assert context["headcount"].county == {2021: 1, 2022: 1, 2023: 1, 2024: 1, 2025: 1}
    assert [(a.unit.name, a.year, a.lawyers, a.went_to) for a in context["headcount"].abolished] == [
        (names["S"], 2022, 1, [names["A"]])
    ]
    # Unit A's page names its lawyer by the corrected number.
    status = login("officer_a").get(UNIT_DASHBOARD, {"as_of": "2023-12-31"}).context["status"]
    assert [number for _pk, _name, number in status.lawyers] == [l1_number]
