"""The justice bureau's history import (lawyers/history.py): one workbook, a sheet per kind of fact, checked as
a whole against what is stored, written all or nothing, re-imported without change.

The workbooks are written by `lawyers.history.build_workbook`, in Chinese (the portal's first language), the
way a clerk fills in the template."""

import shutil
import subprocess
from contextlib import contextmanager
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from unittest import mock

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from chenggu_lawyers.imports import ImportRejected
from chenggu_lawyers.models import AuditEvent
from lawyers import consistency
from lawyers import services as lawyer_services
from lawyers.choices import CertificateStatus
from lawyers.history import HistoryImporter, build_workbook
from lawyers.models import Certificate, LegalWorkPeriod, Membership, Person, Posting, Suspension
from lawyers.services import public_lawyer_postings_on
from tests.lawyers.factories import id_number, make_person, practice_number
from tests.spreadsheets import upload
from units.models import Unit

pytestmark = pytest.mark.django_db

IMPORT = reverse("lawyers:history_import")
TEMPLATE = reverse("lawyers:history_template")
MODELS = (Person, Posting, LegalWorkPeriod, Certificate, Suspension, Membership)
SHEET_NAMES = ["说明", "人员", "任职", "法律工作", "执业证", "暂停执业", "律协会员"]

RETIRED = id_number(date(1964, 1, 5), "M")  # certified 2019, retired 2024: cancelled
REVOKED = id_number(date(1979, 9, 9), "M")  # suspended while investigated, then revoked
SUSPENDED = id_number(date(1982, 11, 20), "M")  # suspended twice, still suspended
MOVED = id_number(date(1988, 4, 18), "F")  # transferred between units, two periods of legal work
QUALIFIED = id_number(date(1991, 5, 30), "F")  # qualified, no certificate
RETIRED_NO = practice_number("M", 2019, 101)
REVOKED_NO = practice_number("M", 2020, 102)
SUSPENDED_NO = practice_number("M", 2021, 103)
MOVED_NO = practice_number("F", 2020, 104)
MARKET = "城固县市场监督管理局"
LAND = "城固县自然资源局"
OLD_SAIC = "城固县工商行政管理局"


@pytest.fixture
def units(unit_a, unit_b):
    """The county's units over the years: the administration for industry and commerce, abolished when market
    regulation was formed in 2015, and an earlier office of the same name as today's market regulator."""
    unit_a.established_on = date(2015, 1, 1)
    unit_a.save()
    old_saic = Unit.objects.create(
        name=OLD_SAIC, kind=unit_a.kind, established_on=date(2001, 1, 1), abolished_on=date(2019, 1, 1)
    )
    old_market = Unit.objects.create(
        name=MARKET, kind=unit_a.kind, established_on=date(2010, 1, 1), abolished_on=date(2015, 1, 1)
    )
    return {"market": unit_a, "land": unit_b, "old_saic": old_saic, "old_market": old_market}


def history() -> dict:
    """Ten years of one county's records."""
    return {
        "people": [
            {
                "id_number": RETIRED,
                "name": "杨退休",
                "post": "法规科科长",
                "legal_work_years": 20,
                "last_annual_grade": "competent",
                "legal_qualification_class": "A",
                "legal_qualification_number": "A20086107220011",
                "legal_qualification_year": 2008,
            },
            {
                "id_number": REVOKED,
                "name": "黄吊销",
                "sex": "M",
                "legal_work_years": 12,
                "legal_qualification_class": "A",
                "legal_qualification_number": "A20106107220021",
                "legal_qualification_year": 2010,
            },
            {
                "id_number": SUSPENDED,
                "name": "陈暂停",
                "legal_work_years": 15,
                "judicial_years": 3,
                "lawyer_qualification_number": "L200561072200031",
                "lawyer_qualification_year": 2005,
                "qualified_on": date(2005, 3, 15),
            },
            {
                "id_number": MOVED,
                "name": "吴调动",
                "legal_work_years": 8,
                "legal_qualification_class": "A",
                "legal_qualification_number": "A20156107220041",
                "legal_qualification_year": 2015,
            },
            {
                "id_number": QUALIFIED,
                "name": "周待申请",
                "legal_qualification_class": "C",
                "legal_qualification_number": "C20206107220051",
                "legal_qualification_year": 2020,
                "qualified_on": date(2021, 2, 20),
            },
        ],
        "postings": [
            {"id_number": RETIRED, "unit": OLD_SAIC, "started_on": date(2010, 3, 1), "ended_on": date(2019, 1, 1)},
            {"id_number": RETIRED, "unit": MARKET, "started_on": date(2019, 1, 1), "ended_on": date(2024, 2, 1)},
            {"id_number": REVOKED, "unit": LAND},
            {"id_number": SUSPENDED, "unit": MARKET, "started_on": date(2015, 7, 1)},
            {"id_number": MOVED, "unit": MARKET, "started_on": date(2016, 1, 1), "ended_on": date(2021, 7, 1)},
            {"id_number": MOVED, "unit": LAND, "started_on": date(2021, 7, 1)},
            {"id_number": QUALIFIED, "unit": MARKET, "started_on": date(2012, 3, 1), "ended_on": date(2015, 1, 1)},
            {"id_number": QUALIFIED, "unit": LAND, "started_on": date(2015, 1, 1)},
        ],
        "legal_work": [
            {"id_number": RETIRED, "started_on": date(2010, 3, 1), "ended_on": date(2024, 2, 1)},
            {"id_number": REVOKED, "ended_on": date(2022, 8, 15)},
            {"id_number": SUSPENDED, "started_on": date(2015, 7, 1)},
            {"id_number": MOVED, "started_on": date(2016, 1, 1), "ended_on": date(2018, 12, 31)},
            {"id_number": MOVED, "started_on": date(2019, 6, 1)},
            {"id_number": QUALIFIED, "started_on": date(2021, 3, 1)},
        ],
        "certificates": [
            {
                "number": RETIRED_NO,
                "id_number": RETIRED,
                "issued_on": date(2019, 5, 6),
                "ended_on": date(2024, 2, 1),
                "end_kind": "cancelled",
                "cancellation_reason": "retired",
            },
            {
                "number": REVOKED_NO,
                "id_number": REVOKED,
                "issued_on": date(2020, 4, 1),
                "issuer": "汉中市司法局",
                "ended_on": date(2022, 8, 15),
                "end_kind": "revoked",
                "end_note": "违规收取代理费",
            },
            {"number": SUSPENDED_NO, "id_number": SUSPENDED, "issued_on": date(2021, 4, 1)},
            {"number": MOVED_NO, "id_number": MOVED, "issued_on": date(2020, 1, 10)},
        ],
        "suspensions": [
            {
                "certificate": SUSPENDED_NO,
                "started_on": date(2022, 3, 1),
                "ended_on": date(2022, 9, 1),
                "reason": "涉嫌违纪，立案调查",
            },
            {"certificate": SUSPENDED_NO, "started_on": date(2025, 1, 10), "reason": "受到停止执业处分"},
            {
                "certificate": REVOKED_NO,
                "started_on": date(2022, 5, 1),
                "ended_on": date(2022, 8, 15),
                "reason": "立案调查",
            },
        ],
        "memberships": [
            {"id_number": RETIRED, "number": "SXLX-2019-0101", "joined_on": date(2019, 6, 1)},
            {"id_number": MOVED, "number": "SXLX-2020-0104", "joined_on": date(2020, 2, 1)},
        ],
    }


