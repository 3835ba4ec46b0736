"""The one coverage computation (DOMAIN.md, "Coverage: the definitions the dashboards must use").

`CoverageData.load()` reads every dated fact that decides coverage in a fixed number of queries (units,
postings, certificates, suspensions, legal-advisor engagements, dispatches), however many units there are;
`statuses_on(day)` then answers, for any day, each active unit's two statuses with their reasons. Every
number on the dashboard, its exports and the unit pages comes from here, so they cannot disagree.

The date rules, as of the end of day d:
- a unit counts on d when established on or before d (or with no date) and not abolished on or before d;
- a posting [started_on, ended_on) puts its person in the unit on d;
- a certificate is in force on d when issued on or before d, not ended on or before d and not inside a
  suspension [started_on, ended_on);
- an engagement or a dispatch covers d from its first day to its last day, both included, unless ended
  early with effect from a day on or before d (advisors.models.in_force_on).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from advisors.choices import DispatchStatus
from advisors.models import Dispatch, Engagement
from lawyers.models import Certificate, Posting, Suspension
from units.models import Unit


def _in(day: date, start: date | None, end_exclusive: date | None) -> bool:
    return (start is None or start <= day) and (end_exclusive is None or day < end_exclusive)


def _in_term(day: date, starts_on, ends_on, terminated_on) -> bool:
    return starts_on <= day <= ends_on and (terminated_on is None or day < terminated_on)


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    kind: str
    law_enforcement: bool
    management_mode: str
    superior_id: int | None
    established_on: date | None
    abolished_on: date | None

    def active_on(self, day: date) -> bool:
        return _in(day, self.established_on, self.abolished_on)


@dataclass
class UnitStatus:
    """A unit's standing on one day, with what makes it so."""

    unit: UnitInfo
    lawyers: list[tuple[int, str, str]] = field(default_factory=list)  # (person id, name, certificate number)
    engagements: list[str] = field(default_factory=list)
    dispatches: list[str] = field(default_factory=list)

    @property
    def has_lawyer(self) -> bool:
        return bool(self.lawyers)

    @property
    def carries_out_work(self) -> bool:
        return bool(self.lawyers or self.engagements or self.dispatches)

    def holds(self, metric: str) -> bool:
        return self.has_lawyer if metric == "has_lawyer" else self.carries_out_work

    @property
    def reasons(self) -> list[str]:
        """What makes the unit covered, in words: each lawyer, advisor and dispatched lawyer."""
        return (
            [
                _("public lawyer %(name)s (%(number)s)") % {"name": name, "number": number}
                for _pk, name, number in self.lawyers
            ]
            + [_("legal advisor %(name)s") % {"name": name} for name in self.engagements]
            + [_("dispatched lawyer %(name)s") % {"name": name} for name in self.dispatches]
        )


