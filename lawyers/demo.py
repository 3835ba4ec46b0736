"""Synthetic (clearly fake) people at every stage of the workflow, for the demo portal.

Names end in 演示 ("demo"), ID numbers are valid-looking but generated, phone numbers are 138-0000-xxxx.
Each person is created through the same services the pages use, with backdated dates, and only when no
person with that ID number exists, so loading twice changes nothing.

The timeline of each application holds together: the unit consents, submits the next day, the justice
bureau reviews two weeks later and the certificate is recorded on its issue day; the rows' timestamps are
backdated to those moments (the services stamp them with the load time). Applications still in progress
are recent, a few weeks before the load. Bar membership follows the certificate (R3.5).
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from units.models import Unit

from . import services
from .models import Application, ApplicationStep, Certificate, Membership, Person, Suspension
from .validators import id_check_char

MARKET = "城固县市场监督管理局"
LAND = "城固县自然资源局"

# name, sex, birth, unit, stage, extra fields
DEMO_PEOPLE = (
    ("张律师演示", "M", date(1986, 3, 12), MARKET, "active", {}),
    ("刘守法演示", "F", date(1990, 7, 2), MARKET, "active", {}),
    ("陈暂停演示", "M", date(1982, 11, 20), MARKET, "suspended", {}),
    ("杨退休演示", "M", date(1964, 1, 5), MARKET, "cancelled", {}),
    ("黄吊销演示", "M", date(1979, 9, 9), LAND, "revoked", {}),
    ("吴调动演示", "F", date(1988, 4, 18), LAND, "transferred", {}),
    ("周待申请演示", "F", date(1991, 5, 30), LAND, "qualified", {}),
    ("徐审核中演示", "M", date(1987, 2, 14), MARKET, "submitted", {}),
    ("孙退回演示", "F", date(1993, 8, 8), LAND, "returned", {}),
    ("马待发证演示", "M", date(1985, 12, 1), LAND, "approved", {}),
    ("朱不予通过演示", "F", date(1989, 6, 6), MARKET, "rejected", {}),
    (
        "胡备考演示",
        "M",
        date(1996, 10, 10),
        MARKET,
        "exam",
        {
            "legal_qualification_class": "",
            "legal_qualification_number": "",
            "legal_qualification_year": None,
            "sitting_exam_this_year": True,
            "legal_work_years": 1,
        },
    ),
    ("郭不称职演示", "M", date(1983, 3, 3), LAND, "ineligible", {"last_annual_grade": "incompetent"}),
)


def demo_id_number(index: int, birth: date, sex: str) -> str:
    sequence = 100 + 2 * index + (1 if sex == "M" else 0)
    first17 = f"610722{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def demo_practice_number(index: int, sex: str, year: int) -> str:
    return f"16107{year}6{'0' if sex == 'M' else '1'}{900000 + index:06d}"


CERTIFIED = {"active", "suspended", "cancelled", "revoked", "transferred"}


def demo_issue_day(index: int, stage: str) -> date:
    """The certificate's issue day: April 2021, 张律师演示 (the first) in March 2022."""
    return date(2022, 3, 15) if stage == "active" and index == 0 else date(2021, 4, 1)


def demo_consent_day(index: int, stage: str, today: date) -> date:
    """A month before the issue day; applications still in progress were put forward recently."""
    if stage in CERTIFIED:
        return demo_issue_day(index, stage) - timedelta(days=31)
    return today - timedelta(days=45)


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