def write(tmp_path, facts, name="history.xlsx"):
    path = tmp_path / name
    path.write_bytes(build_workbook(facts))
    return path


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def sheet_counts(preview) -> dict:
    return {sheet.name: (sheet.new_count, sheet.changed_count, sheet.unchanged_count) for sheet in preview.sheets}


def person(number) -> Person:
    return Person.objects.with_id_numbers([number]).get()


# --- the template -------------------------------------------------------------------------------------------


def test_the_template_has_the_instructions_first_then_a_sheet_per_fact(login):
    response = login("justice").get(TEMPLATE)
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == SHEET_NAMES
    guide = [cell.value for cell in workbook["说明"]["A"] if cell.value]
    assert guide[0] == "城固县公职律师历史数据导入模板"
    people = workbook["人员"]
    assert [cell.value for cell in people[1]][:3] == ["身份证号", "姓名", "性别"]
    assert people.column_dimensions["A"].number_format == "@"  # ID numbers stay text
    certificates = workbook["执业证"]
    assert [cell.value for cell in certificates[1]][:2] == ["执业证号", "持证人身份证号"]
    assert certificates.column_dimensions["B"].number_format == "@"
    assert any('"注销,吊销"' in str(validation.formula1) for validation in certificates.data_validations.dataValidation)


# --- a realistic history ------------------------------------------------------------------------------------


