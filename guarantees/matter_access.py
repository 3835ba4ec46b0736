"""What the guarantees app reads from the matters app: who may claim against a matter, who may add files to
an opinion, which matters get a commission letter and what it says. Kept in one module so a change in the
matters app is met in one place.
"""

from dataclasses import replace

from django.utils import timezone

from accounts.choices import Role
from chenggu_lawyers.scoping import Scope
from lawyers.models import Certificate
from matters.choices import AssigneeKind, AssignmentStatus, MatterCategory, PartyRole
from matters.models import Assignment, Matter

from .choices import Authority
from .letters import CommissionLetter, LetterLawyer
from .roles import LETTER_READERS

# R3.4: a commission letter when a lawyer represents the organ in litigation, reconsideration or arbitration.
LETTER_CATEGORIES = (MatterCategory.LITIGATION_PETITIONS, MatterCategory.RECONSIDERATION)
# Assignees who took the matter on: they may claim its costs and be named in its letter.
HANDLING = (AssignmentStatus.ACCEPTED, AssignmentStatus.COMPLETED)
OUR_ROLE_WORDS = {
    PartyRole.CLAIMANT: "原告（申请人）",
    PartyRole.RESPONDENT: "被告（被申请人）",
    PartyRole.THIRD_PARTY: "第三人",
}


def through_matter(scope: Scope) -> Scope:
    """A matter's scope seen from a row that belongs to the matter: the same rule, one join further."""

    def prefixed(lookup):
        return f"matter__{lookup}" if lookup else None

    return replace(scope, unit=prefixed(scope.unit), person=prefixed(scope.person), system=prefixed(scope.system))


def claimable_matters(user):
    """Matters a public lawyer may claim expenses against: those they accepted or completed."""
    if user.role != Role.PUBLIC_LAWYER or user.person_id is None:
        return Matter.objects.none()
    handled = Assignment.objects.filter(person_id=user.person_id, status__in=HANDLING)
    return Matter.objects.visible_to(user).filter(pk__in=handled.values("matter_id"))


def may_attach_to_opinion(user, opinion) -> bool:
    """R2.3: an opinion is its author's alone; only the author adds files to it, while the matter is open."""
    return opinion.author_id is not None and opinion.author_id == user.pk and not opinion.matter.is_closed


def needs_letter(matter) -> bool:
    return matter.category in LETTER_CATEGORIES


def may_read_letter(user, matter) -> bool:
    """Who may download a matter's commission letter (the matter itself already through the scoping rule): the
    unit office that stamps it, the justice bureau, and a public lawyer the letter names, who hands it to the
    court; a lawyer who has not accepted the matter, or declined it, is not named and gets none."""
    if user.role == Role.PUBLIC_LAWYER:
        return (
            user.person_id is not None
            and Assignment.objects.filter(matter=matter, person_id=user.person_id, status__in=HANDLING).exists()
        )
    return user.role in LETTER_READERS


def letter_lawyers(matter) -> list[LetterLawyer]:
    """Public lawyers (the unit's own, or dispatched from a pool) who took the matter on, with the number of
    the certificate in force today."""
    today = timezone.localdate()
    assignments = (
        Assignment.objects.filter(
            matter=matter, status__in=HANDLING, kind__in=(AssigneeKind.PUBLIC_LAWYER, AssigneeKind.DISPATCHED)
        )
        .select_related("pool_member")
        .order_by("created_at", "pk")
    )
    assignments = list(assignments)
    numbers = dict(
        Certificate.objects.active_on(today)
        .filter(person_id__in=[a.person_id for a in assignments if a.person_id])
        .values_list("person_id", "number")
    )
    lawyers = []
    for assignment in assignments:
        number = numbers.get(assignment.person_id, "")
        if not number and assignment.pool_member_id:
            number = assignment.pool_member.practice_number
        lawyers.append(LetterLawyer(name=assignment.assignee_name, practice_number=number))
    return lawyers


def proceeding_of(matter) -> str:
    """诉讼, 复议 or 仲裁, read from the forum (a court, an arbitration commission) and the category."""
    if "仲裁" in matter.forum:
        return "仲裁"
    if "法院" in matter.forum:
        return "诉讼"
    if "复议" in matter.title or matter.category == MatterCategory.RECONSIDERATION:
        return "复议"
    return "诉讼"


def case_description(matter) -> str:
    """The matter's title as a case ("……一案"), with its parties."""
    case = matter.title if matter.title.endswith("案") else f"{matter.title}一案"
    parties = "；".join(line.strip() for line in matter.parties.splitlines() if line.strip())
    return f"{case}（{parties}）" if parties else case


def matter_letter(matter, *, lawyers, authority: str = Authority.GENERAL, on=None) -> CommissionLetter:
    unit = matter.unit
    contact = ""
    if unit.legal_office_contact or unit.legal_office_phone:
        contact = f"联系人：{unit.legal_office_contact or '——'}　联系电话：{unit.legal_office_phone or '——'}"
    return CommissionLetter(
        addressee=matter.forum,
        organ=unit.name,
        case=case_description(matter),
        our_role=OUR_ROLE_WORDS.get(matter.our_role, ""),
        proceeding=proceeding_of(matter),
        lawyers=tuple(lawyers),
        issued_on=on or timezone.localdate(),
        authority=authority,
        case_number=matter.case_number,
        contact=contact,
    )
