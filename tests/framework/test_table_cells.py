"""List tables mark their text cells (titles, names, reasons) so that they may wrap on a 1366-pixel screen,
while dates, numbers and yes/no keep to one line (portal.css; the layout itself is checked by screenshots)."""

import re

import pytest
from django.urls import reverse

from tests.matters.factories import make_matter

pytestmark = pytest.mark.django_db


def cells(page: str) -> list[tuple[str, str]]:
    """(class, text) of the first body row's cells."""
    body = page[page.index("<tbody") :]
    row = body[body.index("<tr") : body.index("</tr>")]
    return [
        (attrs, re.sub(r"<[^>]+>", "", text).strip()) for attrs, text in re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
    ]


def test_text_cells_may_wrap_and_dates_keep_to_one_line(login, users):
    make_matter(users["officer_a"], title="某小区电梯安全问题集体信访")
    page = login("officer_a").get(reverse("matters:matter_list")).content.decode()
    row = {text: attrs for attrs, text in cells(page)}
    assert "cell-text" in row["某小区电梯安全问题集体信访"], row
    assert "cell-text" in row["审核重要法律文书和重大合同"]
    dates = [attrs for text, attrs in row.items() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)]
    assert len(dates) == 2 and all("cell-text" not in attrs for attrs in dates)


def render(table, request) -> str:
    from django.template import Context, Template

    template = Template("{% load django_tables2 %}{% render_table table %}")
    page = template.render(Context({"table": table, "request": request}))
    return page[page.index("<tbody") : page.index("</tbody>")]


def numbers_table():
    import django_tables2 as tables

    class Numbers(tables.Table):
        n = tables.Column(attrs={"td": {"data-n": lambda record: record["n"]}})
        label = tables.Column(attrs={"td": {"class": "fw-bold"}})

        class Meta:
            template_name = "django_tables2/bootstrap5-responsive.html"
            row_attrs = {"data-row": lambda record: f"r{record['n']}"}
            empty_text = "暂无记录"

    return Numbers


def test_body_rows_carry_each_rows_attributes_and_escape_their_values(rf, users):
    """Cell attributes are worked out once per column unless they are a function of the row; values are
    escaped as the template's {{ cell }} would."""
    request = rf.get("/")
    request.user = users["county"]
    body = render(numbers_table()([{"n": 1, "label": "<b>甲</b>"}, {"n": 2, "label": "乙"}]), request)
    assert re.findall(r'data-n="(\d)"', body) == ["1", "2"]
    assert re.findall(r'data-row="(r\d)"', body) == ["r1", "r2"]
    assert body.count('class="fw-bold cell-text"') == 2
    assert "&lt;b&gt;甲&lt;/b&gt;" in body and "<b>" not in body


def test_an_empty_table_says_so(rf, users):
    request = rf.get("/")
    request.user = users["county"]
    body = render(numbers_table()([]), request)
    assert re.search(r'<td colspan="2">暂无记录</td>', body)