def test_a_county_history_imports_with_its_past_dates(users, units, tmp_path):
    path = write(tmp_path, history())
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.messages == [] and preview.ok
    assert sheet_counts(preview) == {
        "人员": (5, 0, 0),
        "任职": (8, 0, 0),
        "法律工作": (6, 0, 0),
        "执业证": (4, 0, 0),
        "暂停执业": (3, 0, 0),
        "律协会员": (2, 0, 0),
    }
    HistoryImporter(user=users["justice"]).commit(path, filename="history.xlsx")
    assert counts() == {
        "Person": 5,
        "Posting": 8,
        "LegalWorkPeriod": 6,
        "Certificate": 4,
        "Suspension": 3,
        "Membership": 2,
    }
    # A person's unit is that of their latest posting; the two offices named 市场监督管理局 are told apart by date.
    assert person(RETIRED).unit == units["market"]
    assert person(MOVED).unit == units["land"]
    first = Posting.objects.get(person=person(QUALIFIED), started_on=date(2012, 3, 1))
    assert first.unit == units["old_market"]
    # Sex and birth date come from the ID number; the qualification's date from its year when not given.
    yang = person(RETIRED)
    assert (yang.sex, yang.birth_date, yang.qualified_on) == ("M", date(1964, 1, 5), date(2008, 12, 31))
    assert person(SUSPENDED).qualified_on == date(2005, 3, 15)
    # The certificates' lives.
    retired = Certificate.objects.get(number=RETIRED_NO)
    assert (retired.status, retired.ended_on, retired.cancellation_reason) == ("cancelled", date(2024, 2, 1), "retired")
    revoked = Certificate.objects.get(number=REVOKED_NO)
    assert (revoked.status, revoked.end_note, revoked.issuer) == ("revoked", "违规收取代理费", "汉中市司法局")
    assert Certificate.objects.get(number=SUSPENDED_NO).status == CertificateStatus.SUSPENDED
    assert Certificate.objects.get(number=MOVED_NO).status == CertificateStatus.ACTIVE
    assert Certificate.objects.get(number=MOVED_NO).issuer == "陕西省司法厅"
    assert set(LegalWorkPeriod.objects.filter(person=person(MOVED)).values_list("started_on", "ended_on")) == {
        (date(2016, 1, 1), date(2018, 12, 31)),
        (date(2019, 6, 1), None),
    }

    # The dashboard for a past date is right the day the history is loaded.
    def lawyers_on(day):
        return {(p.person.name, p.unit.name) for p in public_lawyer_postings_on(day).select_related("person", "unit")}

    assert lawyers_on(date(2020, 6, 1)) == {("杨退休", MARKET), ("黄吊销", LAND), ("吴调动", MARKET)}
    assert lawyers_on(date(2022, 6, 1)) == {("杨退休", MARKET), ("吴调动", LAND)}  # both others suspended
    assert lawyers_on(date(2023, 1, 1)) == {("杨退休", MARKET), ("陈暂停", MARKET), ("吴调动", LAND)}
    assert lawyers_on(date(2024, 6, 1)) == {("陈暂停", MARKET), ("吴调动", LAND)}
    assert lawyers_on(timezone.localdate()) == {("吴调动", LAND)}
    # Audit: every row created, marked as history, and one summary of the import.
    created = AuditEvent.objects.filter(action="create", object_type__startswith="lawyers.")
    assert created.count() == 28 and all(event.changes["history"] for event in created)
    assert all(event.actor == users["justice"] for event in created)
    assert "*" in created.get(object_type="lawyers.person", object_repr="杨退休").changes["after"]["id_number"]
    summary = AuditEvent.objects.get(action="import", object_type="lawyers.history")
    assert summary.outcome == "success" and summary.object_repr == "history.xlsx"
    assert summary.changes["sheets"]["postings"] == {"new": 8, "changed": 0, "unchanged": 0}


def test_importing_the_same_workbook_again_changes_nothing(users, units, tmp_path):
    path = write(tmp_path, history())
    HistoryImporter(user=users["justice"]).commit(path, filename="history.xlsx")
    before, events = counts(), AuditEvent.objects.count()
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok
    assert (preview.new_total, preview.changed_total, preview.unchanged_total) == (0, 0, 28)
    assert all(new == 0 and changed == 0 for new, changed, _same in sheet_counts(preview).values())
    HistoryImporter(user=users["justice"]).commit(path, filename="history.xlsx")
    assert counts() == before
    assert AuditEvent.objects.count() == events + 1  # the import's summary, nothing else


def test_a_changed_row_updates_the_stored_fact(users, units, tmp_path):
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))
    facts = history()
    facts["suspensions"][1]["ended_on"] = date(2025, 6, 1)  # reinstated after all
    facts["people"][3]["post"] = "法制股股长"
    path = write(tmp_path, facts, "corrected.xlsx")
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok
    counted = sheet_counts(preview)
    assert counted["暂停执业"] == (0, 1, 2) and counted["人员"] == (0, 1, 4) and counted["任职"] == (0, 0, 8)
    HistoryImporter(user=users["justice"]).commit(path, filename="corrected.xlsx")
    assert counts()["Suspension"] == 3
    assert Suspension.objects.get(certificate__number=SUSPENDED_NO, started_on=date(2025, 1, 10)).ended_on == date(
        2025, 6, 1
    )
    # The certificate's status follows its suspensions, though its own row did not change.
    assert Certificate.objects.get(number=SUSPENDED_NO).status == CertificateStatus.ACTIVE
    assert person(MOVED).post == "法制股股长"
    updates = AuditEvent.objects.filter(action="update", object_type__startswith="lawyers.")
    assert {event.object_type for event in updates} == {"lawyers.suspension", "lawyers.certificate", "lawyers.person"}
    assert all(event.changes["history"] for event in updates)
    assert updates.get(object_type="lawyers.person").changes["after"] == {"post": "法制股股长"}


def test_older_certificate_numbers_that_fail_a_digit_check_are_warnings(users, units, tmp_path):
    facts = history()
    # Digit 10 should be 6 (public lawyer), digit 11 the holder's sex: an older numbering.
    facts["certificates"][3]["number"] = MOVED_NO[:9] + "10" + MOVED_NO[11:]
    facts["memberships"] = []
    preview = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts))
    assert preview.ok
    warnings = preview.sheet("certificates").warnings
    assert any(w.startswith("【执业证】第5行【执业证号】") and "第10位" in w for w in warnings), warnings
    facts["certificates"][3]["number"] = "2610720206104"  # not even the shape: an error
    preview = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts))
    assert any(m.startswith("【执业证】第5行【执业证号】") for m in preview.messages), preview.messages


# --- bad workbooks: a message per row naming sheet, row and column; nothing written -------------------------


def future_posting(facts):
    facts["postings"][5]["started_on"] = timezone.localdate() + timedelta(days=10)


def two_units_at_once(facts):
    facts["postings"].append({"id_number": SUSPENDED, "unit": LAND, "started_on": date(2020, 1, 1)})


def certificate_before_posting(facts):
    facts["certificates"][0]["issued_on"] = date(2009, 5, 6)


def suspension_outside_certificate(facts):
    facts["suspensions"][0]["started_on"] = date(2020, 3, 1)


