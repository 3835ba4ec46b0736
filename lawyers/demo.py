"""Synthetic (clearly fake) people at every stage of the workflow, for the demo portal.

Names end in 演示 ("demo"), ID numbers are valid-looking but generated, phone numbers are 138-0000-xxxx.

The demo is loaded the way a county onboards (DOMAIN.md: "a county starts with history"):
1. The county office records in the unit registry that 城固县工商行政管理局 was merged into 城固县市场监督管理局 in
   the institutional reform of 1 March 2019 (units.services.unit_reorganise, dated in the past). Nobody is on
   the portal yet, so the reorganisation moves nobody: its staff's postings come with the history below.
2. The justice bureau imports the county's history in one workbook (lawyers.history: `build_workbook`, then
   `HistoryImporter.preview` and `.commit`, as the history-import page does): the people with their
   qualifications and the day they qualified, their postings (the reform's staff leave the old office and
   start in the market regulator on the same day, a transfer between the two demo units, a retirement), their
   periods of full-time legal work, the certificates with their issue dates and issuers, a suspension, a
   suspension followed by a revocation, a cancellation on retirement, and the bar memberships (R3.5: most
   lawyers join two months after their certificate, 刘守法演示 has not yet).
3. What is current workflow goes through lawyers.services, as the pages do: the unit keeps its people's
   contact details and exam plans up to date, and the applications still in progress (submitted, returned,
   approved, rejected) and one certified recently, the first through the portal. Their timeline holds
   together: the unit consents, submits the next day, the justice bureau reviews two weeks later and the
   certificate is recorded on its issue day; the rows' timestamps are backdated to those moments (the services
   stamp them with the load time). These applications are recent, a few weeks before the load.

Loading twice changes nothing: the same workbook is built again, its preview finds every row unchanged and
nothing is committed (no audit entry either); the reorganisation is skipped once the old office is abolished,
a person's details once they are as wanted, and a person's application once they have one. A database
holding the demo people of an earlier version of the demo (written without the history import) is left as it
is: load_demo says so, and the history import's demo needs an empty database.
"""

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.imports import ImportRejected
from chenggu_lawyers.models import AuditAction, AuditEvent
from units.choices import ManagementMode, UnitKind
from units.models import Unit
from units.services import unit_reorganise

from . import services
from .history import HistoryImporter, HistoryPreview, build_workbook
from .models import Application, ApplicationStep, Certificate, Person
from .validators import id_check_char

MARKET = "城固县市场监督管理局"
LAND = "城固县自然资源局"
# The office merged into the market regulator in the institutional reform, and the day it happened.
FORMER = "城固县工商行政管理局"
REFORM_DAY = date(2019, 3, 1)
REFORM_NOTE = "演示数据：城固县机构改革方案，县工商行政管理局职责整合划入县市场监督管理局，人员整体转隶。"
ISSUER = "陕西省司法厅"
HISTORY_FILE = "演示历史数据.xlsx"
INVESTIGATION = "涉嫌违纪，正在调查。"


@dataclass(frozen=True)
class DemoPerson:
    """One demo person's history (imported) and workflow stage (through the services)."""

    name: str
    sex: str
    birth: date
    stage: str
    # (unit, from, until): None for "since before the records" / "still".
    postings: tuple
    # (from, until) of full-time legal work.
    legal_work: tuple
    # The People sheet's other columns: post, years, grade, qualification and the day it was obtained.
    person: dict
    # The certificate's issue day and, for an ended one, (ended on, kind, reason or note).
    issued_on: date | None = None
    ending: tuple | None = None
    # (from, until, reason) of each suspension.
    suspensions: tuple = ()
    # The day the person joined the bar association (R3.5).
    joined_bar_on: date | None = None
    # What the unit keeps up to date on the person's page (not history).
    details: dict = field(default_factory=dict)


