"""Workflows of the lawyers app: registering people, applications, certification, the certificate's life.

Each function takes the acting user, checks that the step is allowed from the current state, and writes
inside one transaction with the rows it changes locked, so two people acting at once cannot both succeed.
A refused step raises ValidationError with a message for the user and changes nothing.
"""

from collections import defaultdict
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from chenggu_lawyers.audit import record_created
from notices.services import notify, resolve

from . import consistency
from .choices import (
    LEAVING_REASONS,
    OPEN_APPLICATION_STATUSES,
    ApplicationAction,
    ApplicationStatus,
    CancellationReason,
    CertificateStatus,
    Standing,
)
from .consistency import check_certificate, check_posting, not_in_future, suspension_errors
from .eligibility import checklist, rules_q
from .models import (
    LIVE_CERTIFICATE,
    Application,
    ApplicationStep,
    Certificate,
    CertificateCorrection,
    LegalWorkPeriod,
    Membership,
    Person,
    Posting,
    Suspension,
    id_number_digest,
)
from .roles import CERTIFIERS, PERSON_PAGE_READERS
from .validators import check_practice_number

# ---------------------------------------------------------------------------------------------------------
# The one answer to "was this person a public lawyer of unit U on day D?" (the coverage dashboard uses it)


def public_lawyer_postings_on(day: date):
    """Postings on `day` of people whose certificate is in force on `day`: one row per (person, unit)."""
    in_force = Certificate.objects.active_on(day).filter(person=OuterRef("person"))
    return Posting.objects.on(day).filter(Exists(in_force))


def is_public_lawyer_of(person: Person, unit, day: date) -> bool:
    return public_lawyer_postings_on(day).filter(person=person, unit=unit).exists()


# ---------------------------------------------------------------------------------------------------------
# Who is told (notices): the side that must act next, and those who must know


def _tell(kind: str, title: str, url: str, *, unit_id=None, justice=False, person=None, bar_url="") -> None:
    """A notice to the unit's legal office, the justice bureau and/or the person's own account, linking to
    `url`; and to the bar association (which keeps every public lawyer's membership, R3.5) linking to
    `bar_url`, a page it may open."""
    from accounts.models import User

    roles = Q(pk__in=[])
    if unit_id is not None:
        roles |= Q(role=Role.UNIT_OFFICER, unit_id=unit_id)
    if justice:
        roles |= Q(role=Role.JUSTICE_BUREAU)
    if person is not None:
        roles |= Q(person_id=person.pk)
    notify(recipients=User.objects.filter(roles), kind=kind, title=title, url=url)
    if bar_url:
        notify(recipients=User.objects.filter(role=Role.BAR_ASSOCIATION), kind=kind, title=title, url=bar_url)


def _certificate_news(certificate: Certificate, on: date) -> None:
    """The certificate's new status, told to the holder's unit, the holder and the bar association."""
    person = certificate.person
    title = _("Certificate %(number)s of %(name)s: %(status)s from %(day)s") % {
        "number": certificate.number,
        "name": person.name,
        "status": CertificateStatus(certificate.status).label,
        "day": on.isoformat(),
    }
    register = f"{reverse('lawyers:register')}?q={certificate.number}"
    _tell(
        "certificate_status", title, person.get_absolute_url(), unit_id=person.unit_id, person=person, bar_url=register
    )


# ---------------------------------------------------------------------------------------------------------
# Guards


def _require(actor, *roles):
    if actor.role not in roles:
        raise PermissionDenied


def _require_own_unit(actor, unit_id):
    if actor.role != Role.UNIT_OFFICER or actor.unit_id != unit_id:
        raise PermissionDenied


def _not_in_future(day: date, label: str):
    if day > timezone.localdate():
        raise ValidationError(_("%(label)s cannot be in the future.") % {"label": label})


# After each step of an application: the kind of notice it sends, to whom, and the kinds it settles (a
# notice asking for this step is read once the step is taken, whoever took it).
WAITING, RETURNED, DECIDED = "application_waiting", "application_returned", "application_decided"
STEP_NEWS = {
    ApplicationAction.SUBMIT: (WAITING, "justice", ()),
    ApplicationAction.RESUBMIT: (WAITING, "justice", (RETURNED,)),
    ApplicationAction.RETURN: (RETURNED, "unit", (WAITING,)),
    ApplicationAction.APPROVE: (DECIDED, "unit", (WAITING,)),
    ApplicationAction.REJECT: (DECIDED, "unit", (WAITING,)),
    ApplicationAction.WITHDRAW: (DECIDED, "justice", (WAITING, RETURNED)),
    ApplicationAction.CERTIFY: (DECIDED, "certified", (WAITING, DECIDED)),
}