def load_demo_people() -> int:
    officers = {user.unit.name: user for user in User.objects.filter(role=Role.UNIT_OFFICER).select_related("unit")}
    justice = User.objects.filter(role=Role.JUSTICE_BUREAU).first()
    if justice is None or MARKET not in officers or LAND not in officers:
        return 0
    today = timezone.localdate()
    created = 0
    for index, (name, sex, birth, unit_name, stage, extra) in enumerate(DEMO_PEOPLE):
        id_number = demo_id_number(index, birth, sex)
        if Person.objects.with_id_numbers([id_number]).exists():
            continue
        officer = officers[unit_name]
        fields = {
            "legal_work_years": 6,
            "last_annual_grade": "competent",
            "legal_qualification_class": "A",
            "legal_qualification_number": f"A2016610722{index:04d}",
            "legal_qualification_year": 2016,
            "post": "法制股干部",
            "phone": f"1380000{index:04d}",
            **extra,
        }
        person = services.person_register(
            actor=officer,
            person=Person(unit=officer.unit, name=name, sex=sex, id_number=id_number, birth_date=birth, **fields),
            joined_on=date(2018, 1, 1),
            full_time_legal=True,
            legal_work_since=date(2018, 1, 1),
        )
        created += 1
        if stage in {"qualified", "exam", "ineligible"}:
            continue
        consent_on = demo_consent_day(index, stage, today)
        application = services.application_submit(actor=officer, person=person, consent_on=consent_on)
        submitted_at = _moment(consent_on + timedelta(days=1), 9, 30)
        _stamp(Application, application.pk, submitted_at)
        _stamp_last_step(application, submitted_at)
        if stage == "submitted":
            continue
        decision = {"returned": "return", "rejected": "reject"}.get(stage, "approve")
        comment = {"return": "请补充近两年从事法律工作的证明材料。", "reject": "不符合公职律师任职条件。"}.get(
            decision, ""
        )
        services.application_review(actor=justice, application=application, decision=decision, comment=comment)
        _stamp_last_step(application, submitted_at + timedelta(days=14, hours=6))
        if stage in {"returned", "rejected", "approved"}:
            continue
        issued_on = demo_issue_day(index, stage)
        certificate, _warnings = services.certificate_record(
            actor=justice,
            application=application,
            number=demo_practice_number(index, sex, issued_on.year),
            issued_on=issued_on,
            issuer="陕西省司法厅",
        )
        _stamp_last_step(application, _moment(issued_on, 16))
        _stamp(Certificate, certificate.pk, _moment(issued_on, 16))
        if stage == "suspended":
            suspension_day = date(2024, 9, 1)
            services.certificate_suspend(
                actor=justice, certificate=certificate, on=suspension_day, reason="涉嫌违纪，正在调查。"
            )
            _stamp(Suspension, certificate.suspensions.get().pk, _moment(suspension_day, 10))
        elif stage == "cancelled":
            services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 6, 30), reason="retired")
        elif stage == "revoked":
            services.certificate_revoke(
                actor=justice, certificate=certificate, on=date(2025, 3, 1), note="违反保密规定，情节严重。"
            )
        elif stage == "transferred":
            services.person_transfer(
                actor=justice,
                person=person,
                to_unit=Unit.objects.get(name=MARKET, abolished_on__isnull=True),
                on=date(2024, 7, 1),
            )
    bar = User.objects.filter(role=Role.BAR_ASSOCIATION).first()
    if created and bar is not None:
        # Most public lawyers have joined the bar association, two months after their certificate; 刘守法演示
        # has not yet (R3.5 list).
        for index, (name, sex, birth, _unit, stage, _extra) in enumerate(DEMO_PEOPLE):
            if stage in {"active", "suspended", "transferred"} and name != "刘守法演示":
                person = Person.objects.with_id_numbers([demo_id_number(index, birth, sex)]).get()
                joined_on = demo_issue_day(index, stage) + timedelta(days=61)
                membership = services.membership_record(
                    actor=bar, person=person, number=f"HZLX{joined_on.year}{index:03d}", joined_on=joined_on
                )
                _stamp(Membership, membership.pk, _moment(joined_on, 11))
    lawyer_account = User.objects.filter(username="lawyer", role=Role.PUBLIC_LAWYER, person__isnull=True).first()
    if lawyer_account is not None:
        lawyer_account.person = Person.objects.with_id_numbers([demo_id_number(0, DEMO_PEOPLE[0][2], "M")]).get()
        lawyer_account.save(update_fields=["person"])
    return created