def _qualified(year: int, on: date, class_: str = "A") -> dict:
    return {"legal_qualification_class": class_, "legal_qualification_year": year, "qualified_on": on}


DEMO_PEOPLE = (
    DemoPerson(
        "张律师演示",
        "M",
        date(1986, 3, 12),
        "active",
        postings=((MARKET, date(2018, 1, 1), None),),
        legal_work=((date(2018, 1, 1), None),),
        person={"post": "法制股干部", "legal_work_years": 6, **_qualified(2016, date(2016, 12, 20))},
        issued_on=date(2022, 3, 15),
        joined_bar_on=date(2022, 5, 15),
    ),
    DemoPerson(
        "刘守法演示",
        "F",
        date(1990, 7, 2),
        "active",
        postings=((MARKET, date(2015, 8, 1), None),),
        legal_work=((date(2019, 3, 1), None),),
        person={"post": "法制股干部", "legal_work_years": 5, **_qualified(2018, date(2018, 12, 18))},
        issued_on=date(2021, 4, 1),
    ),
    DemoPerson(
        # Came over from the old office in the reform; suspended while under investigation.
        "陈暂停演示",
        "M",
        date(1982, 11, 20),
        "suspended",
        postings=((FORMER, date(2009, 7, 1), REFORM_DAY), (MARKET, REFORM_DAY, None)),
        legal_work=((date(2012, 5, 1), None),),
        person={"post": "法制股副股长", "legal_work_years": 12, **_qualified(2011, date(2011, 12, 22))},
        issued_on=date(2021, 4, 1),
        suspensions=((date(2024, 9, 1), None, INVESTIGATION),),
        joined_bar_on=date(2021, 6, 1),
    ),
    DemoPerson(
        # Head of the old office's legal section, moved in the reform, certified in 2019, retired at 60 in 2024:
        # the certificate is cancelled (retired) and the posting and the legal work end that day.
        "杨退休演示",
        "M",
        date(1964, 1, 5),
        "cancelled",
        postings=((FORMER, date(2003, 3, 1), REFORM_DAY), (MARKET, REFORM_DAY, date(2024, 2, 1))),
        legal_work=((date(2005, 1, 1), date(2024, 2, 1)),),
        person={
            "post": "法制股股长",
            "legal_work_years": 19,
            "lawyer_qualification_number": "L19986107220003",
            "lawyer_qualification_year": 1998,
            "qualified_on": date(1998, 11, 30),
        },
        issued_on=date(2019, 5, 6),
        ending=(date(2024, 2, 1), "cancelled", "retired"),
    ),
    DemoPerson(
        # In the bureau since before the records; suspended while investigated, then revoked, and moved off legal work.
        "黄吊销演示",
        "M",
        date(1979, 9, 9),
        "revoked",
        postings=((LAND, None, None),),
        legal_work=((None, date(2025, 3, 1)),),
        person={"post": "政策法规科干部", "legal_work_years": 14, **_qualified(2010, date(2010, 12, 24))},
        issued_on=date(2020, 4, 1),
        ending=(date(2025, 3, 1), "revoked", "违反保密规定，情节严重。"),
        suspensions=((date(2024, 11, 15), date(2025, 3, 1), "立案调查：涉嫌泄露案件信息。"),),
    ),
    DemoPerson(
        # Certified in the natural-resources bureau, transferred to the market regulator with her certificate.
        "吴调动演示",
        "F",
        date(1988, 4, 18),
        "transferred",
        postings=((LAND, date(2016, 9, 1), date(2024, 7, 1)), (MARKET, date(2024, 7, 1), None)),
        legal_work=((date(2017, 3, 1), None),),
        person={"post": "法制股干部", "legal_work_years": 7, **_qualified(2015, date(2015, 12, 21))},
        issued_on=date(2021, 4, 1),
        joined_bar_on=date(2021, 6, 1),
    ),
    DemoPerson(
        "周待申请演示",
        "F",
        date(1991, 5, 30),
        "qualified",
        postings=((LAND, date(2015, 1, 1), None),),
        legal_work=((date(2021, 3, 1), None),),
        person={"post": "政策法规科干部", "legal_work_years": 4, **_qualified(2020, date(2021, 2, 20), "C")},
    ),
    DemoPerson(
        "徐审核中演示",
        "M",
        date(1987, 2, 14),
        "submitted",
        postings=((MARKET, date(2012, 9, 1), None),),
        legal_work=((date(2019, 7, 1), None),),
        person={"post": "法制股干部", "legal_work_years": 6, **_qualified(2019, date(2019, 12, 16))},
    ),
    DemoPerson(
        # Two periods of legal work: an enforcement post in between.
        "孙退回演示",
        "F",
        date(1993, 8, 8),
        "returned",
        postings=((LAND, date(2017, 8, 1), None),),
        legal_work=((date(2020, 1, 1), date(2022, 6, 30)), (date(2024, 3, 1), None)),
        person={"post": "执法大队队员", "legal_work_years": 4, **_qualified(2019, date(2019, 12, 16))},
    ),
    DemoPerson(
        "马待发证演示",
        "M",
        date(1985, 12, 1),
        "approved",
        postings=((LAND, date(2012, 3, 1), None),),
        legal_work=((date(2018, 4, 1), None),),
        person={"post": "政策法规科科长", "legal_work_years": 8, **_qualified(2017, date(2017, 12, 18))},
    ),
    DemoPerson(
        "朱不予通过演示",
        "F",
        date(1989, 6, 6),
        "rejected",
        postings=((MARKET, date(2014, 10, 1), None),),
        legal_work=((date(2018, 1, 1), None),),
        person={"post": "法制股干部", "legal_work_years": 6, **_qualified(2017, date(2017, 12, 18))},
    ),
    DemoPerson(
        "胡备考演示",
        "M",
        date(1996, 10, 10),
        "exam",
        postings=((MARKET, date(2023, 9, 1), None),),
        legal_work=((date(2025, 9, 1), None),),
        person={"post": "法制股干部", "legal_work_years": 1},
        details={"sitting_exam_this_year": True},
    ),
    DemoPerson(
        "郭不称职演示",
        "M",
        date(1983, 3, 3),
        "ineligible",
        postings=((LAND, date(2011, 7, 1), None),),
        legal_work=((date(2018, 1, 1), None),),
        person={
            "post": "政策法规科干部",
            "legal_work_years": 8,
            "last_annual_grade": "incompetent",
            **_qualified(2016, date(2016, 12, 20)),
        },
    ),
    DemoPerson(
        # The first certificate recorded through the portal after the county's onboarding.
        "何新证演示",
        "F",
        date(1992, 9, 15),
        "certified",
        postings=((MARKET, date(2020, 7, 1), None),),
        legal_work=((date(2021, 9, 1), None),),
        person={"post": "法制股干部", "legal_work_years": 5, **_qualified(2021, date(2021, 12, 20))},
    ),
)
# The stages reached through the services: applications under way, and one certified recently.
THROUGH_THE_WORKFLOW = {"submitted", "returned", "approved", "rejected", "certified"}