def _step(application, action, actor, comment=""):
    ApplicationStep.objects.create(application=application, action=action, actor=actor, comment=comment)
    kind, audience, settled = STEP_NEWS.get(action, (None, None, ()))
    url = application.get_absolute_url()
    if settled:
        resolve(url=url, kinds=settled)
    if kind is None:
        return
    title = _("Application for %(name)s: %(step)s") % {
        "name": application.person.name,
        "step": ApplicationAction(action).label,
    }
    if comment.strip():
        title = f"{title}（{comment.strip()[:80]}）"
    if audience == "justice":
        _tell(kind, title, url, justice=True)
    elif audience == "unit":
        _tell(kind, title, url, unit_id=application.unit_id)
    else:  # certified: the unit, the new public lawyer, and the bar association, which enrols them (R3.5)
        enrol = reverse("lawyers:membership_record", args=[application.person_id])
        _tell(kind, title, url, unit_id=application.unit_id, person=application.person, bar_url=enrol)


def _locked_application(application) -> Application:
    return Application.objects.select_for_update().select_related("person").get(pk=application.pk)


def _locked_certificate(certificate) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


# ---------------------------------------------------------------------------------------------------------
# People


@transaction.atomic
def person_register(
    *,
    actor,
    person: Person,
    joined_on: date | None = None,
    full_time_legal: bool = False,
    legal_work_since: date | None = None,
) -> Person:
    """Save a new person of the actor's unit with the posting that places them there and, when they work
    full-time on legal affairs, the period that says since when."""
    _require_own_unit(actor, person.unit_id)
    person.full_clean()
    person.save()
    Posting.objects.create(person=person, unit_id=person.unit_id, started_on=joined_on)
    if full_time_legal:
        LegalWorkPeriod.objects.create(person=person, started_on=legal_work_since)
    return person


@transaction.atomic
def person_set_legal_work(*, actor, person: Person, working: bool, since: date | None = None) -> None:
    """Record whether the person works full-time on legal affairs from now on (the person form's yes/no):
    open a period (from `since`; without it, since before the records, or from today when earlier periods
    are recorded) or end the open one today. A period already open keeps its start unless `since` corrects
    it."""
    person = _locked_person(person.pk)
    _require_own_unit(actor, person.unit_id)
    today = timezone.localdate()
    current = LegalWorkPeriod.objects.select_for_update().filter(person=person, ended_on__isnull=True).first()
    if working and current is None:
        if since is None and LegalWorkPeriod.objects.filter(person=person).exists():
            # "Since before the records" would overlap the periods already recorded: from today, then.
            since = today
        legal_work_add(actor=actor, person=person, started_on=since, ended_on=None)
    elif working and since is not None and since != current.started_on:
        legal_work_update(actor=actor, period=current, started_on=since, ended_on=None)
    elif not working and current is not None:
        if current.started_on is not None and current.started_on >= today:
            current.delete()  # opened today and closed the same day: it covered no day
        else:
            legal_work_update(actor=actor, period=current, started_on=current.started_on, ended_on=today)


def _locked_person(person_id: int) -> Person:
    # The person's row is the lock for their periods: two clerks adding or correcting periods at once would
    # each check for overlaps without seeing the other's row, and both write.
    return Person.objects.select_for_update().get(pk=person_id)


