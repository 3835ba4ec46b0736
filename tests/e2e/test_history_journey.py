"""In Chinese on a 1366×768 screen: the justice bureau brings a county's history into the portal.

It finds 历史数据导入 in the menu, downloads the template and fills it in as a clerk would (the headings and
dropdown values of the template, in Chinese). The first upload has two slips (a person left in two units at
once, a certificate dated 2042 for 2024): nothing is imported and each error names its sheet, row and column,
and the overlapping posting. The corrected workbook — two units over several years: in 市场监督管理局 a lawyer
certified in 2019 who retired in 2024 and one whose certificate was revoked in 2022; in 自然资源局 a qualified
full-time legal officer who was no public lawyer until 2024 — shows its counts per sheet and imports; the same
file again has nothing to import. The county office reads the dashboard as of 2023-12-31 (自然资源局 has
qualified staff but no public lawyer, and only a legal advisor; the headcount by year) and follows its links to
the units' coverage histories; the justice bureau opens the revoked lawyer from the register: barred by the
revocation, with its date.
"""

import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from advisors.models import Engagement
from chenggu_lawyers.models import AuditEvent
from lawyers.models import Certificate, LegalWorkPeriod, Membership, Person, Posting, Suspension
from tests.advisors.factories import make_engagement
from tests.conftest import PASSWORD
from tests.lawyers.factories import id_number, practice_number

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREEN = {"width": 1366, "height": 768}
IMPORT = "/lawyers/history/import/"
TEMPLATE = "/lawyers/history/import/template/"
SHEETS = ["说明", "人员", "任职", "法律工作", "执业证", "暂停执业", "律协会员"]
MODELS = (Person, Posting, LegalWorkPeriod, Certificate, Suspension, Membership)
CJK = re.compile(r"[\u4e00-\u9fff]")
# A Latin word in the Chinese UI: a message or label left untranslated (a certificate or ID number, a
# date, "A类", "Excel" or a file's extension are not words of this kind).
ENGLISH_WORD = re.compile(r"(?<![A-Za-z])(?!(?:Excel|WPS|xlsx|xls|ods|csv)(?![A-Za-z]))[A-Za-z]{3,}(?![A-Za-z])")

MARKET = "城固县市场监督管理局"  # unit_a
LAND = "城固县自然资源局"  # unit_b
YANG = id_number(date(1964, 7, 15), "M")  # 杨光明: certified 2019-05-01, retired 2024-06-30
HUANG = id_number(date(1983, 2, 11), "M")  # 黄建国: certified 2020, revoked 2022-08-01
ZHOU = id_number(date(1990, 10, 3), "F")  # 周丽: qualified legal officer of 自然资源局, certified only in 2024
YANG_NO = practice_number("M", 2019, 201)
HUANG_NO = practice_number("M", 2020, 202)
ZHOU_NO = practice_number("F", 2024, 203)


def county_history(mistakes: bool = False) -> dict:
    """The county's records as the clerk types them into the template: sheet → rows of heading → cell.

    With `mistakes`, 黄建国's posting in 市场监督管理局 is left open although he is also entered as posted in
    自然资源局 from 2021 (two units at once), and 周丽's certificate is dated 2042 instead of 2024."""
    huang_postings = [{"身份证号": HUANG, "单位名称": MARKET, "起始日期": "2017-07-01"}]
    if mistakes:
        huang_postings.append({"身份证号": HUANG, "单位名称": LAND, "起始日期": "2021-01-01"})
    return {
        "人员": [
            {
                "身份证号": YANG,
                "姓名": "杨光明",
                "职务": "法规科科长",
                "从事法律工作年限": 20,
                "上年度公务员考核等次": "称职",
                "法律职业资格证书类别": "A类",
                "法律职业资格证书编号": "A20166107220101",
                "取得法律职业资格年份": 2016,
            },
            {
                "身份证号": HUANG,
                "姓名": "黄建国",
                "职务": "法规科科员",
                "从事法律工作年限": 9,
                "上年度公务员考核等次": "称职",
                "法律职业资格证书类别": "A类",
                "法律职业资格证书编号": "A20186107220102",
                "取得法律职业资格年份": 2018,
            },
            {
                "身份证号": ZHOU,
                "姓名": "周丽",
                "性别": "女",
                "职务": "政策法规股股长",
                "从事法律工作年限": 8,
                "上年度公务员考核等次": "优秀",
                "法律职业资格证书类别": "A类",
                "法律职业资格证书编号": "A20176107220103",
                "取得法律职业资格年份": 2017,
                "取得资格日期": "2017-12-20",
            },
        ],
        "任职": [
            {"身份证号": YANG, "单位名称": MARKET, "起始日期": date(2015, 3, 1), "截止日期": date(2024, 6, 30)},
            *huang_postings,
            {"身份证号": ZHOU, "单位名称": LAND, "起始日期": "2016-09-01"},
        ],
        "法律工作": [
            {"身份证号": YANG, "起始日期": "2015-03-01", "截止日期": "2024-06-30"},
            {"身份证号": HUANG, "起始日期": "2017-07-01"},
            {"身份证号": ZHOU, "起始日期": "2016-09-01"},
        ],
        "执业证": [
            {
                "执业证号": YANG_NO,
                "持证人身份证号": YANG,
                "发证日期": "2019-05-01",
                "终止日期": "2024-06-30",
                "终止方式": "注销",
                "注销原因": "退休",
            },
            {
                "执业证号": HUANG_NO,
                "持证人身份证号": HUANG,
                "发证日期": "2020-03-16",
                "终止日期": "2022-08-01",
                "终止方式": "吊销",
                "终止说明": "违规收取当事人代理费",
            },
            {"执业证号": ZHOU_NO, "持证人身份证号": ZHOU, "发证日期": "2042-03-01" if mistakes else "2024-03-01"},
        ],
        "暂停执业": [
            {
                "执业证号": HUANG_NO,
                "暂停起始日期": "2022-05-10",
                "恢复执业日期": "2022-08-01",
                "暂停原因": "涉嫌违规收费，立案调查",
            },
        ],
        "律协会员": [
            {"身份证号": YANG, "会员编号": "SXLX-2019-0201", "入会日期": "2019-06-01"},
            {"身份证号": HUANG, "会员编号": "SXLX-2020-0202", "入会日期": "2020-04-01"},
        ],
    }


