"""The fast paths of lists and exports (issue 10) give what django-tables2's own paths give, row for row.

On a seeded county (every kind of row the exports hold): each export view's table read through
`export_values` equals `Table.as_values()` cell for cell, masked and revealed; and each list view's page read
through `page_by_keys` holds the rows of the plain slice, in the same order.
"""

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import get_resolver

from accounts.models import User
from chenggu_lawyers.scale import reset_database
from chenggu_lawyers.tables import RevealableTable, export_values
from chenggu_lawyers.views import ScopedExportView, ScopedListView, page_by_keys

pytestmark = pytest.mark.django_db


def view_classes(base):
    found = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            else:
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class is not None and issubclass(view_class, base):
                    found.add(view_class)

    walk(get_resolver().url_patterns)
    return sorted(found, key=lambda cls: cls.__qualname__)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_scale", scale="county", reset=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    yield
    with django_db_blocker.unblock():
        reset_database()  # committed outside the tests' transactions: taken away for the next modules


def reader_of(view_class):
    return User.objects.filter(role__in=view_class.allowed_roles, is_active=True).order_by("pk").first()


def view_for(view_class, user, query=None):
    request = RequestFactory().get("/", query or {})
    request.user = user
    view = view_class()
    view.setup(request)
    return view


@pytest.mark.parametrize("view_class", view_classes(ScopedExportView), ids=lambda cls: cls.__qualname__)
def test_export_values_are_the_tables_own(seeded, view_class):
    user = reader_of(view_class)
    if user is None:
        pytest.skip("no seeded account may read this export")
    view = view_for(view_class, user)
    queryset = view.get_queryset()
    for revealed in (False, True) if issubclass(view_class.table_class, RevealableTable) else (False,):
        view.revealed = revealed
        expected = list(view.get_table(queryset).as_values())
        assert list(export_values(view.get_table(queryset))) == expected
        assert len(expected) > 1 or not queryset.exists()


@pytest.mark.parametrize("view_class", view_classes(ScopedListView), ids=lambda cls: cls.__qualname__)
def test_a_page_by_keys_holds_the_pages_rows_in_order(seeded, view_class):
    user = reader_of(view_class)
    if user is None:
        pytest.skip("no seeded account may read this list")
    view = view_for(view_class, user)
    view.object_list = view.get_queryset()
    table = view.get_table_class()(data=view.get_queryset(), **view.get_table_kwargs())
    ordered = table.data.data.order_by(*table.data.data.query.order_by, "pk")
    for start in (0, 25, 50):
        plain = ordered[start : start + 25]
        assert [row.pk for row in page_by_keys(plain)] == [row.pk for row in plain]


def test_a_page_of_groups_is_read_as_it_is(seeded):
    """Totals (values grouped with aggregates) are not cut by keys: a key filter would change the sums."""
    from django.db.models import Count

    from matters.models import Matter

    totals = Matter.objects.values("unit__name").annotate(matters=Count("pk")).order_by("unit__name")
    page = totals[5:10]
    assert page_by_keys(page) is page
    assert list(page_by_keys(page)) == list(totals)[5:10]
