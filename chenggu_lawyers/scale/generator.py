"""The synthetic county, province or nation (see the package docstring for what it holds)."""

import csv
import random
import time
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection

from lawyers.validators import id_check_char

from .writer import RowWriter

SHANGHAI = ZoneInfo("Asia/Shanghai")
MARK = "规模测试"  # units' legal_office_contact and accounts' last name: rows this package wrote
USERNAME_PREFIX = "scale_"
TEMPLATE_CSV = Path(settings.BASE_DIR) / "units" / "data" / "chenggu_units.csv"
LAST_DAY = date(2025, 12, 31)
MATTERS_FROM = date(2021, 1, 1)
ASSESSMENT_YEARS = (2023, 2024, 2025)


@dataclass(frozen=True)
class Scale:
    units: int
    people: int
    certificates: int
    matters: int
    assessment_years: int = 3


PROVINCES = (
    ("11", "北京"), ("12", "天津"), ("13", "河北"), ("14", "山西"), ("15", "内蒙古"), ("21", "辽宁"), ("22", "吉林"),
    ("23", "黑龙江"), ("31", "上海"), ("32", "江苏"), ("33", "浙江"), ("34", "安徽"), ("35", "福建"), ("36", "江西"),
    ("37", "山东"), ("41", "河南"), ("42", "湖北"), ("43", "湖南"), ("44", "广东"), ("45", "广西"), ("46", "海南"),
    ("50", "重庆"), ("51", "四川"), ("52", "贵州"), ("53", "云南"), ("54", "西藏"), ("61", "陕西"), ("62", "甘肃"),
    ("63", "青海"), ("64", "宁夏"), ("65", "新疆"),
)  # fmt: skip
COUNTIES_PER_CITY = 6
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉鹏飞宇浩然晨阳欣怡佳琪子涵雨轩思远博文瑞天成嘉俊凯"  # noqa: E501
POSTS = ("法制股", "政策法规科", "法规室", "办公室", "执法大队", "综合股", "法律顾问室", "党政办")
PHONE_PREFIXES = ("138", "139", "150", "186", "188", "135", "177", "199")
ISSUE_YEAR_WEIGHTS = {2019: 8, 2020: 10, 2021: 13, 2022: 15, 2023: 20, 2024: 18, 2025: 16}
CANCEL_REASONS = ("left_unit", "retired", "transferred", "consent_withdrawn", "no_longer_legal_work", "own_request")
LAW_FIRMS = ("律师事务所", "大学法学院", "政法学院")
CATEGORY_WEIGHTS = (
    ("decision_opinion", 20),
    ("normative_documents", 15),
    ("contracts", 25),
    ("litigation_petitions", 10),
    ("reconsideration", 10),
    ("publicity", 12),
    ("other", 8),
)
TITLES = {
    "decision_opinion": "关于{item}的法律意见（{n}）",
    "normative_documents": "《关于进一步规范行政执法的若干规定》合法性审查（{n}）",
    "contracts": "与{party}签订的采购合同审查（{n}）",
    "litigation_petitions": "{party}诉本机关行政诉讼案（{n}）",
    "reconsideration": "{party}行政复议申请答复（{n}）",
    "publicity": "“谁执法谁普法”宣传活动（{n}）",
    "other": "其他法律事务（{n}）",
}
DECISION_ITEMS = ("重大行政处罚决定", "重大行政决策事项", "国有资产处置方案")
COMPANIES = (
    "城关建设有限公司",
    "汉江物流有限公司",
    "秦岭食品有限公司",
    "天汉科技有限公司",
    "某村民委员会",
    "某个体工商户",
)
FORUMS = ("县人民法院", "市中级人民法院", "县人民政府", "市人民政府", "劳动人事争议仲裁委员会")


@dataclass
class UnitRow:
    id: int
    county: int
    name: str
    kind: str
    law_enforcement: bool
    management_mode: str
    superior_id: int | None
    established_on: date | None = None
    abolished_on: date | None = None
    successor: int | None = None
    officer_id: int = 0
    division_code: str = ""


@dataclass
class PostingRow:
    person_id: int
    unit_id: int
    started_on: date | None
    ended_on: date | None


@dataclass
class CertRow:
    id: int
    person_id: int
    issued_on: date
    ended_on: date | None
    status: str
    suspensions: list  # [(start, end or None)]