def open_suspension_of_an_ended_certificate(facts):
    facts["suspensions"][2]["ended_on"] = None


def retired_but_still_posted(facts):
    facts["postings"][1]["ended_on"] = None


def overlapping_legal_work(facts):
    facts["legal_work"][4]["started_on"] = date(2018, 6, 1)


def unknown_unit(facts):
    facts["postings"][2]["unit"] = "城固县不存在局"


def unknown_person(facts):
    facts["memberships"][0]["id_number"] = id_number(date(1970, 1, 1), "M")


def unknown_certificate(facts):
    facts["suspensions"][2]["certificate"] = practice_number("M", 2020, 999)


def unreadable_date(facts):
    facts["legal_work"][0]["started_on"] = "2010-13-45"


def posting_before_the_unit(facts):
    facts["postings"][0]["started_on"] = date(2000, 3, 1)


def posting_after_the_unit(facts):
    # Named 市场监督管理局 from 2014: the office of that name then, abolished in 2015.
    facts["postings"][3]["started_on"] = date(2014, 7, 1)


def cancellation_without_reason(facts):
    facts["certificates"][0]["cancellation_reason"] = ""


def wrong_id_number(facts):
    facts["people"][4]["id_number"] = QUALIFIED[:-1] + ("0" if QUALIFIED[-1] != "0" else "1")


BAD = [
    (future_posting, "【任职】第7行【起始日期】", "晚于今天"),
    (two_units_at_once, "【任职】第10行【起始日期】", "同一人同一时间只能在一个单位任职"),
    (two_units_at_once, "【任职】第5行【起始日期】", "同一人同一时间只能在一个单位任职"),
    (certificate_before_posting, "【执业证】第2行【发证日期】", "2009-05-06持证人未在任何单位任职"),
    (
        suspension_outside_certificate,
        "【暂停执业】第2行【暂停起始日期】",
        "暂停执业须在执业证有效期（2021-04-01 – 至今）内",
    ),
    (open_suspension_of_an_ended_certificate, "【暂停执业】第4行【恢复执业日期】", "执业证已于2022-08-15终止"),
    (retired_but_still_posted, "【执业证】第2行【注销原因】", "持证人于2024-02-01退休或调离本单位"),
    (overlapping_legal_work, "【法律工作】第6行【起始日期】", "重叠"),
    (unknown_unit, "【任职】第4行【单位名称】", "没有名为“城固县不存在局”的单位"),
    (unknown_person, "【律协会员】第2行【身份证号】", "既未在平台登记，也不在人员表中"),
    (unknown_certificate, "【暂停执业】第4行【执业证号】", "既未在平台登记，也不在执业证表中"),
    (unreadable_date, "【法律工作】第2行【起始日期】", "“2010-13-45”不是日期"),
    (posting_before_the_unit, "【任职】第2行【起始日期】", "城固县工商行政管理局成立于2001-01-01"),
    (posting_after_the_unit, "【任职】第5行【截止日期】", "城固县市场监督管理局已于2015-01-01撤销"),
    (cancellation_without_reason, "【执业证】第2行【注销原因】", "请选择注销原因"),
    (wrong_id_number, "【人员】第6行【身份证号】", "校验"),
]


@pytest.mark.parametrize(("spoil", "where", "what"), BAD, ids=[f"{case[0].__name__}-{case[1]}" for case in BAD])
def test_a_bad_row_is_named_by_sheet_row_and_column_and_nothing_is_written(users, units, tmp_path, spoil, where, what):
    facts = history()
    spoil(facts)
    path = write(tmp_path, facts)
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        HistoryImporter(user=users["justice"]).commit(path, filename="bad.xlsx")
    messages = rejected.value.preview.messages
    assert any(message.startswith(where) and what in message for message in messages), messages
    assert counts() == before
    refusal = AuditEvent.objects.get(action="import", object_type="lawyers.history")
    assert refusal.outcome == "failure" and refusal.changes["history"] and refusal.changes["rows_refused"] >= 1


def test_nothing_is_written_when_one_row_of_many_is_wrong_even_with_history_stored(users, units, tmp_path):
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))
    facts = history()
    facts["people"].append({"id_number": id_number(date(1990, 1, 1), "M"), "name": "新人"})
    facts["postings"].append({"id_number": facts["people"][-1]["id_number"], "unit": MARKET})
    facts["suspensions"][0]["started_on"] = date(2020, 3, 1)
    before = counts()
    with pytest.raises(ImportRejected):
        HistoryImporter(user=users["justice"]).commit(write(tmp_path, facts, "more.xlsx"))
    assert counts() == before and not Person.objects.filter(name="新人").exists()


def rewrite(path, change):
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def test_a_wrong_sheet_name_is_named(users, units, tmp_path):
    path = rewrite(write(tmp_path, history()), lambda book: setattr(book["任职"], "title", "任职记录"))
    with pytest.raises(ImportRejected) as rejected:
        HistoryImporter(user=users["justice"]).commit(path)
    messages = rejected.value.preview.messages
    assert any("工作表“任职记录”不是模板中的工作表" in message for message in messages), messages
    assert any("缺少工作表“任职”" in message for message in messages), messages
    assert counts() == {model.__name__: 0 for model in MODELS}