def demo_id_number(index: int, birth: date, sex: str) -> str:
    sequence = 100 + 2 * index + (1 if sex == "M" else 0)
    first17 = f"610722{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def demo_practice_number(index: int, sex: str, year: int) -> str:
    return f"16107{year}6{'0' if sex == 'M' else '1'}{900000 + index:06d}"


def demo_consent_day(stage: str, today: date) -> date:
    """Applications were put forward recently; the one already certified a month earlier."""
    return today - timedelta(days=75 if stage == "certified" else 45)


# --- the history workbook -----------------------------------------------------------------------------------


def demo_history() -> dict:
    """The demo people's history as the facts of a history workbook (lawyers.history.build_workbook)."""
    facts = {key: [] for key in ("people", "postings", "legal_work", "certificates", "suspensions", "memberships")}
    for index, demo in enumerate(DEMO_PEOPLE):
        id_number = demo_id_number(index, demo.birth, demo.sex)
        row = {"id_number": id_number, "name": demo.name, "sex": demo.sex, "last_annual_grade": "competent"}
        row.update(demo.person)
        if row.get("legal_qualification_class"):
            row["legal_qualification_number"] = (
                f"{row['legal_qualification_class']}{row['legal_qualification_year']}610722{index:04d}"
            )
        facts["people"].append(row)
        for unit, start, end in demo.postings:
            facts["postings"].append({"id_number": id_number, "unit": unit, "started_on": start, "ended_on": end})
        for start, end in demo.legal_work:
            facts["legal_work"].append({"id_number": id_number, "started_on": start, "ended_on": end})
        if demo.issued_on is None:
            continue
        number = demo_practice_number(index, demo.sex, demo.issued_on.year)
        certificate = {"number": number, "id_number": id_number, "issued_on": demo.issued_on, "issuer": ISSUER}
        if demo.ending is not None:
            ended_on, kind, why = demo.ending
            certificate.update(ended_on=ended_on, end_kind=kind)
            certificate["cancellation_reason" if kind == "cancelled" else "end_note"] = why
        facts["certificates"].append(certificate)
        for start, end, reason in demo.suspensions:
            facts["suspensions"].append({"certificate": number, "started_on": start, "ended_on": end, "reason": reason})
        if demo.joined_bar_on is not None:
            facts["memberships"].append(
                {
                    "id_number": id_number,
                    "number": f"HZLX{demo.joined_bar_on.year}{index:03d}",
                    "joined_on": demo.joined_bar_on,
                }
            )
    return facts