def _check_legal_work(period: LegalWorkPeriod) -> None:
    """A period of legal work as lawyers.consistency wants it: no date in the future, the end after the start,
    not overlapping another period of the same person. Errors name the field they are about."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = defaultdict(list)
    errors["started_on"] += not_in_future(period.started_on, today)
    errors["ended_on"] += not_in_future(period.ended_on, today)
    if period.started_on is not None and period.ended_on is not None and period.ended_on <= period.started_on:
        errors["ended_on"].append(_("A period of legal work ends after it starts."))
    if not any(errors.values()):
        errors[NON_FIELD_ERRORS] += _messages_of(consistency.check_legal_work_period, period)
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    period.full_clean()  # the table's own rules (one open period per person)


@transaction.atomic
def legal_work_add(*, actor, person: Person, started_on: date | None, ended_on: date | None) -> LegalWorkPeriod:
    """Record a dated period of full-time legal work, past (both dates) or current (no end); an empty start is
    "since before the portal's records"."""
    person = _locked_person(person.pk)
    _require_own_unit(actor, person.unit_id)
    period = LegalWorkPeriod(person=person, started_on=started_on, ended_on=ended_on)
    _check_legal_work(period)
    period.save()
    return period


@transaction.atomic
def legal_work_update(
    *, actor, period: LegalWorkPeriod, started_on: date | None, ended_on: date | None
) -> LegalWorkPeriod:
    """Set a period's dates: correct a mistyped one, or end the open period (`ended_on` given, the first day
    no longer in full-time legal work). The same rules as a new period; dates left as they are write nothing."""
    person = _locked_person(period.person_id)
    _require_own_unit(actor, person.unit_id)
    period = LegalWorkPeriod.objects.select_for_update().get(pk=period.pk, person=person)
    if (period.started_on, period.ended_on) == (started_on, ended_on):
        return period
    period.started_on, period.ended_on = started_on, ended_on
    _check_legal_work(period)
    period.save()
    return period


@transaction.atomic
def people_register(
    *, actor, people: list[tuple[Person, date | None]], legal_work: dict[str, date | None] | None = None
) -> list[Person]:
    """Save many new people of the actor's unit with their postings, in bulk: the roster import's commit.
    `legal_work`: ID number → since when, for the people in full-time legal work.

    The people were validated (full_clean) by the import in the same transaction; rows are written with a
    few multi-row inserts and their audit entries in one (bulk_create sends no signals)."""
    legal_work = legal_work or {}
    for person, _joined_on in people:
        _require_own_unit(actor, person.unit_id)
        person.id_number_digest = id_number_digest(person.id_number)
    created = Person.objects.bulk_create([person for person, _joined_on in people], batch_size=1000)
    postings = Posting.objects.bulk_create(
        [Posting(person=person, unit=person.unit, started_on=joined_on) for person, joined_on in people],
        batch_size=1000,
    )
    periods = LegalWorkPeriod.objects.bulk_create(
        [
            LegalWorkPeriod(person=person, started_on=legal_work[person.id_number])
            for person in created
            if person.id_number in legal_work
        ],
        batch_size=1000,
    )
    record_created([*created, *postings, *periods])
    return created


@transaction.atomic
def person_transfer(*, actor, person: Person, to_unit, on: date) -> Person:
    """Move a person (and so their certificate) to another unit from `on`; the justice bureau records it."""
    _require(actor, Role.JUSTICE_BUREAU)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if to_unit.pk == person.unit_id:
        raise ValidationError(_("The person already works in %(unit)s.") % {"unit": to_unit})
    if not to_unit.is_active:
        raise ValidationError(_("%(unit)s has been abolished.") % {"unit": to_unit})
    current = Posting.objects.select_for_update().filter(person=person, ended_on__isnull=True).first()
    if current is None:
        # Retired or left the unit (certificate_cancel ended the posting): taken on again by another unit.
        last = Posting.objects.filter(person=person).order_by("-ended_on").first()
        if last is not None and on < last.ended_on:
            raise ValidationError(
                _("The transfer date cannot be before %(day)s, when the person left %(unit)s.")
                % {"day": last.ended_on, "unit": last.unit}
            )
    _not_in_future(on, _("The transfer date"))
    _move_to_unit(actor=actor, person=person, current=current, to_unit=to_unit, on=on)
    return person


def _move_to_unit(*, actor, person: Person, current: Posting | None, to_unit, on: date) -> None:
    """End the person's open posting `current` (if any) on `on` and open one in `to_unit` from `on`; the
    person's unit follows, and an application the old unit filed is withdrawn. The one way a person changes
    unit, shared by person_transfer and a unit's reorganisation (units.services.unit_reorganise), whose callers
    check who may move the person and when, and have locked the person and `current`."""
    if current is not None:
        if current.started_on is not None and on <= current.started_on:
            raise ValidationError(
                _("The transfer date must be after %(day)s, when the current posting began.")
                % {"day": current.started_on}
            )
        current.ended_on = on
        current.save()
    posting = Posting(person=person, unit=to_unit, started_on=on)
    # Within the target's existence, not overlapping another posting (lawyers.consistency).
    check_posting(posting)
    posting.save()
    person.unit = to_unit
    person.save()
    # An application filed by the old unit no longer speaks for the person.
    for application in Application.objects.select_for_update().filter(
        person=person, status__in=OPEN_APPLICATION_STATUSES
    ):
        application.status = ApplicationStatus.WITHDRAWN
        application.save()
        _step(
            application,
            ApplicationAction.WITHDRAW,
            actor,
            _("Withdrawn: the person moved to %(unit)s.") % {"unit": to_unit},
        )


# ---------------------------------------------------------------------------------------------------------
# Applications: the unit puts a person forward, the justice bureau reviews


@transaction.atomic
def application_submit(*, actor, person: Person, consent_on: date, note: str = "") -> Application:
    # Lock the person so two officers submitting at once cannot both pass the "no open application" check.
    person = Person.objects.select_for_update().get(pk=person.pk)
    _require_own_unit(actor, person.unit_id)
    if not Person.objects.on_roster().filter(pk=person.pk).exists():
        raise ValidationError(_("%(name)s no longer works in the unit.") % {"name": person.name})
    unmet = [str(item.reason) for item in checklist(person) if not item.met]
    if unmet:
        raise ValidationError(unmet)
    if Certificate.objects.filter(person=person, status__in=LIVE_CERTIFICATE).exists():
        raise ValidationError(_("This person already holds a certificate in force."))
    if Application.objects.filter(person=person, status__in=OPEN_APPLICATION_STATUSES).exists():
        raise ValidationError(_("This person already has an open application."))
    _not_in_future(consent_on, _("The date of the unit's consent"))
    application = Application.objects.create(person=person, unit_id=person.unit_id, consent_on=consent_on, note=note)
    _step(application, ApplicationAction.SUBMIT, actor, note)
    return application


@transaction.atomic
def application_resubmit(*, actor, application: Application, comment: str = "") -> Application:
    application = _locked_application(application)
    _require_own_unit(actor, application.unit_id)
    if application.status != ApplicationStatus.RETURNED:
        raise ValidationError(_("Only a returned application can be resubmitted."))
    unmet = [str(item.reason) for item in checklist(application.person) if not item.met]
    if unmet:
        raise ValidationError(unmet)
    application.status = ApplicationStatus.SUBMITTED
    application.save()
    _step(application, ApplicationAction.RESUBMIT, actor, comment)
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application, comment: str = "") -> Application:
    application = _locked_application(application)
    _require_own_unit(actor, application.unit_id)
    if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED):
        raise ValidationError(_("Only an application under review or returned can be withdrawn."))
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    _step(application, ApplicationAction.WITHDRAW, actor, comment)
    return application


REVIEW_OUTCOMES = {
    ApplicationAction.APPROVE: ApplicationStatus.APPROVED,
    ApplicationAction.RETURN: ApplicationStatus.RETURNED,
    ApplicationAction.REJECT: ApplicationStatus.REJECTED,
}


@transaction.atomic
def application_review(*, actor, application: Application, decision: str, comment: str = "") -> Application:
    _require(actor, Role.JUSTICE_BUREAU)
    application = _locked_application(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("This application is not waiting for review."))
    if decision not in REVIEW_OUTCOMES:
        raise ValidationError(_("Unknown decision."))
    if decision != ApplicationAction.APPROVE and not comment.strip():
        raise ValidationError(_("Returning or rejecting an application needs a comment for the unit."))
    application.status = REVIEW_OUTCOMES[decision]
    application.save()
    _step(application, decision, actor, comment)
    return application


@transaction.atomic
def certificate_record(
    *, actor, application: Application, number: str, issued_on: date, issuer: str
) -> tuple[Certificate, list[str]]:
    """Record the certificate issued on an approved application; returns it with any warnings."""
    _require(actor, Role.JUSTICE_BUREAU)
    application = _locked_application(application)
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("A certificate can only be recorded for an approved application."))
    person = application.person
    check = check_practice_number(number, sex=person.sex, issued_on=issued_on)
    errors = list(check.errors)
    _not_in_future(issued_on, _("The issue date"))
    errors += _issue_date_errors(person, application, issued_on)
    # The dated facts agree (lawyers.consistency): posted on the issue day, no other certificate then.
    errors += consistency.certificate_errors(
        (issued_on, None),
        list(person.postings.values_list("started_on", "ended_on")),
        # A live one has its own message below.
        list(person.certificates.exclude(status__in=LIVE_CERTIFICATE).values_list("issued_on", "ended_on")),
    )
    if Certificate.objects.filter(number=number).exists():
        errors.append(_("Another certificate already has this number."))
    if Certificate.objects.filter(person=person, status__in=LIVE_CERTIFICATE).exists():
        errors.append(_("This person already holds a certificate in force."))
    if errors:
        raise ValidationError(errors)
    certificate = Certificate.objects.create(
        person=person, application=application, number=number, issued_on=issued_on, issuer=issuer
    )
    application.status = ApplicationStatus.CERTIFIED
    application.save()
    _step(application, ApplicationAction.CERTIFY, actor, _("Certificate %(number)s") % {"number": number})
    return certificate, list(check.warnings)


def _issue_date_errors(person: Person, application: Application | None, issued_on: date) -> list[str]:
    """What an issue date must respect beyond the dated facts of lawyers.consistency: the holder had qualified
    by that year and the unit had consented to the application (a certificate loaded as history has none)."""
    errors = []
    if person.qualified_since and issued_on.year < person.qualified_since:
        errors.append(
            _("The certificate cannot be issued before the holder qualified (%(year)s).")
            % {"year": person.qualified_since}
        )
    if application is not None and issued_on < application.consent_on:
        errors.append(
            _("The certificate cannot be issued before the unit consented (%(day)s).") % {"day": application.consent_on}
        )
    return errors


# ---------------------------------------------------------------------------------------------------------
# The certificate's life: suspended, reinstated, cancelled (注销), revoked (吊销)


def _after_last_change(certificate: Certificate, on: date):
    _not_in_future(on, _("The date"))
    if on < certificate.issued_on:
        raise ValidationError(
            _("The date cannot be before the certificate was issued (%(day)s).") % {"day": certificate.issued_on}
        )
    last = certificate.suspensions.order_by("-started_on").first()
    if last is not None and on < (last.ended_on or last.started_on):
        raise ValidationError(
            _("The date cannot be before the last recorded change (%(day)s).")
            % {"day": last.ended_on or last.started_on}
        )


@transaction.atomic
def certificate_suspend(*, actor, certificate: Certificate, on: date, reason: str) -> Certificate:
    _require(actor, Role.JUSTICE_BUREAU)
    certificate = _locked_certificate(certificate)
    if certificate.status != CertificateStatus.ACTIVE:
        raise ValidationError(_("Only an active certificate can be suspended."))
    if not reason.strip():
        raise ValidationError(_("A suspension needs its reason."))
    _after_last_change(certificate, on)
    suspension = Suspension(certificate=certificate, started_on=on, reason=reason)
    consistency.check_suspension(suspension)
    suspension.save()
    certificate.status = CertificateStatus.SUSPENDED
    certificate.save()
    _certificate_news(certificate, on)
    return certificate


@transaction.atomic
def certificate_reinstate(*, actor, certificate: Certificate, on: date) -> Certificate:
    _require(actor, Role.JUSTICE_BUREAU)
    certificate = _locked_certificate(certificate)
    if certificate.status != CertificateStatus.SUSPENDED:
        raise ValidationError(_("Only a suspended certificate can be reinstated."))
    suspension = certificate.suspensions.select_for_update().get(ended_on__isnull=True)
    _not_in_future(on, _("The date"))
    if on <= suspension.started_on:
        raise ValidationError(
            _("Reinstatement must come after the suspension began (%(day)s).") % {"day": suspension.started_on}
        )
    suspension.ended_on = on
    suspension.save()
    certificate.status = CertificateStatus.ACTIVE
    certificate.save()
    _certificate_news(certificate, on)
    return certificate


def _end(certificate: Certificate, *, on: date, status: str, reason: str = "", note: str = "") -> Certificate:
    if not certificate.is_live:
        raise ValidationError(_("This certificate has already ended."))
    _after_last_change(certificate, on)
    open_suspension = certificate.suspensions.filter(ended_on__isnull=True).first()
    if open_suspension is not None and on > open_suspension.started_on:
        # The suspension lasts until the certificate ends.
        open_suspension.ended_on = on
        open_suspension.save()
    certificate.status = status
    certificate.ended_on = on
    certificate.cancellation_reason = reason
    certificate.end_note = note
    certificate.save()
    _certificate_news(certificate, on)
    return certificate


@transaction.atomic
def certificate_cancel(*, actor, certificate: Certificate, on: date, reason: str, note: str = "") -> Certificate:
    """Cancel (注销) a certificate from `on`; a holder who retired or left the unit no longer works there, so
    the open posting ends the same day (the coverage computation and the R1.2 list read the postings)."""
    _require(actor, Role.JUSTICE_BUREAU)
    if reason not in CancellationReason.values:
        raise ValidationError(_("Please choose the reason for the cancellation."))
    certificate = _locked_certificate(certificate)
    if reason in LEAVING_REASONS:
        _leave_unit(certificate.person_id, on)
    return _end(certificate, on=on, status=CertificateStatus.CANCELLED, reason=reason, note=note)


def _leave_unit(person_id: int, on: date) -> None:
    open_postings = Posting.objects.select_for_update().filter(person_id=person_id, ended_on__isnull=True)
    posting = open_postings.select_related("unit").first()
    if posting is None:
        return  # already ended: nothing more to record
    if posting.started_on is not None and on <= posting.started_on:
        raise ValidationError(
            _("The person has worked in %(unit)s since %(day)s; they cannot have left it on or before that day.")
            % {"unit": posting.unit, "day": posting.started_on}
        )
    posting.ended_on = on
    posting.save()


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, on: date, note: str) -> Certificate:
    _require(actor, Role.JUSTICE_BUREAU)
    if not note.strip():
        raise ValidationError(_("A revocation needs the misconduct it is for."))
    return _end(_locked_certificate(certificate), on=on, status=CertificateStatus.REVOKED, note=note)


# ---------------------------------------------------------------------------------------------------------
# What a unit's page shows about its people (R1.2, R1.6)


def unit_people_summary(unit, user) -> dict:
    """The unit's public lawyers today (certificate in force, as the coverage computation counts them), those
    whose certificate is suspended, and its R1.2 finding, read in the user's scope; in two queries.

    The headcount by year comes from the coverage computation, like every coverage number.
    """
    today = timezone.localdate()
    people = Person.objects.visible_to(user).filter(unit=unit)
    holders = list(people.with_standing(today).exclude(standing=Standing.NONE).order_by("name"))
    # R1.2 staff of the unit today, each with the eligibility the person's checklist gives (the same rules),
    # so that the page never tells the unit to put forward someone who is barred.
    r12_people = list(
        Person.objects.visible_to(user)
        .posted_in(unit, today)
        .r12_staff(today)
        .annotate(is_eligible_today=ExpressionWrapper(rules_q(today), output_field=BooleanField()))
        .order_by("name")
    )
    return {
        "lawyers": [person for person in holders if person.standing == Standing.IN_FORCE],
        "suspended_lawyers": [person for person in holders if person.standing == Standing.SUSPENDED],
        "r12_people": r12_people,
        "r12_eligible": any(person.is_eligible_today for person in r12_people),
        # The names link to the person's page only for the roles that may open it (a committee member reads
        # the unit page but not people's records).
        "may_open_people": user.role in PERSON_PAGE_READERS,
    }


# ---------------------------------------------------------------------------------------------------------
# Bar-association membership (R3.5)


@transaction.atomic
def membership_record(*, actor, person: Person, number: str, joined_on: date) -> Membership:
    """Record or correct a public lawyer's membership; the bar association keeps the register."""
    _require(actor, Role.BAR_ASSOCIATION)
    # Lock the person so two clerks recording the same membership cannot both create one.
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not Certificate.objects.filter(person=person, status__in=LIVE_CERTIFICATE).exists():
        raise ValidationError(_("Only a public lawyer with a certificate in force is recorded as a member."))
    _not_in_future(joined_on, _("The membership date"))
    # R3.5 is about public lawyers joining the bar: not before the person first became one.
    first_issued = Certificate.objects.filter(person=person).order_by("issued_on").values_list("issued_on", flat=True)
    if joined_on < first_issued[0]:
        raise ValidationError(
            _("The membership date cannot be before %(day)s, when %(name)s first became a public lawyer.")
            % {"day": first_issued[0], "name": person.name}
        )
    membership = Membership.objects.filter(person=person).first() or Membership(person=person)
    membership.number = number.strip()
    membership.joined_on = joined_on
    membership.full_clean()
    membership.save()
    return membership