def test_an_unknown_or_missing_column_is_named(users, units, tmp_path):
    def change(book):
        book["人员"].cell(row=1, column=14, value="备注")
        book["暂停执业"].delete_cols(4)  # the required reason

    path = rewrite(write(tmp_path, history()), change)
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert not preview.ok
    assert any(m.startswith("【人员】第1行【备注】不是本表的列") for m in preview.messages), preview.messages
    assert any(m.startswith("【暂停执业】第1行【暂停原因】本表缺少该必填列") for m in preview.messages)


def test_english_sheet_names_and_headers_import_too(users, units, tmp_path, english):
    path = write(tmp_path, history())  # written in English
    assert load_workbook(path).sheetnames[1:3] == ["People", "Postings"]
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok, preview.messages


def test_facts_stored_and_facts_of_the_workbook_are_checked_together(users, units, tmp_path):
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))
    # The stored history says 吴调动 worked in 自然资源局 from 2021-07-01; the new workbook holds only a posting
    # in 市场监督管理局 from 2023 and a second certificate of 周待申请, whose postings are all stored.
    facts = {
        "postings": [{"id_number": MOVED, "unit": MARKET, "started_on": date(2023, 1, 1)}],
        "certificates": [
            {"number": practice_number("F", 2011, 201), "id_number": QUALIFIED, "issued_on": date(2011, 6, 1)},
            {"number": practice_number("M", 2023, 202), "id_number": SUSPENDED, "issued_on": date(2023, 6, 1)},
        ],
    }
    preview = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts, "more.xlsx"))
    messages = preview.messages
    assert any(m.startswith("【任职】第2行【起始日期】该人员在2021-07-01 – 至今期间已有任职记录") for m in messages)
    assert any(m.startswith("【执业证】第2行【发证日期】2011-06-01持证人未在任何单位任职") for m in messages)
    assert any(m.startswith("【执业证】第3行【发证日期】持证人在2021-04-01 – 至今期间已持有执业证") for m in messages)


# --- the query count does not grow with the rows ------------------------------------------------------------


def scale_facts(unit_names: list[str], people: int, *, start=0) -> dict:
    """A county's history in bulk: every person posted twice (a transfer), in legal work, a third of them with a
    certificate (every tenth of those suspended once, every seventh cancelled on retirement), members."""
    facts = {key: [] for key in ("people", "postings", "legal_work", "certificates", "suspensions", "memberships")}
    for index in range(start, start + people):
        sex = "M" if index % 2 else "F"
        number = id_number(date(1970 + index % 25, 1 + index % 12, 1 + index % 28), sex)
        joined = date(2015, 1, 1) + timedelta(days=index % 700)
        moved = joined + timedelta(days=800 + index % 300)
        first, second = unit_names[index % len(unit_names)], unit_names[(index + 1) % len(unit_names)]
        facts["people"].append(
            {
                "id_number": number,
                "name": f"历史{index:05d}",
                "legal_qualification_class": "A",
                "legal_qualification_number": f"A2012{index:010d}",
                "legal_qualification_year": 2012,
            }
        )
        retires = index % 21 == 0
        facts["postings"].append({"id_number": number, "unit": first, "started_on": joined, "ended_on": moved})
        facts["postings"].append(
            {
                "id_number": number,
                "unit": second,
                "started_on": moved,
                "ended_on": date(2024, 7, 1) if retires else None,
            }
        )
        facts["legal_work"].append({"id_number": number, "started_on": joined})
        if index % 3 == 0:
            certificate = practice_number(sex, 2019, 500000 + index)
            row = {"number": certificate, "id_number": number, "issued_on": moved + timedelta(days=30)}
            if retires:
                row.update(ended_on=date(2024, 7, 1), end_kind="cancelled", cancellation_reason="retired")
            facts["certificates"].append(row)
            if index % 30 == 0:
                suspended = moved + timedelta(days=100)
                facts["suspensions"].append(
                    {
                        "certificate": certificate,
                        "started_on": suspended,
                        "ended_on": suspended + timedelta(days=60),
                        "reason": "立案调查",
                    }
                )
            facts["memberships"].append(
                {"id_number": number, "number": f"M{index:06d}", "joined_on": moved + timedelta(days=60)}
            )
    return facts


# The people named, the units named, their postings, legal work, certificates, suspensions, memberships; with
# none of the people stored yet, their postings and legal work are not asked for.
PREVIEW_QUERIES = 7
PREVIEW_QUERIES_NOTHING_STORED = 5


@pytest.mark.parametrize("people", [6, 90])
def test_the_preview_reads_a_fixed_number_of_queries_whatever_the_rows(
    users, units, tmp_path, people, django_assert_num_queries
):
    path = write(tmp_path, scale_facts([MARKET, LAND], people, start=1000))
    importer = HistoryImporter(user=users["justice"])
    with django_assert_num_queries(PREVIEW_QUERIES_NOTHING_STORED):
        preview = importer.preview(path)
    assert preview.ok, preview.messages[:5]
    assert preview.new_total == len(preview.rows)
    importer.commit(path)
    with django_assert_num_queries(PREVIEW_QUERIES):
        preview = importer.preview(path)  # everything stored now: the same queries
    assert preview.ok and preview.new_total == 0 and preview.changed_total == 0


