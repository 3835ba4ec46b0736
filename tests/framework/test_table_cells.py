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
