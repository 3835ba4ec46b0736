from django.db import models
from django.utils.translation import gettext_lazy as _


class MatterCategory(models.TextChoices):
    """The six key duty categories of public lawyers (R2.1), and other matters assigned as needed."""

    DECISION_OPINION = "decision_opinion", _("Legal opinions on major decisions and administrative acts")
    NORMATIVE_DOCUMENTS = "normative_documents", _("Drafting and reviewing regulations and normative documents")
    CONTRACTS = "contracts", _("Reviewing important legal documents and major contracts")
    LITIGATION_PETITIONS = "litigation_petitions", _("Law-related litigation, major emergencies and petitions")
    RECONSIDERATION = "reconsideration", _("Administrative reconsideration, litigation and arbitration")
    PUBLICITY = "publicity", _("Legal publicity")
    OTHER = "other", _("Other matters")


# Categories whose matters are cases before a court, a reconsideration organ or an arbitration commission, or
# petitions and emergencies handled like them: they carry the case fields.
CASE_CATEGORIES = (MatterCategory.LITIGATION_PETITIONS, MatterCategory.RECONSIDERATION)


class MatterStatus(models.TextChoices):
    """Where a matter stands in 指派 → 承办 → 反馈; derived from its assignments until the office closes it."""

    OPEN = "open", _("Waiting for assignment")
    ASSIGNED = "assigned", _("Assigned, waiting for an answer")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Opinion submitted")
    CLOSED = "closed", _("Closed")


class AssigneeKind(models.TextChoices):
    """Who may handle a unit's matter: its public lawyer, a pool lawyer dispatched to it (R1.5), or its legal
    advisor (R1.4)."""

    PUBLIC_LAWYER = "public_lawyer", _("Public lawyer of the unit")
    DISPATCHED = "dispatched", _("Dispatched pool lawyer")
    ADVISOR = "advisor", _("Legal advisor")


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Opinion submitted")


# Assignments still owed an answer or an opinion: these can run late and get reminders.
LIVE_ASSIGNMENT_STATUSES = (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED)


class RefusalRuling(models.TextChoices):
    """The office's ruling on a declined assignment; an unjustified refusal fails the annual assessment (R3.3)."""

    JUSTIFIED = "justified", _("Refusal justified")
    UNJUSTIFIED = "unjustified", _("Refusal unjustified")


class Adoption(models.TextChoices):
    """Whether the unit adopted the opinion; recorded beside the opinion, never in it (R2.3)."""

    FULLY = "fully", _("Adopted fully")
    PARTLY = "partly", _("Adopted in part")
    NOT_ADOPTED = "not", _("Not adopted")


class PartyRole(models.TextChoices):
    """The unit's side in a case."""

    CLAIMANT = "claimant", _("Plaintiff, applicant or claimant")
    RESPONDENT = "respondent", _("Defendant or respondent")
    THIRD_PARTY = "third_party", _("Third party")
    OTHER = "other", _("Other")


class CaseStage(models.TextChoices):
    FILED = "filed", _("Filed, not yet heard")
    FIRST_INSTANCE = "first_instance", _("First instance")
    SECOND_INSTANCE = "second_instance", _("Second instance")
    RETRIAL = "retrial", _("Retrial")
    ENFORCEMENT = "enforcement", _("Enforcement")
    CONCLUDED = "concluded", _("Concluded")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