def test_the_commit_writes_in_bulk(users, units, tmp_path):
    path = write(tmp_path, scale_facts([MARKET, LAND], 120, start=3000))
    with CaptureQueriesContext(connection) as queries:
        HistoryImporter(user=users["justice"]).commit(path)
    # The preview's reads, the summary, a multi-row insert per kind of fact and the audit entries, savepoints.
    assert len(queries) < 25
    assert Person.objects.count() == 120 and Posting.objects.count() == 240


# --- the pages ----------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(login):
    for url in (IMPORT, TEMPLATE):
        response = login(None).get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("account", ["officer_a", "county", "bar", "lawyer_a", "auditor"])
def test_other_roles_may_not_import_history(login, account, tmp_path, units):
    client = login(account)
    assert client.get(IMPORT).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    response = client.post(IMPORT, {"file": upload(build_workbook(history()), "history.xlsx")})
    assert response.status_code == 403
    assert counts()["Person"] == 0


def test_the_justice_bureau_uploads_previews_and_confirms(login, users, units):
    client = login("justice")
    page = client.get(IMPORT).content.decode()
    assert "历史数据导入" in page and "执业证" in page
    home = client.get(reverse("accounts:home")).content.decode()
    assert IMPORT in home
    assert IMPORT not in login("officer_a").get(reverse("accounts:home")).content.decode()

    response = client.post(IMPORT, {"file": upload(build_workbook(history()), "history.xlsx")})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.ok and preview.new_total == 28
    body = response.content.decode()
    assert "所有行均有效：新增 28 条，变更 0 条，未变 0 条。" in body
    assert counts()["Person"] == 0  # a preview writes nothing

    response = client.post(IMPORT, {"token": response.context["token"]}, follow=True)
    assert response.redirect_chain[-1][0] == IMPORT
    assert "历史数据已导入。" in response.content.decode()
    assert counts()["Person"] == 5

    response = client.post(IMPORT, {"file": upload(build_workbook(history()), "history.xlsx")})
    assert response.context["preview"].new_total == 0 and response.context["preview"].changed_total == 0


def test_the_preview_page_lists_errors_per_sheet(login, units):
    facts = history()
    certificate_before_posting(facts)
    unknown_unit(facts)
    response = login("justice").post(IMPORT, {"file": upload(build_workbook(facts), "history.xlsx")})
    body = response.content.decode()
    assert "未导入任何数据" in body
    assert 'id="sheet-certificates"' in body and 'id="sheet-postings"' in body
    assert "【任职】第4行【单位名称】没有名为“城固县不存在局”的单位。" in body
    # One mistake, one message: 黄吊销's certificate is not also said to lack a posting.
    assert response.context["preview"].error_count == 2
    assert counts()["Person"] == 0


# --- the command --------------------------------------------------------------------------------------------


def test_the_command_loads_a_workbook_as_a_justice_bureau_account(users, units, tmp_path, capsys):
    path = write(tmp_path, history())
    call_command("load_history", str(path), user="justice")
    assert counts()["Certificate"] == 4
    assert AuditEvent.objects.get(action="import", object_type="lawyers.history").actor == users["justice"]
    call_command("load_history", str(path), user="justice", dry_run=True)
    assert "人员: 0 new, 0 changed, 5 unchanged, 0 errors" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("load_history", str(path), user="officer_a")
    facts = history()
    unknown_unit(facts)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("load_history", str(write(tmp_path, facts, "bad.xlsx")), user="justice")


def test_a_qualification_without_date_or_year_keeps_its_first_recorded_day(users, units, tmp_path):
    facts = history()
    del facts["people"][3]["legal_qualification_year"]
    path = write(tmp_path, facts)
    with time_machine.travel(date(2026, 3, 2)):
        preview = HistoryImporter(user=users["justice"]).preview(path)
        assert preview.ok
        assert any(
            w.startswith("【人员】第5行【取得资格日期】未填写取得资格的日期或年份")
            for w in preview.sheet("people").warnings
        )
        HistoryImporter(user=users["justice"]).commit(path)
    assert person(MOVED).qualified_on == date(2026, 3, 2)
    with time_machine.travel(date(2026, 4, 1)):
        preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.changed_total == 0 and person(MOVED).qualified_on == date(2026, 3, 2)


def test_registered_facts_the_workbook_leaves_out_must_still_agree_with_it(users, units, tmp_path):
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))
    facts = {
        # 陈暂停's certificate, registered without an ending, now said to be cancelled before his stored
        # suspension ended (the one change an import may make to a registered certificate: its ending).
        "certificates": [
            {
                "number": SUSPENDED_NO,
                "id_number": SUSPENDED,
                "issued_on": date(2021, 4, 1),
                "ended_on": date(2022, 7, 1),
                "end_kind": "cancelled",
                "cancellation_reason": "own_request",
            }
        ],
        # 吴调动 said to have left 市场监督管理局 in 2019: her stored certificate of 2020 would have no posting.
        "postings": [
            {"id_number": MOVED, "unit": MARKET, "started_on": date(2016, 1, 1), "ended_on": date(2019, 12, 1)}
        ],
    }
    messages = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts, "more.xlsx")).messages
    assert any(
        m.startswith("【执业证】第2行【终止日期】已登记的暂停执业（2022-03-01 – 2022-09-01）") for m in messages
    ), messages
    assert any(m.startswith(f"【任职】第2行【起始日期】已登记的执业证 {MOVED_NO}：2020-01-10持证人") for m in messages)


