from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class AnnualGrade(models.TextChoices):
    """Civil-servant annual assessment grades (公务员年度考核等次)."""

    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASICALLY_COMPETENT = "basically_competent", _("Basically competent")
    INCOMPETENT = "incompetent", _("Incompetent")
    NOT_GRADED = "not_graded", _("Not graded")


class QualificationClass(models.TextChoices):
    """Class of the national legal professional qualification certificate (法律职业资格证书)."""

    A = "A", _("Class A")
    B = "B", _("Class B")
    C = "C", _("Class C")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the justice bureau")
    RETURNED = "returned", _("Returned to the unit")
    APPROVED = "approved", _("Approved, waiting for the certificate")
    REJECTED = "rejected", _("Rejected")
    CERTIFIED = "certified", _("Certified")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED, ApplicationStatus.APPROVED)


# Whose move it is: the justice bureau acts on submitted and approved applications, the unit on returned ones.
WAITING_FOR = {
    "justice_bureau": (ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED),
    "unit_officer": (ApplicationStatus.RETURNED,),
}


class ApplicationAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted by the unit")
    RESUBMIT = "resubmit", _("Resubmitted by the unit")
    APPROVE = "approve", _("Approved for certification")
    RETURN = "return", _("Returned with comments")
    REJECT = "reject", _("Rejected")
    CERTIFY = "certify", _("Certificate recorded")
    WITHDRAW = "withdraw", _("Withdrawn by the unit")


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    REVOKED = "revoked", _("Revoked")


class Standing(models.TextChoices):
    """Whether a person is a public lawyer on a day, as the coverage computation counts them (DOMAIN.md): a
    certificate in force while the person works in the unit. A suspended certificate is still live for the
    workflow (it can be reinstated, its holder cannot apply again) but its holder is not a public lawyer
    in force until then."""

    IN_FORCE = "in_force", _("Yes")
    SUSPENDED = "suspended", _("Suspended")
    NONE = "none", _("No")


class CancellationReason(models.TextChoices):
    """Reasons a public-lawyer certificate is cancelled (注销), national Measures."""

    LEFT_UNIT = "left_unit", _("Left the unit")
    RETIRED = "retired", _("Retired")
    TRANSFERRED = "transferred", _("Transferred out of public service")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The unit withdrew its consent")
    NO_LONGER_LEGAL_WORK = "no_longer_legal_work", _("No longer in legal work")
    OWN_REQUEST = "own_request", _("At the lawyer's own request")


# Cancellations that mean the holder no longer works in the unit: the open posting ends the same day. A
# transfer has its own service (person_transfer closes one posting and opens the next), so TRANSFERRED leaves
# the postings alone.
LEAVING_REASONS = (CancellationReason.LEFT_UNIT, CancellationReason.RETIRED)