def filled(template: bytes, folder, name: str, facts: dict):
    """The downloaded template with the rows typed in under its own Chinese headings."""
    workbook = load_workbook(BytesIO(template))
    for title, rows in facts.items():
        sheet = workbook[title]
        headings = [cell.value for cell in sheet[1]]
        for row in rows:
            unknown = set(row) - set(headings)
            assert not unknown, f"the template's sheet {title} has no column {unknown}"
            sheet.append([row.get(heading) for heading in headings])
    path = folder / name
    workbook.save(path)
    return path


def stored() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def upload(browser, path, shot: str):
    browser.page.set_input_files("#id_file", str(path))
    browser.submit(browser.page.locator("form[enctype='multipart/form-data'] button[type=submit]"), shot)


def sheet_counts(page) -> dict:
    """The preview's table as the clerk reads it: sheet → (new, changed, unchanged)."""
    counts = {}
    for row in page.locator("[data-history-counts] tbody tr").all():
        cells = [cell.inner_text().strip() for cell in row.locator("td").all()]
        counts[cells[0]] = tuple(int(cell) for cell in cells[1:4])
    return counts


def links_open(browser, where: str):
    """Every link of the page's content opens for this user: no 403, no dead address."""
    hrefs = browser.page.eval_on_selector_all("main a[href]", "links => links.map(link => link.getAttribute('href'))")
    for href in sorted({href for href in hrefs if href.startswith("/")}):
        status = browser.page.request.get(browser.url(href)).status
        assert status == 200, f"{where}: the link {href} answers HTTP {status}"


def no_english(text: str, where: str):
    words = ENGLISH_WORD.findall(text)
    assert not words, f"English words on {where}: {words}"


def read_page(browser, where: str):
    """What a clerk checks on every page: all of it in Chinese, and every link in it going somewhere."""
    no_english(browser.page.locator("main").inner_text(), where)
    links_open(browser, where)