def test_optional_columns_may_be_left_out(users, units, tmp_path):
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))

    def change(book):
        book["人员"].delete_cols(4)  # 职务: what is stored stays
        del book["说明"]

    path = rewrite(write(tmp_path, history(), "again.xlsx"), change)
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok and preview.changed_total == 0, preview.messages
    assert person(RETIRED).post == "法规科科长"

    newcomer = id_number(date(1995, 2, 2), "F")
    facts = {"people": [{"id_number": newcomer, "name": "新来"}], "postings": [{"id_number": newcomer, "unit": LAND}]}
    path = rewrite(write(tmp_path, facts, "new.xlsx"), lambda book: book["任职"].delete_cols(3, 2))  # no dates
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok and preview.new_total == 2, preview.messages


# --- a registered certificate: restated, or given the ending it lacked; never rewritten ----------------------


def test_a_registered_certificate_is_neither_rewritten_nor_reopened(users, units, tmp_path):
    """A certificate revoked on 2024-05-01 on its page; a workbook repeats its number with no ending and another
    issue date. The import used to count this "1 changed" and make the certificate active again."""
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))
    certificate = Certificate.objects.get(number=MOVED_NO)
    lawyer_services.certificate_revoke(
        actor=users["justice"], certificate=certificate, on=date(2024, 5, 1), note="违规出具法律意见"
    )
    facts = {"certificates": [{"number": MOVED_NO, "id_number": MOVED, "issued_on": date(2021, 3, 1)}]}
    path = write(tmp_path, facts, "again.xlsx")
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert not preview.ok and preview.changed_total == 0
    messages = preview.messages
    assert any(
        m.startswith(f"【执业证】第2行【发证日期】平台登记的执业证{MOVED_NO}此项为2020-01-10；导入不会修改")
        and "在该执业证页面点击“更正”" in m
        for m in messages
    ), messages
    assert any(
        m.startswith(
            f"【执业证】第2行【终止日期】平台登记执业证{MOVED_NO}已于2024-05-01吊销；导入不会恢复已终止的执业证"
        )
        for m in messages
    ), messages
    with pytest.raises(ImportRejected):
        HistoryImporter(user=users["justice"]).commit(path)
    certificate.refresh_from_db()
    assert (certificate.status, certificate.ended_on, certificate.issued_on) == (
        CertificateStatus.REVOKED,
        date(2024, 5, 1),
        date(2020, 1, 10),
    )


def test_a_registered_ending_is_restated_as_registered(users, units, tmp_path):
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))
    revoked = history()["certificates"][1]
    facts = {
        "certificates": [
            {**revoked, "ended_on": date(2022, 8, 1)},  # another day
            {**history()["certificates"][0], "issuer": "汉中市司法局"},  # another issuer
        ]
    }
    messages = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts, "again.xlsx")).messages
    assert any(m.startswith("【执业证】第2行【终止日期】") and "此项为2022-08-15" in m for m in messages), messages
    assert any(m.startswith("【执业证】第3行【发证机关】") and "此项为“陕西省司法厅”" in m for m in messages), messages
    # How it ended is not corrected with 更正 either: the message does not send the clerk there.
    facts = {"certificates": [{**revoked, "end_note": "另一事由"}]}
    messages = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts, "note.xlsx")).messages
    assert messages == [
        f"【执业证】第2行【终止说明】平台登记的执业证{REVOKED_NO}此项为“违规收取代理费”；导入不会改变已登记执业证的"
        "终止情况。请按登记内容填写。"
    ]
    assert Certificate.objects.get(number=REVOKED_NO).end_note == "违规收取代理费"


def test_an_import_records_the_ending_a_registered_certificate_did_not_have(users, units, tmp_path):
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))
    facts = {
        "certificates": [
            {
                **history()["certificates"][3],  # 吴调动's, registered without an ending
                "ended_on": date(2024, 5, 1),
                "end_kind": "cancelled",
                "cancellation_reason": "own_request",
            }
        ]
    }
    path = write(tmp_path, facts, "ending.xlsx")
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok, preview.messages
    assert sheet_counts(preview)["执业证"] == (0, 1, 0)
    HistoryImporter(user=users["justice"]).commit(path)
    certificate = Certificate.objects.get(number=MOVED_NO)
    assert (certificate.status, certificate.ended_on, certificate.cancellation_reason) == (
        "cancelled",
        date(2024, 5, 1),
        "own_request",
    )
    update = AuditEvent.objects.get(action="update", object_type="lawyers.certificate")
    assert update.changes["before"]["status"] == "active" and update.changes["history"]
    # The same row again: as registered now.
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok and preview.changed_total == 0 and preview.unchanged_total == 1


# --- people registered by their unit: their posting "since before the records" given its start ----------------


@pytest.fixture
def registered(users, units):
    """吴登记, registered by 自然资源局 (unit B) on the portal: posted there "since before the records"."""
    return make_person(users["officer_b"], name="吴登记", sex="F", birth_date=date(1988, 4, 18))


