"""Small factories for people, applications and certificates, built through the services."""

import itertools
from datetime import date, timedelta

from lawyers import services
from lawyers.models import Person
from lawyers.validators import id_check_char

_people = itertools.count(1)
_certificates = itertools.count(1)


def id_number(birth=date(1985, 6, 1), sex="M", area="610722") -> str:
    # The sequence's last digit is odd for men, even for women (GB 11643).
    sequence = (2 * next(_people) + (1 if sex == "M" else 0)) % 1000
    first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def practice_number(sex="M", year=2023, serial=None) -> str:
    serial = serial if serial is not None else next(_certificates)
    return f"16107{year}6{'0' if sex == 'M' else '1'}{serial:06d}"


def make_person(officer, name="张三", sex="M", joined_on=None, **fields) -> Person:
    birth = fields.pop("birth_date", date(1985, 6, 1))
    defaults = {
        "legal_qualification_class": "A",
        "legal_qualification_number": "A20176107220001",
        "legal_qualification_year": 2017,
        "legal_work_years": 5,
        "last_annual_grade": "competent",
    }
    full_time_legal = fields.pop("full_time_legal", True)
    legal_work_since = fields.pop("legal_work_since", None)
    person = Person(
        unit=officer.unit,
        name=name,
        sex=sex,
        id_number=id_number(birth, sex),
        birth_date=birth,
        **{**defaults, **fields},
    )
    return services.person_register(
        actor=officer,
        person=person,
        joined_on=joined_on,
        full_time_legal=full_time_legal,
        legal_work_since=legal_work_since,
    )


def make_lawyer(officer, justice, issued_on=date(2023, 3, 1), consent_on=None, **fields):
    """A person taken through the whole workflow to a certificate in force."""
    consent_on = consent_on or issued_on - timedelta(days=30)
    person = make_person(officer, **fields)
    application = services.application_submit(actor=officer, person=person, consent_on=consent_on)
    services.application_review(actor=justice, application=application, decision="approve")
    certificate, _warnings = services.certificate_record(
        actor=justice,
        application=application,
        number=practice_number(person.sex, issued_on.year),
        issued_on=issued_on,
        issuer="陕西省司法厅",
    )
    return person, certificate