def loaded_before_history_import(id_number: str, filename: str) -> bool:
    """Demo people loaded by an earlier version of the demo, which wrote them without the history import: left
    as they are (their history does not take the workbook's on top of it; start from an empty database)."""
    return (
        Person.objects.with_id_numbers([id_number]).exists()
        and not AuditEvent.objects.filter(
            action=AuditAction.IMPORT, object_type="lawyers.history", object_repr=filename, outcome="success"
        ).exists()
    )


def earlier_demo() -> bool:
    first = DEMO_PEOPLE[0]
    return loaded_before_history_import(demo_id_number(0, first.birth, first.sex), HISTORY_FILE)


def import_history(justice, facts: dict, filename: str) -> HistoryPreview:
    """Run `facts` through the history import as `justice`: preview, and commit when anything is new or
    changed. A workbook already imported previews as all unchanged and is not committed again, so a second
    load writes nothing, not even the import's audit entry. A workbook with errors stops the load."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / filename
        path.write_bytes(build_workbook(facts))
        importer = HistoryImporter(user=justice)
        preview = importer.preview(path)
        if preview.ok and (preview.new_total or preview.changed_total):
            try:
                preview = importer.commit(path, filename=filename)
            except ImportRejected as rejected:
                preview = rejected.preview
        if not preview.ok:
            raise RuntimeError(f"The demo history workbook {filename} was refused:\n" + "\n".join(preview.messages))
    return preview


# --- the unit registry's history ----------------------------------------------------------------------------


def _former_office(county) -> None:
    """The office the reform merged into the market regulator: recorded, then reorganised, once."""
    former = Unit.objects.filter(name=FORMER).first()
    if former is None:
        former = Unit(
            name=FORMER, kind=UnitKind.COUNTY_DEPARTMENT, law_enforcement=True, management_mode=ManagementMode.LOCAL
        )
        former.full_clean()
        former.save()
    if former.abolished_on is None:
        unit_reorganise(actor=county, unit=former, on=REFORM_DAY, moves={}, note=REFORM_NOTE)


# --- the current workflow -----------------------------------------------------------------------------------


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _stamp(model, pk: int, when: datetime, *, created: bool = True) -> None:
    """Backdate a row the services wrote at load time (an update: no audit event, no signal)."""
    model.objects.filter(pk=pk).update(**({"created_at": when} if created else {}), updated_at=when)


def _stamp_last_step(application, when: datetime) -> None:
    step = application.steps.order_by("-pk").first()
    _stamp(ApplicationStep, step.pk, when)
    # The application's "last step" is the step's moment; its creation is the submission.
    _stamp(Application, application.pk, when, created=False)


def _keep_details(person: Person, index: int, demo: DemoPerson) -> None:
    """What the unit keeps on the person's page beside the history: a phone number, this year's exam."""
    wanted = {"phone": f"1380000{index:04d}", **demo.details}
    if all(getattr(person, name) == value for name, value in wanted.items()):
        return
    for name, value in wanted.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()


def _apply(person: Person, index: int, demo: DemoPerson, officer, justice, today: date) -> None:
    """The person's application, through the services, to the demo's stage."""
    consent_on = demo_consent_day(demo.stage, today)
    application = services.application_submit(actor=officer, person=person, consent_on=consent_on)
    submitted_at = _moment(consent_on + timedelta(days=1), 9, 30)
    _stamp(Application, application.pk, submitted_at)
    _stamp_last_step(application, submitted_at)
    if demo.stage == "submitted":
        return
    decision = {"returned": "return", "rejected": "reject"}.get(demo.stage, "approve")
    comment = {"return": "请补充近两年从事法律工作的证明材料。", "reject": "不符合公职律师任职条件。"}.get(decision, "")
    services.application_review(actor=justice, application=application, decision=decision, comment=comment)
    _stamp_last_step(application, submitted_at + timedelta(days=14, hours=6))
    if demo.stage != "certified":
        return
    issued_on = consent_on + timedelta(days=45)
    certificate, _warnings = services.certificate_record(
        actor=justice,
        application=application,
        number=demo_practice_number(index, demo.sex, issued_on.year),
        issued_on=issued_on,
        issuer=ISSUER,
    )
    _stamp_last_step(application, _moment(issued_on, 16))
    _stamp(Certificate, certificate.pk, _moment(issued_on, 16))


def load_demo_people() -> int:
    """Load the demo people; returns how many were new (0 when already loaded or the demo base is missing)."""
    officers = {user.unit.name: user for user in User.objects.filter(role=Role.UNIT_OFFICER).select_related("unit")}
    justice = User.objects.filter(role=Role.JUSTICE_BUREAU).order_by("pk").first()
    county = User.objects.filter(role=Role.COUNTY_OFFICE).order_by("pk").first()
    if justice is None or county is None or MARKET not in officers or LAND not in officers or earlier_demo():
        return 0
    _former_office(county)
    preview = import_history(justice, demo_history(), HISTORY_FILE)
    created = preview.sheet("people").new_count
    today = timezone.localdate()
    numbers = [demo_id_number(index, demo.birth, demo.sex) for index, demo in enumerate(DEMO_PEOPLE)]
    people = {person.id_number: person for person in Person.objects.with_id_numbers(numbers).select_related("unit")}
    with_applications = set(Application.objects.filter(person__in=people.values()).values_list("person_id", flat=True))
    for index, demo in enumerate(DEMO_PEOPLE):
        person = people[numbers[index]]
        _keep_details(person, index, demo)
        if demo.stage in THROUGH_THE_WORKFLOW and person.pk not in with_applications:
            _apply(person, index, demo, officers[person.unit.name], justice, today)
    lawyer_account = User.objects.filter(username="lawyer", role=Role.PUBLIC_LAWYER, person__isnull=True).first()
    if lawyer_account is not None:
        lawyer_account.person = people[numbers[0]]
        lawyer_account.save(update_fields=["person"])
    return created