def test_a_dated_row_in_the_same_unit_gives_a_registered_posting_its_start(users, units, registered, tmp_path):
    stored = Posting.objects.get(person=registered)
    assert stored.started_on is None and stored.unit == units["land"]
    number = registered.id_number
    facts = {
        "postings": [
            {"id_number": number, "unit": MARKET, "started_on": date(2016, 1, 1), "ended_on": date(2021, 7, 1)},
            {"id_number": number, "unit": LAND, "started_on": date(2021, 7, 1)},
        ],
        "certificates": [{"number": MOVED_NO, "id_number": number, "issued_on": date(2020, 1, 10)}],
    }
    path = write(tmp_path, facts)
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok, preview.messages
    assert sheet_counts(preview)["任职"] == (1, 1, 0)
    HistoryImporter(user=users["justice"]).commit(path)
    postings = set(Posting.objects.filter(person=registered).values_list("pk", "unit__name", "started_on", "ended_on"))
    assert postings == {
        (stored.pk, LAND, date(2021, 7, 1), None),  # the registered posting, now with its start
        (Posting.objects.get(person=registered, unit=units["market"]).pk, MARKET, date(2016, 1, 1), date(2021, 7, 1)),
    }
    update = AuditEvent.objects.get(action="update", object_type="lawyers.posting")
    assert update.changes["before"] == {"started_on": None} and update.changes["after"] == {"started_on": "2021-07-01"}
    assert person(number).unit == units["land"]
    # Imported again: the posting is found by its start now.
    preview = HistoryImporter(user=users["justice"]).preview(path)
    assert preview.ok and preview.new_total == 0 and preview.changed_total == 0


def test_without_a_row_for_the_registered_posting_an_earlier_one_overlaps_it(users, units, registered, tmp_path):
    facts = {
        "postings": [
            {
                "id_number": registered.id_number,
                "unit": MARKET,
                "started_on": date(2016, 1, 1),
                "ended_on": date(2021, 7, 1),
            }
        ]
    }
    messages = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts)).messages
    # The open ends in Chinese (they were extracted from inside an f-string, so never translated), and a hint.
    assert messages == [
        "【任职】第2行【起始日期】该人员在平台登记前 – 至今期间已有任职记录：同一人同一时间只能在一个单位任职。"
        f"与之重叠的是平台已登记的任职：{LAND}（自平台登记前起）；在任职表中填写一行{LAND}的任职及其起始日期，"
        "即为该任职补记起始日期。"
    ]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext's xgettext")
def test_the_open_ends_of_a_span_are_extracted_by_makemessages():
    """makemessages (xgettext) reads no call inside an f-string: the labels must be plain calls."""
    source = Path(consistency.__file__)
    found = subprocess.run(
        ["xgettext", "--language=Python", "--keyword=_", "--from-code=UTF-8", "--output=-", str(source)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'msgid "before the records"' in found and 'msgid "now"' in found


def test_the_open_ends_of_a_span_are_translated():
    with translation.override("zh-hans"):
        assert consistency.span_text((None, None)) == "平台登记前 – 至今"
        assert consistency.span_text((date(2019, 1, 1), None)) == "2019-01-01 – 至今"
    with translation.override("en"):
        assert consistency.span_text((None, date(2019, 1, 1))) == "before the records – 2019-01-01"


# --- the qualification before the certificate ----------------------------------------------------------------


def test_a_certificate_issued_before_the_day_the_holder_qualified_is_a_warning(users, units, tmp_path):
    """The day (qualified_on), as everything else reads a qualification, not its year; history is loaded as it
    was, so only a warning."""
    facts = history()
    facts["people"][4]["legal_qualification_year"] = 2021
    facts["certificates"].append(
        # 周待申请 qualified on 2021-02-20: a certificate of 2021-02-01 (same year) warns, one of that day does not.
        {"number": practice_number("F", 2021, 105), "id_number": QUALIFIED, "issued_on": date(2021, 2, 1)}
    )
    preview = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts))
    assert preview.ok, preview.messages
    warnings = preview.sheet("certificates").warnings
    assert [w for w in warnings if w.startswith("【执业证】第6行【发证日期】") and "2021-02-20" in w], warnings
    facts["certificates"][-1]["issued_on"] = date(2021, 2, 20)
    preview = HistoryImporter(user=users["justice"]).preview(write(tmp_path, facts, "day.xlsx"))
    assert preview.ok and not [w for w in preview.sheet("certificates").warnings if "2021-02-20" in w]


# --- the commit locks what it checks ---------------------------------------------------------------------------


def test_the_commit_locks_the_people_and_certificates_it_checks_before_checking(users, units, tmp_path):
    """Inside the commit's transaction, the stored people and certificates the workbook names are read FOR
    UPDATE in primary-key order (SQLite leaves the clause out; the query is marked all the same)."""
    HistoryImporter(user=users["justice"]).commit(write(tmp_path, history()))
    path = write(tmp_path, history(), "again.xlsx")
    with spy_queries() as read:
        HistoryImporter(user=users["justice"]).preview(path)
    assert not [query for query in read if query[1]]  # a preview locks nothing
    with spy_queries() as read:
        HistoryImporter(user=users["justice"]).commit(path)
    locked = [(model, order) for model, for_update, order in read if for_update]
    assert locked == [(Person, ("pk",)), (Certificate, ("pk",))]
    # Locked as they are first read, before anything else the check reads.
    assert read[0][0] is Person and read[0][1]


@contextmanager
def spy_queries():
    """(model, select_for_update, order_by) of every SELECT compiled and run."""
    read = []
    original = SQLCompiler.execute_sql

    def execute_sql(compiler, *args, **kwargs):
        query = compiler.query
        read.append((query.model, query.select_for_update, tuple(query.order_by)))
        return original(compiler, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "execute_sql", execute_sql):
        yield read
