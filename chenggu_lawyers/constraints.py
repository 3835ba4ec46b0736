"""Check constraints of a model evaluated in Python, for validating many rows at once (imports, issue 10).

Django validates a `CheckConstraint` by sending its condition to the database, one query per constraint and
row (and a savepoint around each inside a transaction): for a 10,000-row import that is most of the time.
The conditions of this project are plain comparisons of a row's own fields (`field`, `field__in`,
`field__isnull`, `__gt`/`__gte`/`__lt`/`__lte`, with values or F() of another field, combined with &, |
and ~), which Python can evaluate exactly; `holds` answers None for anything else, and the caller then asks
the database as Django does. The database keeps enforcing every constraint on insert either way.
"""

import operator

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, F, Q
from django.db.models.constants import LOOKUP_SEP

UNDECIDED = object()
COMPARISONS = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _value(instance, name):
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname)


def _leaf(instance, lookup: str, expected):
    name, _sep, kind = lookup.partition(LOOKUP_SEP)
    kind = kind or "exact"
    if LOOKUP_SEP in kind:
        return UNDECIDED  # a lookup through a relation
    try:
        actual = _value(instance, name)
        if isinstance(expected, F):
            expected = _value(instance, expected.name)
        elif hasattr(expected, "resolve_expression"):
            return UNDECIDED
    except Exception:  # noqa: BLE001 (an unknown field: let the database decide)
        return UNDECIDED
    if kind == "isnull":
        return (actual is None) == bool(expected)
    if kind == "in":
        return actual in expected
    if kind in COMPARISONS:
        if actual is None or expected is None:
            # SQL: a comparison with NULL is unknown, which a CHECK constraint lets pass.
            return None if kind != "exact" or expected is not None else actual is None
        try:
            return COMPARISONS[kind](actual, expected)
        except TypeError:
            return UNDECIDED
    return UNDECIDED


def _evaluate(instance, node):
    """True, False, None (SQL unknown) or UNDECIDED."""
    results = []
    for child in node.children:
        result = _evaluate(instance, child) if isinstance(child, Q) else _leaf(instance, *child)
        if result is UNDECIDED:
            return UNDECIDED
        results.append(result)
    if node.connector == Q.AND:
        value = False if False in results else (None if None in results else True)
    else:
        value = True if True in results else (None if None in results else False)
    if node.negated:
        value = None if value is None else not value
    return value


def holds(constraint: CheckConstraint, instance):
    """Whether `instance` satisfies the check constraint (unknown counts as satisfied, as in SQL), or None
    when the condition is beyond this evaluator."""
    result = _evaluate(instance, constraint.condition)
    if result is UNDECIDED:
        return None
    return result is not False


def _field_names(node) -> set[str]:
    names = set()
    for child in node.children:
        if isinstance(child, Q):
            names |= _field_names(child)
        else:
            lookup, expected = child
            names.add(lookup.split(LOOKUP_SEP)[0])
            if isinstance(expected, F):
                names.add(expected.name)
    return names


def validate_constraints(instance, exclude=()) -> None:
    """Model.validate_constraints, with check constraints decided in Python where possible (a constraint on
    an excluded field is skipped, as Django skips it)."""
    errors = []
    for constraint in instance._meta.constraints:
        if isinstance(constraint, CheckConstraint) and isinstance(constraint.condition, Q):
            if _field_names(constraint.condition) & set(exclude or ()):
                continue
            verdict = holds(constraint, instance)
            if verdict is True:
                continue
            if verdict is False:
                errors.append(
                    ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
                )
                continue
        try:
            constraint.validate(instance.__class__, instance, exclude=exclude)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