def _day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _template_rows():
    with TEMPLATE_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Generator:
    def __init__(self, scale: Scale, *, seed: int = 20231019, log=print):
        self.scale = scale
        self.seed = seed
        self.log = log
        self.stamp = datetime(2026, 1, 1, 8, 0, tzinfo=SHANGHAI)
        self.writer = RowWriter(self.stamp)

    def rng(self, section: str) -> random.Random:
        return random.Random(f"{self.seed}:{section}")

    def _step(self, name, started):
        self.log(f"  {name}: {time.monotonic() - started:.1f} s")

    def run(self) -> dict[str, int]:
        started = time.monotonic()
        for name, step in (
            ("units", self.units),
            ("accounts", self.accounts),
            ("people", self.people),
            ("certificates", self.certificates),
            ("advisors and dispatches", self.advisors),
            ("matters", self.matters),
            ("assessments", self.assessments),
        ):
            step_started = time.monotonic()
            step()
            self._step(name, step_started)
        self.writer.drain()
        self.finish()
        self._step("total", started)
        return dict(self.writer.counts)

    # --- units --------------------------------------------------------------------------------------------
    def county_names(self, county: int):
        code, province = PROVINCES[county % len(PROVINCES)]
        within = county // len(PROVINCES)
        city_index = within // COUNTIES_PER_CITY
        area = f"{code}{city_index + 1:02d}{21 + within % COUNTIES_PER_CITY:02d}"
        city = f"{province}示范{city_index + 1:02d}市"
        return area, f"{province}示范{within + 1:02d}县", city, code, f"{city_index + 1:02d}"

    def units(self):
        rng = self.rng("units")
        template = _template_rows()
        superiors: dict[tuple[str, str], int] = {}
        superior_rows = []
        self.units_by_id: dict[int, UnitRow] = {}
        self.county_area: dict[int, tuple[str, str, str]] = {}
        next_id = 1
        county = 0
        target = self.scale.units
        while next_id <= target:
            area, county_name, city, province_code, city_code = self.county_names(county)
            self.county_area[county] = (area, province_code, city_code)
            short = county_name[:-1]
            for row in template:
                if next_id > target:
                    break
                name = row["name"].replace("城固县", county_name).replace("城固", short)
                if row["kind"] == "town":
                    name = county_name + name
                superior_id = None
                if row["superior"]:
                    superior_name = (
                        row["superior"]
                        .replace("陕西省", f"{PROVINCES[county % len(PROVINCES)][1]}省")
                        .replace("汉中市", city)
                        .replace("汉中", city[:-1])
                    )
                    key = (superior_name, city)
                    if key not in superiors:
                        superiors[key] = len(superiors) + 1
                        system = next(s for s in ("税务", "生态环境", "气象", "烟草", "统计") if s in superior_name)
                        superior_rows.append((superiors[key], superior_name, system))
                    superior_id = superiors[key]
                self.units_by_id[next_id] = UnitRow(
                    id=next_id,
                    county=county,
                    name=name,
                    kind=row["kind"],
                    law_enforcement=row["law_enforcement"] == "yes",
                    management_mode=row["management_mode"],
                    superior_id=superior_id,
                    division_code=area + row["division_code"][6:] if row["kind"] == "town" else "",
                )
                next_id += 1
            county += 1
        # Reorganisations (机构改革): about 2 % of units abolished, a successor of the same name established
        # the same day (it takes one of the scale's unit slots).
        ids = list(self.units_by_id)
        reorganised = rng.sample(ids[: len(ids) // 2], k=max(1, len(ids) // 50)) if len(ids) >= 20 else []
        successors = [i for i in reversed(ids) if i not in reorganised][: len(reorganised)]
        for old_id, new_id in zip(reorganised, successors, strict=True):
            old, new = self.units_by_id[old_id], self.units_by_id[new_id]
            day = _day_between(rng, date(2019, 3, 1), date(2024, 12, 31))
            old.abolished_on = day
            old.successor = new_id
            new.county, new.name, new.kind = old.county, old.name, old.kind
            new.law_enforcement, new.management_mode, new.superior_id = (
                old.law_enforcement,
                old.management_mode,
                old.superior_id,
            )
            new.established_on = day
            new.division_code = old.division_code
        self.writer.write("units.SystemOrganisation", ("id", "name", "system"), iter(superior_rows))
        self.superior_ids = [row[0] for row in superior_rows]
        self.writer.write(
            "units.Unit",
            (
                "id",
                "name",
                "kind",
                "law_enforcement",
                "management_mode",
                "superior_id",
                "division_code",
                "credit_code",
                "legal_office_contact",
                "legal_office_phone",
                "established_on",
                "abolished_on",
            ),
            (
                (
                    u.id,
                    u.name,
                    u.kind,
                    u.law_enforcement,
                    u.management_mode,
                    u.superior_id,
                    u.division_code,
                    "",
                    MARK,
                    "",
                    u.established_on,
                    u.abolished_on,
                )
                for u in self.units_by_id.values()
            ),
        )
        self.successors = set(successors)
        self.units_by_county = defaultdict(list)
        for unit in self.units_by_id.values():
            if unit.abolished_on is None:
                self.units_by_county[unit.county].append(unit.id)

    # --- accounts -------------------------------------------------------------------------------------------
    def accounts(self):
        rows = [
            (1, "scale_county", "county_office", None),
            (2, "scale_justice", "justice_bureau", None),
            (3, "scale_bar", "bar_association", None),
        ]
        self.county_user, self.justice_user = 1, 2
        next_id = 4
        for unit in self.units_by_id.values():
            unit.officer_id = next_id
            rows.append((next_id, f"{USERNAME_PREFIX}officer_{unit.id}", "unit_officer", unit.id))
            next_id += 1
        joined = datetime(2021, 1, 1, 9, 0, tzinfo=SHANGHAI)
        self.writer.write(
            "accounts.User",
            (
                "id",
                "username",
                "role",
                "unit_id",
                "password",
                "is_superuser",
                "is_staff",
                "is_active",
                "first_name",
                "last_name",
                "email",
                "date_joined",
                "phone",
                "must_change_password",
            ),
            (
                (
                    pk,
                    username,
                    role,
                    unit,
                    "!" + username,
                    False,
                    False,
                    True,
                    username[6:30],
                    MARK,
                    "",
                    joined,
                    "",
                    False,
                )
                for pk, username, role, unit in rows
            ),
            stamped=False,
        )

    # --- people and postings ----------------------------------------------------------------------------
    def people(self):
        from chenggu_lawyers.crypto import encrypt
        from lawyers.models import id_number_digest

        rng = self.rng("people")
        units = list(self.units_by_id.values())
        # Bigger units survey more staff: county departments and stationed units weigh more than towns.
        # Skewed (log-normal), as legal staff gather in a few big organs while many towns have one or none.
        kind_weight = {"county_department": 1.3, "stationed_unit": 1.2, "town": 0.5, "peoples_organisation": 0.4}
        weights, total = [], 0.0
        for unit in units:
            total += kind_weight.get(unit.kind, 0.8) * rng.lognormvariate(0, 1.3)
            weights.append(total)
        seen_ids: set[str] = set()
        self.people_rows = []  # (id, unit_id, name, sex, county)
        self.postings: list[PostingRow] = []
        self.person_sex = {}
        self.certificate_holders: list[int] = []
        n_people, n_certs = self.scale.people, self.scale.certificates
        holders = set(rng.sample(range(1, n_people + 1), k=min(n_people, round(n_certs / 1.08))))
        self.work_periods: list[tuple[int, date | None, date | None]] = []  # (person id, started_on, ended_on)
        work_rng = self.rng("legal work")
        rows = []
        for person_id in range(1, n_people + 1):
            unit = units[min(bisect_right(weights, rng.uniform(0, total)), len(units) - 1)]
            postings = []
            started = None if rng.random() < 0.55 else _day_between(rng, date(2005, 1, 1), date(2024, 6, 30))
            if unit.established_on is not None:
                started = max(started or unit.established_on, unit.established_on)
            latest_transfer = unit.abolished_on - timedelta(days=30) if unit.abolished_on else date(2025, 10, 31)
            others = [i for i in self.units_by_county[unit.county][:60] if i != unit.id and i not in self.successors]
            if rng.random() < 0.15 and others and latest_transfer > date(2019, 2, 1) and unit.established_on is None:
                # Transferred once, from another unit of the same county.
                transfer = _day_between(rng, date(2019, 1, 1), latest_transfer)
                if started is not None and started >= transfer:
                    started = transfer - timedelta(days=rng.randrange(200, 3000))
                postings.append(PostingRow(person_id, rng.choice(others), started, transfer))
                started = transfer
            current = unit
            if unit.abolished_on is not None:
                # Staff of a reorganised unit move to its successor on the day of the reorganisation.
                if started is not None and started >= unit.abolished_on:
                    started = unit.abolished_on - timedelta(days=rng.randrange(100, 2000))
                postings.append(PostingRow(person_id, unit.id, started, unit.abolished_on))
                current = self.units_by_id[unit.successor]
                started = unit.abolished_on
            postings.append(PostingRow(person_id, current.id, started, None))
            self.postings.extend(postings)
            sex = "M" if rng.random() < 0.58 else "F"
            area = self.county_area[current.county][0]
            while True:
                birth = _day_between(rng, date(1964, 1, 1), date(1998, 12, 31))
                first17 = f"{area}{birth:%Y%m%d}{rng.randrange(500) * 2 + (1 if sex == 'M' else 0):03d}"
                if first17 not in seen_ids:
                    seen_ids.add(first17)
                    break
            id_number = first17 + id_check_char(first17)
            holder = person_id in holders
            qualified = holder or rng.random() < 0.55
            exam_year = rng.randint(max(birth.year + 22, 2002), 2024 if not holder else max(birth.year + 22, 2018))
            qualification = rng.random() < 0.9 or not qualified
            phone = f"{rng.choice(PHONE_PREFIXES)}{rng.randrange(10**8):08d}" if rng.random() < 0.7 else ""
            barred = not holder and rng.random() < 0.03
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            post = rng.choice(POSTS)
            # The survey's "in full-time legal work now", drawn where its yes/no column was (the section's
            # other draws are unchanged), and dated by _work_periods from a stream of its own.
            full_time = holder or rng.random() < 0.45
            # Only one of the two qualifications is drawn: its year is the earliest (31 December of it).
            qualified_year = (exam_year if qualification else exam_year - 5) if qualified else None
            self.work_periods.extend(self._work_periods(work_rng, person_id, full_time))
            rows.append(
                (
                    person_id,
                    current.id,
                    name,
                    sex,
                    encrypt(id_number),
                    id_number_digest(id_number),
                    birth,
                    encrypt(phone),
                    post,
                    rng.randint(2, 20) if holder else rng.randint(0, 12),
                    rng.randint(1, 5) if rng.random() < 0.05 else 0,
                    "incompetent" if barred and rng.random() < 0.3 else rng.choice(("competent",) * 6 + ("excellent",)),
                    rng.choice("AAAAB C".replace(" ", "")) if qualified and qualification else "",
                    f"A{exam_year}{area}{person_id % 10000:04d}" if qualified and qualification else "",
                    exam_year if qualified and qualification else None,
                    f"L{exam_year - 5}{area}{person_id % 10000:04d}" if qualified and not qualification else "",
                    exam_year - 5 if qualified and not qualification else None,
                    date(qualified_year, 12, 31) if qualified_year is not None else None,
                    not qualified and rng.random() < 0.2,
                    False,
                    barred and rng.random() < 0.3,
                    barred and rng.random() < 0.5,
                    False,
                )
            )
            self.person_sex[person_id] = sex
            if holder:
                self.certificate_holders.append(person_id)
        self.writer.write(
            "lawyers.Person",
            (
                "id",
                "unit_id",
                "name",
                "sex",
                "id_number",
                "id_number_digest",
                "birth_date",
                "phone",
                "post",
                "legal_work_years",
                "judicial_years",
                "last_annual_grade",
                "legal_qualification_class",
                "legal_qualification_number",
                "legal_qualification_year",
                "lawyer_qualification_number",
                "lawyer_qualification_year",
                "qualified_on",
                "sitting_exam_this_year",
                "lacks_civil_capacity",
                "licence_revoked",
                "under_investigation",
                "credit_punished",
            ),
            iter(rows),
        )
        self.person_names = {row[0]: row[2] for row in rows}
        self.person_unit = {row[0]: row[1] for row in rows}
        self.writer.write(
            "lawyers.Posting",
            ("person_id", "unit_id", "started_on", "ended_on"),
            ((p.person_id, p.unit_id, p.started_on, p.ended_on) for p in self.postings),
        )
        self.writer.write("lawyers.LegalWorkPeriod", ("person_id", "started_on", "ended_on"), iter(self.work_periods))

    @staticmethod
    def _work_periods(rng: random.Random, person_id: int, full_time: bool):
        """A person's periods of full-time legal work [started_on, ended_on), disjoint, at most one open: for
        someone in it now mostly one open period since before the records (what the survey's yes/no became),
        else since a day, some after an earlier period and a gap; for someone not in it now, sometimes a past
        period that ended (left legal work)."""
        roll = rng.random()
        if full_time:
            if roll < 0.6:
                return [(person_id, None, None)]
            if roll < 0.9:
                return [(person_id, _day_between(rng, date(2015, 1, 1), date(2025, 6, 30)), None)]
            first = _day_between(rng, date(2012, 1, 1), date(2021, 12, 31))
            left = _day_between(rng, first + timedelta(days=180), min(first + timedelta(days=1500), date(2025, 6, 30)))
            back = _day_between(rng, left + timedelta(days=60), min(left + timedelta(days=900), LAST_DAY))
            return [(person_id, first, left), (person_id, back, None)]
        if roll < 0.12:
            started = None if rng.random() < 0.5 else _day_between(rng, date(2010, 1, 1), date(2020, 12, 31))
            earliest_end = max(started, date(2019, 1, 1)) if started else date(2019, 1, 1)
            ended = _day_between(rng, earliest_end + timedelta(days=30), date(2025, 10, 31))
            return [(person_id, started, ended)]
        return []

    # --- certificates ---------------------------------------------------------------------------------
    def certificates(self):
        rng = self.rng("certificates")
        years = list(ISSUE_YEAR_WEIGHTS)
        weights = list(ISSUE_YEAR_WEIGHTS.values())
        self.certs: list[CertRow] = []
        n_second = self.scale.certificates - len(self.certificate_holders)
        second = set(rng.sample(self.certificate_holders, k=max(0, min(n_second, len(self.certificate_holders)))))
        next_id = 1
        for person_id in self.certificate_holders:
            # A re-issued certificate's first one was issued by 2023 and cancelled.
            year = rng.choices(
                years[:5] if person_id in second else years, weights[:5] if person_id in second else weights
            )[0]
            issued = _day_between(rng, date(year, 1, 1), date(year, 12, 31))
            chain = []
            if person_id in second:
                ended = _day_between(
                    rng, issued + timedelta(days=120), min(issued + timedelta(days=900), date(2025, 3, 1))
                )
                chain.append((issued, ended, "cancelled"))
                issued = _day_between(rng, ended + timedelta(days=20), min(ended + timedelta(days=300), LAST_DAY))
            roll = rng.random()
            if roll < 0.13 and issued < date(2025, 6, 1):
                chain.append((issued, _day_between(rng, issued + timedelta(days=60), LAST_DAY), "cancelled"))
            elif roll < 0.14 and issued < date(2025, 6, 1):
                chain.append((issued, _day_between(rng, issued + timedelta(days=60), LAST_DAY), "revoked"))
            elif roll < 0.16:
                chain.append((issued, None, "suspended"))
            else:
                chain.append((issued, None, "active"))
            for issued_on, ended_on, status in chain:
                suspensions = []
                life_end = ended_on or LAST_DAY
                if status == "suspended":
                    start = _day_between(rng, issued_on, max(issued_on, life_end - timedelta(days=1)))
                    suspensions.append((start, None))
                elif rng.random() < 0.04 and (life_end - issued_on).days > 120:
                    start = _day_between(rng, issued_on, life_end - timedelta(days=100))
                    suspensions.append((start, start + timedelta(days=rng.randrange(30, 90))))
                self.certs.append(CertRow(next_id, person_id, issued_on, ended_on, status, suspensions))
                next_id += 1
        first_years = {}
        for cert in self.certs:
            first_years.setdefault(cert.person_id, cert.issued_on.year)
        cert_rows = []
        for cert in self.certs:
            area, province, city = self.county_area[self.units_by_id[self.person_unit[cert.person_id]].county]
            first_year = first_years[cert.person_id]
            sex_digit = "0" if self.person_sex[cert.person_id] == "M" else "1"
            cert_rows.append(
                (
                    cert.id,
                    cert.person_id,
                    None,
                    f"1{province}{city}{first_year}6{sex_digit}{cert.id:06d}",
                    cert.issued_on,
                    f"{dict(PROVINCES)[province]}司法厅",
                    cert.status,
                    cert.ended_on,
                    rng.choice(CANCEL_REASONS) if cert.status == "cancelled" else "",
                    "",
                )
            )
        self.writer.write(
            "lawyers.Certificate",
            (
                "id",
                "person_id",
                "application_id",
                "number",
                "issued_on",
                "issuer",
                "status",
                "ended_on",
                "cancellation_reason",
                "end_note",
            ),
            iter(cert_rows),
        )
        self.writer.write(
            "lawyers.Suspension",
            ("certificate_id", "started_on", "ended_on", "reason"),
            (
                (cert.id, start, end, "涉嫌违纪，暂停执业接受调查")
                for cert in self.certs
                for start, end in cert.suspensions
            ),
        )
        # Who held a certificate at some time, by unit: the assignees of the unit's matters.
        certified = {cert.person_id for cert in self.certs}
        self.unit_lawyers = defaultdict(list)
        for posting in self.postings:
            if posting.person_id in certified:
                self.unit_lawyers[posting.unit_id].append(posting.person_id)

    # --- advisors, pools, dispatches ------------------------------------------------------------------
    def advisors(self):
        rng = self.rng("advisors")
        self.unit_engagements = defaultdict(list)
        engagements = []
        next_id = 1
        for unit in self.units_by_id.values():
            if unit.abolished_on is not None or self.unit_lawyers.get(unit.id) and rng.random() < 0.9:
                continue
            if rng.random() > 0.35:
                continue
            start = _day_between(rng, date(2020, 1, 1), date(2024, 6, 30))
            while start <= LAST_DAY:
                end = date(start.year + rng.choice((1, 2)), start.month, 1) - timedelta(days=1)
                terminated = reason = None
                if rng.random() < 0.05:
                    terminated = _day_between(rng, start, end)
                    reason = "顾问所在律师事务所解散"
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
                lawyer = rng.random() < 0.8
                engagements.append(
                    (
                        next_id,
                        unit.id,
                        name,
                        "lawyer" if lawyer else "scholar",
                        f"{unit.name[:4]}某{rng.choice(LAW_FIRMS)}",
                        f"1{self.county_area[unit.county][1]}{self.county_area[unit.county][2]}20151{rng.randrange(10**7):07d}"
                        if lawyer
                        else "",
                        "",
                        start,
                        end,
                        "为本单位提供法律顾问服务，履行公职律师职责",
                        terminated,
                        reason or "",
                    )
                )
                self.unit_engagements[unit.id].append((next_id, name))
                next_id += 1
                if terminated is not None or rng.random() < 0.3:
                    break
                start = end + timedelta(days=1)
        self.writer.write(
            "advisors.Engagement",
            (
                "id",
                "unit_id",
                "advisor_name",
                "advisor_kind",
                "organisation",
                "practice_number",
                "phone",
                "starts_on",
                "ends_on",
                "duties",
                "terminated_on",
                "termination_reason",
            ),
            iter(engagements),
        )
        members = []
        self.pool = defaultdict(list)
        for superior_id in self.superior_ids:
            for _ in range(4):
                member_id = len(members) + 1
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
                members.append(
                    (
                        member_id,
                        superior_id,
                        None,
                        name,
                        "系统法制部门",
                        f"161072019{rng.randrange(2)}6{member_id:06d}",
                        "",
                        "税务行政复议、行政诉讼",
                        _day_between(rng, date(2020, 1, 1), date(2022, 12, 31)),
                        None,
                    )
                )
                self.pool[superior_id].append((member_id, name))
        self.writer.write(
            "advisors.PoolMember",
            (
                "id",
                "system_id",
                "person_id",
                "name",
                "organisation",
                "practice_number",
                "phone",
                "expertise",
                "joined_on",
                "left_on",
            ),
            iter(members),
        )
        dispatches = []
        self.unit_dispatches = defaultdict(list)
        for unit in self.units_by_id.values():
            if unit.superior_id is None or unit.abolished_on is not None or self.unit_lawyers.get(unit.id):
                continue
            roll = rng.random()
            if roll > 0.5:
                continue
            wanted = _day_between(rng, date(2022, 1, 1), date(2025, 6, 30))
            common = (unit.id, unit.superior_id, "行政复议、行政诉讼应诉及合同审查", '["reconsideration", "contracts"]')
            if roll < 0.4:
                member_id, name = rng.choice(self.pool[unit.superior_id])
                starts = wanted + timedelta(days=rng.randrange(5, 40))
                dispatches.append(
                    (
                        *common,
                        wanted,
                        None,
                        "dispatched",
                        unit.officer_id,
                        member_id,
                        starts,
                        starts + timedelta(days=rng.choice((364, 729))),
                        "",
                    )
                )
                self.unit_dispatches[unit.id].append((member_id, name))
            elif roll < 0.45:
                dispatches.append(
                    (*common, wanted, None, "declined", unit.officer_id, None, None, None, "本期人才库人员已满负荷")
                )
            else:
                dispatches.append((*common, wanted, None, "requested", unit.officer_id, None, None, None, ""))
        self.writer.write(
            "advisors.Dispatch",
            (
                "unit_id",
                "system_id",
                "needs",
                "matter_types",
                "wanted_from",
                "wanted_until",
                "status",
                "requested_by_id",
                "member_id",
                "starts_on",
                "ends_on",
                "decision_note",
                "terminated_on",
                "termination_reason",
            ),
            ((*row, None, "") for row in dispatches),
        )

    # --- matters ---------------------------------------------------------------------------------------
    def matters(self):
        rng = self.rng("matters")
        units = list(self.units_by_id.values())
        items = []
        self.unit_items = {}
        for unit in units:
            ids = []
            for title in DECISION_ITEMS:
                items.append((len(items) + 1, unit.id, title, "", True))
                ids.append((len(items), title))
            self.unit_items[unit.id] = ids
        self.writer.write("matters.DecisionItem", ("id", "unit_id", "title", "description", "is_active"), iter(items))
        # Matters per unit in proportion to its staff (at least a few each).
        staff = defaultdict(int)
        for person_unit in self.person_unit.values():
            staff[person_unit] += 1
        weights, total = [], 0.0
        for unit in units:
            total += 1 + staff[unit.id]
            weights.append(total)
        categories = [c for c, _w in CATEGORY_WEIGHTS]
        category_weights = [w for _c, w in CATEGORY_WEIGHTS]
        span = (LAST_DAY - MATTERS_FROM).days
        assignments = []
        assignees = {}  # unit id → who may be assigned its matters

        def matter_rows():
            for matter_id in range(1, self.scale.matters + 1):
                unit = units[min(bisect_right(weights, rng.uniform(0, total)), len(units) - 1)]
                if unit.abolished_on is not None and unit.abolished_on <= MATTERS_FROM:
                    unit = self.units_by_id[unit.successor]
                category = rng.choices(categories, category_weights)[0]
                created_day = MATTERS_FROM + timedelta(days=rng.randrange(span + 1))
                if unit.abolished_on is not None and created_day >= unit.abolished_on:
                    unit = self.units_by_id[unit.successor]
                elif unit.established_on is not None and created_day < unit.established_on:
                    created_day = unit.established_on
                created = datetime(
                    created_day.year, created_day.month, created_day.day, rng.randrange(8, 18), rng.randrange(60),
                    tzinfo=SHANGHAI,
                )  # fmt: skip
                due = created_day + timedelta(days=rng.randrange(7, 61))
                candidates = assignees.get(unit.id)
                if candidates is None:
                    candidates = assignees[unit.id] = (
                        [("public_lawyer", p) for p in dict.fromkeys(self.unit_lawyers.get(unit.id, ()))]
                        + [("advisor", e) for e in self.unit_engagements.get(unit.id, ())]
                        + [("dispatched", d) for d in self.unit_dispatches.get(unit.id, ())]
                    )
                age = (LAST_DAY - created_day).days
                if not candidates:
                    status = "open"
                elif age > 90:
                    status = rng.choices(("closed", "answered", "in_progress", "assigned"), (88, 5, 4, 3))[0]
                else:
                    status = rng.choices(
                        ("closed", "answered", "in_progress", "assigned", "open"), (30, 20, 25, 20, 5)
                    )[0]
                party = rng.choice(COMPANIES)
                item_id, item_title = rng.choice(self.unit_items[unit.id])
                title = TITLES[category].format(item=item_title, party=party, n=matter_id)
                decision = category == "decision_opinion"
                case = category in ("litigation_petitions", "reconsideration")
                closed_at = adoption = None
                adoption_reason = ""
                if status == "closed":
                    closed_at = created + timedelta(days=rng.randrange(3, 60), hours=rng.randrange(4))
                    adoption = rng.choices(("fully", "partly", "not"), (80, 15, 5))[0]
                    adoption_reason = "" if adoption == "fully" else "结合实际情况部分采纳"
                yield (
                    matter_id,
                    unit.id,
                    category,
                    title,
                    "",
                    status,
                    due,
                    unit.officer_id,
                    f"({created_day.year})陕{rng.randrange(100, 9999)}行初{rng.randrange(1, 999)}号" if case else "",
                    rng.choice(FORUMS) if case else "",
                    f"{party}；{unit.name}" if case else "",
                    rng.choice(("respondent", "respondent", "claimant", "third_party")) if case else "",
                    rng.choice(("filed", "first_instance", "second_instance", "concluded")) if case else "",
                    "",
                    party if category == "contracts" else "",
                    Decimal(rng.randrange(10_000, 5_000_000)) if category == "contracts" else None,
                    created_day + timedelta(days=rng.randrange(1, 30)) if category == "contracts" else None,
                    item_id if decision else None,
                    created_day + timedelta(days=rng.randrange(5, 30)) if decision else None,
                    "宪法宣传周进机关" if category == "publicity" else "",
                    rng.randrange(30, 500) if category == "publicity" else None,
                    closed_at,
                    unit.officer_id if closed_at else None,
                    adoption or "",
                    adoption_reason,
                    created,
                )
                if status != "open":
                    assignments.extend(self._assignments(rng, matter_id, status, candidates, created, due, unit))
                if len(assignments) >= RowWriter.CHUNK:
                    self._write_assignments(assignments)
                    assignments.clear()

        self.writer.write(
            "matters.Matter",
            (
                "id",
                "unit_id",
                "category",
                "title",
                "description",
                "status",
                "due_on",
                "created_by_id",
                "case_number",
                "forum",
                "parties",
                "our_role",
                "stage",
                "outcome",
                "counterparty",
                "amount",
                "signed_on",
                "decision_item_id",
                "decision_on",
                "event",
                "audience_size",
                "closed_at",
                "closed_by_id",
                "adoption",
                "adoption_reason",
                "created_at",
            ),
            matter_rows(),
        )
        self._write_assignments(assignments)

    def _assignments(self, rng, matter_id, status, candidates, created, due, unit):
        picked = rng.sample(candidates, k=2 if len(candidates) > 1 and rng.random() < 0.08 else 1)
        rows = []
        for position, (kind, who) in enumerate(picked):
            person = member = engagement = None
            if kind == "public_lawyer":
                person, name = who, self.person_names[who]
            elif kind == "advisor":
                engagement, name = who
            else:
                member, name = who
            assigned = created + timedelta(hours=rng.randrange(1, 48))
            if position == 1:
                state = "declined"
            else:
                state = {"closed": "completed", "answered": "completed", "in_progress": "accepted"}.get(
                    status, "pending"
                )
            answered = assigned + timedelta(days=rng.randrange(0, 3)) if state != "pending" else None
            ruling = rng.choice(("justified", "justified", "unjustified")) if state == "declined" else ""
            rows.append(
                (
                    matter_id,
                    kind,
                    person,
                    member,
                    engagement,
                    name,
                    state,
                    due,
                    "",
                    unit.officer_id,
                    answered,
                    "与本人承办的其他案件存在利益冲突" if state == "declined" else "",
                    ruling,
                    "",
                    unit.officer_id if ruling else None,
                    answered + timedelta(days=1) if ruling else None,
                    answered + timedelta(days=rng.randrange(1, 20)) if state == "completed" else None,
                    assigned,
                )
            )
        return rows

    def _write_assignments(self, rows):
        self.writer.write(
            "matters.Assignment",
            (
                "matter_id",
                "kind",
                "person_id",
                "pool_member_id",
                "engagement_id",
                "assignee_name",
                "status",
                "due_on",
                "instructions",
                "assigned_by_id",
                "answered_at",
                "decline_reason",
                "ruling",
                "ruling_note",
                "ruled_by_id",
                "ruled_at",
                "completed_at",
                "created_at",
            ),
            iter(rows),
        )

    # --- assessments -----------------------------------------------------------------------------------
    def lawyers_at(self, day: date) -> dict[int, list[int]]:
        """Unit → people with a certificate in force on `day` while posted there (the coverage rule)."""
        in_force = set()
        for cert in self.certs:
            issued = cert.issued_on <= day and (cert.ended_on is None or cert.ended_on > day)
            if issued and not any(s <= day and (e is None or e > day) for s, e in cert.suspensions):
                in_force.add(cert.person_id)
        by_unit = defaultdict(list)
        for posting in self.postings:
            started = posting.started_on is None or posting.started_on <= day
            if posting.person_id in in_force and started and (posting.ended_on is None or posting.ended_on > day):
                by_unit[posting.unit_id].append(posting.person_id)
        return by_unit

    def assessments(self):
        from assessments.choices import DEFAULT_CRITERIA, DEFAULT_SCALE

        rng = self.rng("assessments")
        years = ASSESSMENT_YEARS[-self.scale.assessment_years :]
        year_rows, criteria, scale_rows, year_units, committees, assessments = [], [], [], [], [], []
        for year_id, year in enumerate(years, start=1):
            published = year < years[-1]
            year_rows.append(
                (
                    year_id,
                    year,
                    "published" if published else "scoring",
                    date(year, 1, 1),
                    date(year, 12, 31),
                    date(year + 1, 1, 20),
                    date(year + 1, 2, 10),
                    Decimal(20),
                    self.justice_user,
                    # The year's 优秀 pool, rounding and rules over scores: the defaults a new year gets.
                    "county",
                    "half_up",
                    True,
                    True,
                    True,
                )
            )
            for position, (name, weight) in enumerate(DEFAULT_CRITERIA):
                criteria.append((year_id, name, Decimal(weight), position))
            for grade, label, minimum in DEFAULT_SCALE:
                scale_rows.append((year_id, grade, label, Decimal(minimum)))
            active = [
                u for u in self.units_by_id.values() if u.abolished_on is None or u.abolished_on > date(year, 12, 31)
            ]
            active = [u for u in active if u.established_on is None or u.established_on <= date(year, 12, 31)]
            year_units.extend((year_id, u.id) for u in active)
            lawyers = self.lawyers_at(date(year, 12, 31))
            submitted = datetime(year + 1, 1, 15, 10, tzinfo=SHANGHAI)
            for unit in active:
                people = lawyers.get(unit.id)
                if not people:
                    continue
                committee_id = len(committees) + 1
                committees.append(
                    (
                        committee_id,
                        year_id,
                        unit.id,
                        None,
                        "published" if published else "scoring",
                        "",
                        submitted if published else None,
                        submitted + timedelta(days=20) if published else None,
                    )
                )
                for person_id in dict.fromkeys(people):
                    score = Decimal(rng.randrange(6000, 9900)) / 100 if published else None
                    grade = ""
                    if score is not None:
                        grade = next(g for g, _label, minimum in DEFAULT_SCALE if score >= minimum)
                    assessments.append(
                        (
                            committee_id,
                            person_id,
                            unit.id,
                            rng.choice(("competent",) * 5 + ("excellent",)),
                            score,
                            grade,
                            "",
                            "",
                            True if published else None,
                            "{}",
                        )
                    )
        self.writer.write(
            "assessments.AssessmentYear",
            (
                "id",
                "year",
                "status",
                "period_start",
                "period_end",
                "scoring_deadline",
                "review_deadline",
                "excellent_quota_percent",
                "opened_by_id",
                "quota_pool",
                "quota_rounding",
                "rule_refusal_fails",
                "rule_discipline_bars_excellent",
                "rule_civil_grade_bars_excellent",
            ),
            iter(year_rows),
        )
        self.writer.write("assessments.Criterion", ("year_id", "name", "weight", "position"), iter(criteria))
        self.writer.write("assessments.GradeLevel", ("year_id", "grade", "label", "min_score"), iter(scale_rows))
        through = apps.get_model("assessments.AssessmentYear").units.through
        self.writer.write(through._meta.label, ("assessmentyear_id", "unit_id"), iter(year_units), stamped=False)
        self.writer.write(
            "assessments.Committee",
            (
                "id",
                "year_id",
                "unit_id",
                "system_organisation_id",
                "status",
                "review_comment",
                "submitted_at",
                "published_at",
            ),
            iter(committees),
        )
        self.writer.write(
            "assessments.Assessment",
            (
                "committee_id",
                "person_id",
                "unit_id",
                "civil_servant_grade",
                "score",
                "proposed_grade",
                "rule_note",
                "comments",
                "recommended",
                "facts",
            ),
            iter(assessments),
        )

    # --- after the load ---------------------------------------------------------------------------------
    def finish(self):
        """Sequences past the explicit ids; fresh planner statistics on PostgreSQL."""
        models = [apps.get_model(label) for label in self.writer.counts]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                for model in models:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