class CoverageData:
    """Every dated fact coverage depends on, loaded once; ask it about as many days as needed."""

    def __init__(self, *, units, postings, certificates, suspensions, engagements, dispatches):
        self.units = {unit.id: unit for unit in units}
        self.postings = postings  # (person_id, person name, unit_id, start, end)
        self.certificates_by_person = defaultdict(list)  # person_id → [(id, number, issued_on, ended_on)]
        for row in certificates:
            self.certificates_by_person[row[1]].append((row[0], row[2], row[3], row[4]))
        self.suspensions = defaultdict(list)  # certificate_id → [(start, end)]
        for certificate_id, start, end in suspensions:
            self.suspensions[certificate_id].append((start, end))
        self.engagements = defaultdict(list)  # unit_id → [(label, starts_on, ends_on, terminated_on)]
        for unit_id, *rest in engagements:
            self.engagements[unit_id].append(tuple(rest))
        self.dispatches = defaultdict(list)
        for unit_id, *rest in dispatches:
            self.dispatches[unit_id].append(tuple(rest))

    @classmethod
    def load(cls, unit_ids=None) -> "CoverageData":
        """Six queries; `unit_ids` narrows every one of them to some units (a unit page)."""

        def narrow(queryset, lookup):
            return queryset if unit_ids is None else queryset.filter(**{f"{lookup}__in": unit_ids})

        units = [
            UnitInfo(*row)
            for row in narrow(Unit.objects.all(), "pk").values_list(
                "id",
                "name",
                "kind",
                "law_enforcement",
                "management_mode",
                "superior_id",
                "established_on",
                "abolished_on",
            )
        ]
        postings = list(
            narrow(Posting.objects.all(), "unit").values_list(
                "person_id", "person__name", "unit_id", "started_on", "ended_on"
            )
        )
        # Certificates and suspensions of the people who ever worked in these units: one query each,
        # whatever the data.
        certificates = narrow(Certificate.objects.all(), "person__postings__unit").distinct()
        certificates = list(certificates.values_list("id", "person_id", "number", "issued_on", "ended_on"))
        suspensions = narrow(Suspension.objects.all(), "certificate__person__postings__unit").distinct()
        suspensions = list(suspensions.values_list("certificate_id", "started_on", "ended_on"))
        engagements = list(
            narrow(Engagement.objects.all(), "unit").values_list(
                "unit_id", "advisor_name", "starts_on", "ends_on", "terminated_on"
            )
        )
        dispatches = list(
            narrow(Dispatch.objects.filter(status=DispatchStatus.DISPATCHED), "unit").values_list(
                "unit_id", "member__name", "starts_on", "ends_on", "terminated_on"
            )
        )
        return cls(
            units=units,
            postings=postings,
            certificates=certificates,
            suspensions=suspensions,
            engagements=engagements,
            dispatches=dispatches,
        )

    def certificate_in_force(self, certificate_id, issued_on, ended_on, day: date) -> bool:
        if not _in(day, issued_on, ended_on):
            return False
        return not any(_in(day, start, end) for start, end in self.suspensions.get(certificate_id, ()))

    def statuses_on(self, day: date) -> dict[int, UnitStatus]:
        """Each unit active on `day` with its two statuses and their reasons."""
        statuses = {unit.id: UnitStatus(unit) for unit in self.units.values() if unit.active_on(day)}
        for person_id, person_name, unit_id, start, end in self.postings:
            status = statuses.get(unit_id)
            if status is None or not _in(day, start, end):
                continue
            for certificate_id, number, issued_on, ended_on in self.certificates_by_person.get(person_id, ()):
                if self.certificate_in_force(certificate_id, issued_on, ended_on, day):
                    status.lawyers.append((person_id, person_name, number))
        for source, target in ((self.engagements, "engagements"), (self.dispatches, "dispatches")):
            for unit_id, terms in source.items():
                status = statuses.get(unit_id)
                if status is None:
                    continue
                for label, starts_on, ends_on, terminated_on in terms:
                    if _in_term(day, starts_on, ends_on, terminated_on):
                        getattr(status, target).append(label)
        return statuses

    def change_days(self, unit_id: int) -> list[date]:
        """Every day on which something about `unit_id`'s coverage may change, in order."""
        days = set()
        unit = self.units[unit_id]
        days.update(d for d in (unit.established_on, unit.abolished_on) if d)
        for person_id, _name, posting_unit, start, end in self.postings:
            if posting_unit != unit_id:
                continue
            days.update(d for d in (start, end) if d)
            for certificate_id, _number, issued_on, ended_on in self.certificates_by_person.get(person_id, ()):
                days.update(d for d in (issued_on, ended_on) if d)
                for s_start, s_end in self.suspensions.get(certificate_id, ()):
                    days.update(d for d in (s_start, s_end) if d)
        for _label, starts_on, ends_on, terminated_on in self.engagements.get(unit_id, []) + self.dispatches.get(
            unit_id, []
        ):
            days.update(d for d in (starts_on, ends_on + timedelta(days=1), terminated_on) if d)
        return sorted(days)