# ---------------------------------------------------------------------------------------------------------
# Corrections (更正): a mistyped number, date or issuer put right by the justice bureau (DOMAIN.md)


def _as_text(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _messages_of(check, *args) -> list[str]:
    try:
        check(*args)
    except ValidationError as error:
        return error.messages
    return []


@transaction.atomic
def certificate_correct(
    *,
    actor,
    certificate: Certificate,
    number: str | None = None,
    issued_on: date | None = None,
    ended_on: date | None = None,
    issuer: str | None = None,
    reason: str,
) -> tuple[Certificate, list[str]]:
    """Correct what was recorded of a certificate: its number, issue date, end date or issuer (None keeps the
    recorded value). Not a cancellation: the certificate keeps its status. Each changed fact is kept as a
    CertificateCorrection (was, now, why, by whom), and the corrected facts must agree with the holder's other
    dated facts as a new record would. Returns the certificate with the warnings about its number (a digit
    that disagrees warns, never blocks: lawyers.validators)."""
    _require(actor, *CERTIFIERS)
    # Lock the certificate: two clerks correcting it at once would each record a change from the same old
    # value, and a suspension or ending recorded meanwhile would be checked against a term about to change.
    # Only its row (`of`): PostgreSQL locks no row on the nullable side of the join to the application.
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("person", "application")
        .get(pk=certificate.pk)
    )
    if not reason.strip():
        raise ValidationError({"reason": _("A correction needs its reason.")})
    given = {
        "number": number.strip() if number is not None else None,
        "issued_on": issued_on,
        "ended_on": ended_on,
        "issuer": issuer.strip() if issuer is not None else None,
    }
    changes = {
        field: (getattr(certificate, field), value)
        for field, value in given.items()
        if value is not None and value != getattr(certificate, field)
    }
    if not changes:
        raise ValidationError(_("Nothing to correct: the values given are the ones recorded."))
    if "ended_on" in changes and certificate.ended_on is None:
        raise ValidationError({"ended_on": _("The certificate has not ended: it has no end date to correct.")})
    for field, (_was, now) in changes.items():
        setattr(certificate, field, now)

    errors: dict[str, list[str]] = defaultdict(list)
    today = timezone.localdate()
    check = check_practice_number(certificate.number, sex=certificate.person.sex, issued_on=certificate.issued_on)
    if "number" in changes:
        errors["number"] += check.errors
        if Certificate.objects.filter(number=certificate.number).exclude(pk=certificate.pk).exists():
            errors["number"].append(_("Another certificate already has this number."))
    if "issued_on" in changes:
        errors["issued_on"] += not_in_future(certificate.issued_on, today)
        errors["issued_on"] += _issue_date_errors(certificate.person, certificate.application, certificate.issued_on)
    if "ended_on" in changes:
        errors["ended_on"] += not_in_future(certificate.ended_on, today)
    if "issued_on" in changes or "ended_on" in changes:
        # The corrected term against the holder's postings and other certificates, and its suspensions.
        errors[NON_FIELD_ERRORS] += _messages_of(check_certificate, certificate)
        term = (certificate.issued_on, certificate.ended_on)
        for suspension in certificate.suspensions.all():
            errors[NON_FIELD_ERRORS] += suspension_errors((suspension.started_on, suspension.ended_on), term, [])
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    certificate.full_clean()  # the table's own rules: an end not before the issue, an issuer given
    certificate.save()
    for field, (was, now) in changes.items():
        CertificateCorrection.objects.create(
            certificate=certificate,
            field=field,
            old_value=_as_text(was),
            new_value=_as_text(now),
            reason=reason.strip(),
            actor=actor,
        )
    warnings = check.warnings if {"number", "issued_on"} & changes.keys() else []
    return certificate, list(warnings)