def test_the_bureau_imports_the_county_history_and_the_county_office_reads_it(browser, users, unit_a, unit_b, tmp_path):
    page = browser.page
    page.set_viewport_size(SCREEN)
    browser.give_authenticator(users["justice"])
    browser.give_authenticator(users["county"])

    # 1. The justice bureau finds the import in the menu, under 公职律师, and downloads the template.
    browser.login("justice", PASSWORD)
    page.locator("nav .dropdown-toggle", has_text="公职律师").click()
    entry = page.locator(f"nav a.dropdown-item[href='{IMPORT}']")
    assert entry.inner_text().strip() == "历史数据导入"
    browser.shot("menu")
    browser.submit(entry, "history-import")
    assert page.locator("h1").inner_text().strip() == "历史数据导入"
    read_page(browser, "the import page")
    with page.expect_download() as download_info:
        page.click(f"a[href='{TEMPLATE}']")
    template = download_info.value.path().read_bytes()
    workbook = load_workbook(BytesIO(template))
    assert workbook.sheetnames == SHEETS  # the instructions first, every sheet named in Chinese
    instructions = [cell.value for cell in workbook["说明"]["A"] if cell.value]
    assert instructions[0] == "城固县公职律师历史数据导入模板"
    assert all(CJK.search(str(line)) for line in instructions)
    for row in workbook["说明"].iter_rows(values_only=True):
        no_english(" ".join(str(cell) for cell in row if cell), "the template's instructions")
    assert [cell.value for cell in workbook["执业证"][1]][:3] == ["执业证号", "持证人身份证号", "发证日期"]

    # The first try has two slips: nothing is imported, and each is named by its sheet, row and column.
    upload(browser, filled(template, tmp_path, "城固县历史数据.xlsx", county_history(mistakes=True)), "refused")
    preview = page.locator("[data-history-preview]")
    assert "共 3 个错误，未导入任何数据" in preview.locator(".alert-danger").inner_text()
    assert page.locator("input[name=token]").count() == 0  # nothing to confirm
    errors = [item.inner_text().strip() for item in page.locator(".import-errors li.text-danger").all()]
    # 黄建国's two postings (rows 3 and 4 of 任职) overlap: each row says so and names the other.
    assert errors[0].startswith("【任职】第3行【起始日期】该人员在2021-01-01 – 至今期间已有任职记录"), errors
    assert errors[0].endswith("与之重叠的任职：第4行，城固县自然资源局。"), errors
    assert errors[1].startswith("【任职】第4行【起始日期】该人员在2017-07-01 – 至今期间已有任职记录"), errors
    assert errors[1].endswith("与之重叠的任职：第3行，城固县市场监督管理局。"), errors
    assert errors[2] == "【执业证】第4行【发证日期】日期2042-03-01晚于今天。", errors
    assert len(errors) == 3
    # The sheets with errors are marked in the table and link to their messages.
    assert [row.get_attribute("data-sheet") for row in page.locator("tr.table-danger").all()] == [
        "postings",
        "certificates",
    ]
    read_page(browser, "the refused preview")
    assert stored() == dict.fromkeys(stored(), 0)

    # 2. The corrected workbook: every sheet's rows are new; confirmed, the history is imported.
    fixed = filled(template, tmp_path, "城固县历史数据（修改后）.xlsx", county_history())
    upload(browser, fixed, "preview")
    assert page.locator(".import-errors li").count() == 0
    assert sheet_counts(page) == {
        "人员": (3, 0, 0),
        "任职": (3, 0, 0),
        "法律工作": (3, 0, 0),
        "执业证": (3, 0, 0),
        "暂停执业": (1, 0, 0),
        "律协会员": (2, 0, 0),
    }
    assert (
        page.locator("[data-history-verdict]").inner_text().strip()
        == "所有行均有效：新增 15 条，变更 0 条，未变 0 条。"
    )
    read_page(browser, "the preview")
    confirm = page.locator("form:has(input[name=token]) button[type=submit]")
    assert confirm.inner_text().strip() == "导入历史数据"
    browser.submit(confirm, "imported")
    assert browser.path == IMPORT
    done = page.locator(".alert-success").inner_text().strip()
    assert done.startswith("历史数据已导入。人员：新增 3 条，变更 0 条，未变 0 条；任职：新增 3 条"), done
    assert done.endswith("律协会员：新增 2 条，变更 0 条，未变 0 条。"), done
    assert stored() == {
        "Person": 3,
        "Posting": 3,
        "LegalWorkPeriod": 3,
        "Certificate": 3,
        "Suspension": 1,
        "Membership": 2,
    }
    logged = AuditEvent.objects.get(object_type="lawyers.history", outcome="success")
    assert (logged.actor, logged.object_repr) == (users["justice"], "城固县历史数据（修改后）.xlsx")
    yang = Person.objects.with_id_numbers([YANG]).get()
    assert yang.unit == unit_a and yang.postings.get().ended_on == date(2024, 6, 30)
    assert Certificate.objects.get(number=YANG_NO).cancellation_reason == "retired"
    assert Certificate.objects.get(number=HUANG_NO).status == "revoked"
    # The page says where the imported records are; the people list has the three of them.
    next_steps = page.locator("[data-history-next] a")
    assert next_steps.all_inner_texts() == ["人员摸排", "公职律师名册", "覆盖情况看板"]
    browser.submit(next_steps.first, "people")
    listed = page.locator("main table tbody").inner_text()
    assert all(name in listed for name in ("杨光明", "黄建国", "周丽")), listed
    read_page(browser, "the people list")
    page.go_back()
    assert browser.path == IMPORT

    # 3. The same workbook again: nothing new, nothing changed, and nothing to confirm.
    upload(browser, fixed, "preview-again")
    assert set(sheet_counts(page).values()) == {(0, 0, 3), (0, 0, 1), (0, 0, 2)}
    verdict = page.locator("[data-history-verdict]").inner_text()
    assert "新增 0 条，变更 0 条，未变 15 条" in verdict and "无需导入" in verdict, verdict
    assert page.locator("input[name=token]").count() == 0
    assert AuditEvent.objects.filter(object_type="lawyers.history", outcome="success").count() == 1
    browser.logout()

    # 自然资源局 engaged a legal advisor for 2023-2024 (the history workbook carries no engagements).
    make_engagement(users["officer_b"], name="王顾问", starts_on=date(2023, 1, 1), ends_on=date(2024, 12, 31))
    assert Engagement.objects.filter(unit=unit_b).count() == 1

    # 4. The county office reads the dashboard as of the end of 2023.
    browser.login("county", PASSWORD)
    page.locator("nav a.nav-link", has_text="覆盖情况").click()
    page.wait_for_url("**/coverage/")
    page.fill("#id_as_of", "2023-12-31")
    browser.submit(page.locator("form:has(#id_as_of) button[type=submit]"), "dashboard-2023-12-31")
    assert browser.path == "/coverage/?as_of=2023-12-31"
    read_page(browser, "the dashboard")
    r12 = page.locator("[data-findings=r12]")
    assert r12.locator("li").all_inner_texts() == [f"{LAND} — 1 名具备资格的专职法律工作人员"]
    advisor_only = page.locator("[data-findings=advisor-only]")
    assert advisor_only.locator("li").all_inner_texts() == [f"{LAND} — 王顾问"]
    heading = page.locator("h3:has(+ p + [data-findings=advisor-only])").inner_text()
    assert heading == "有具备资格的专职法律工作人员、仅由法律顾问覆盖的单位"
    # The headcount at each year's end: both lawyers in 2021, the revoked one gone in 2022 (a fall).
    headcount = page.locator("[data-table=headcount]")
    assert [cell.strip() for cell in headcount.locator("thead th").all_inner_texts()] == [
        "单位",
        "2021",
        "2022",
        "2023",
    ]
    county_row = headcount.locator("tbody tr").nth(0).locator("td").all_inner_texts()
    assert [cell.strip() for cell in county_row] == ["全县合计", "2", "1", "1"]
    market_row = headcount.locator("tbody tr", has_text=MARKET)
    assert [cell.strip() for cell in market_row.locator("td").all_inner_texts()] == [MARKET, "2", "1", "1"]
    assert market_row.get_attribute("data-fell") == "2022"
    assert headcount.locator("tbody tr", has_text=LAND).count() == 0  # no public lawyer there in 2021-2023

    # Each unit named leads to its coverage history: 自然资源局's advisor never counted, 周丽 did from 2024.
    browser.submit(advisor_only.locator("a", has_text=LAND), "land-history")
    assert page.locator("h1").inner_text().strip() == f"{LAND}覆盖历史"
    periods = {
        cells[0]: cells[1:]
        for row in page.locator("[data-table=history] tbody tr").all()
        for cells in [[cell.strip() for cell in row.locator("td").all_inner_texts()]]
    }
    assert periods["2023-01-01"] == [
        "2024-02-29",
        "否",
        "否",
        "法律顾问王顾问（不计入：本单位有具备资格的专职法律工作人员）",
    ]
    assert periods["2024-03-01"][:3] == ["2024-12-31", "是", "是"] and "公职律师周丽" in periods["2024-03-01"][3]
    read_page(browser, "the coverage history of 自然资源局")
    page.go_back()
    browser.submit(market_row.locator("a"), "market-history")
    periods = page.locator("[data-table=history] tbody").inner_text()
    assert "杨光明" in periods and "黄建国" in periods and "2024-06-30" in periods
    read_page(browser, "the coverage history of 市场监督管理局")
    browser.logout()

    # The justice bureau opens the revoked lawyer from the register: the licence rule is unmet, with the date.
    browser.login("justice", PASSWORD)
    page.locator("nav .dropdown-toggle", has_text="公职律师").click()
    browser.submit(page.locator("nav a.dropdown-item[href='/lawyers/register/']"), "register")
    read_page(browser, "the register")
    browser.submit(page.locator("tr", has_text=HUANG_NO).locator("a", has_text="黄建国"), "revoked-lawyer")
    huang = Person.objects.with_id_numbers([HUANG]).get()
    assert browser.path == f"/lawyers/people/{huang.pk}/"
    licence = page.locator("[data-checklist] li", has_text="吊销")
    assert licence.get_attribute("data-met") == "no"
    assert f"公职律师执业证 {HUANG_NO} 已于 2022-08-01 被吊销" in licence.inner_text()
    assert page.locator("[data-checklist] li[data-met=no]").count() == 1
    read_page(browser, "the revoked lawyer's page")
