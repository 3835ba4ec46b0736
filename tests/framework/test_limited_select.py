"""The lists' long dropdowns (chenggu_lawyers.widgets.LimitedSelect): at most `limit` options in one query, a
chosen value beyond them still shown, and the same elements as Django's own select
template."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chenggu_lawyers.widgets import LimitedSelect
from tests.conftest import make_unit
from units.models import Unit

pytestmark = pytest.mark.django_db


class Narrow(LimitedSelect):
    limit = 3


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.order_by("name"), empty_label="全部", widget=Narrow)


def options(html: str) -> list[tuple[str, str, bool]]:
    return [
        (value, label, " selected" in attrs)
        for value, attrs, label in re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', html)
    ]


def tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html)


@pytest.fixture
def units(db):
    return [make_unit(f"测试单位{n}") for n in range(1, 6)]


def test_lists_at_most_the_limit_in_one_query_and_says_there_are_more(units):
    with CaptureQueriesContext(connection) as queries:
        html = str(UnitForm()["unit"])
    assert len(queries) == 1
    assert [label for _value, label, _selected in options(html)] == [
        "全部", "测试单位1", "测试单位2", "测试单位3", "……更多：请用其他筛选条件缩小范围",
    ]  # fmt: skip


def test_a_chosen_unit_beyond_the_limit_is_shown_selected_and_validates(units):
    form = UnitForm({"unit": units[4].pk})
    assert form.is_valid() and form.cleaned_data["unit"] == units[4]
    shown = options(str(form["unit"]))
    assert (str(units[4].pk), "测试单位5", True) in shown
    assert [selected for *_rest, selected in shown].count(True) == 1


def test_renders_as_django_s_own_select_template(units):
    chosen = {"unit": units[1].pk}
    ours = str(UnitForm(chosen)["unit"])
    theirs = UnitForm(chosen)
    theirs.fields["unit"].widget.template_name = forms.Select.template_name
    # The same elements and attributes; Django's version only leaves a blank line after each option.
    assert " selected" in ours
    assert tags(ours) == tags(str(theirs["unit"]))


def test_the_people_register_shows_the_chosen_unit(login, users, unit_a):
    page = login("county").get(reverse("lawyers:person_list"), {"unit": unit_a.pk}).content.decode()
    select = page[page.index('<select name="unit"') :]
    select = select[: select.index("</select>")]
    assert (str(unit_a.pk), unit_a.name, True) in options(select)
