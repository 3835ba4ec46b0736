"""The one scoping rule: which rows of a model a user may see.

Every list, detail, edit and export view and every form's foreign-key choices narrow their querysets with
`Model.objects.visible_to(user)`, which reads the model's `scope` declaration through `scope_q` below.
A row outside the user's scope is simply not in the queryset, so a detail view answers 404 for it.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from accounts.choices import COUNTY_WIDE_ROLES, Role

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """How a model's rows relate to units and people.

    unit: lookup from the model to the pk of the unit that owns the row ("pk" for Unit itself);
      None when rows belong to no unit.
    unit_roles: unit-bound roles that see the rows of their own unit.
    person: lookup from the model to the pk of the person a row is about, for a public lawyer's own records.
    everyone_roles: roles, beyond the county-wide ones, that see every row (e.g. the bar association on
      memberships).
    system: lookup from the model to the pk of the superior organisation whose talent-pool office sees the
      row (R1.5).
    owner: lookup from the model to the account a row belongs to (a notice's recipient); such rows are
      their owner's, whatever the role.
    unitless_shared: rows whose `unit` is empty belong to no unit but to the whole county (a county-wide
      training event), so the unit roles see them beside their own unit's rows, never another unit's.
    """

    unit: str | None
    unit_roles: frozenset[str] = field(
        default_factory=lambda: frozenset({Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER, Role.PUBLIC_LAWYER})
    )
    person: str | None = None
    everyone_roles: frozenset[str] = frozenset()
    county_wide: bool = True
    owner: str | None = None
    system: str | None = None
    unitless_shared: bool = False


def scope_q(model, user) -> Q:
    """A filter that keeps exactly the rows of `model` that `user` may see."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    scope: Scope = model.scope
    role = user.role
    if (scope.county_wide and role in COUNTY_WIDE_ROLES) or role in scope.everyone_roles:
        return Q()
    if scope.owner:
        return Q(**{scope.owner: user.pk})
    if role == Role.POOL_OFFICER and scope.system:
        system_id = getattr(user, "system_organisation_id", None)
        return Q(**{scope.system: system_id}) if system_id else NOTHING
    if role == Role.PUBLIC_LAWYER and scope.person:
        person_id = getattr(user, "person_id", None)
        return Q(**{scope.person: person_id}) if person_id else NOTHING
    if role in scope.unit_roles and scope.unit and user.unit_id:
        own = Q(**{scope.unit: user.unit_id})
        return (own | Q(**{f"{scope.unit}__isnull": True})) if scope.unitless_shared else own
    return NOTHING
