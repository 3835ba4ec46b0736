"""The unit registry import: template, preview with every row's errors, all-or-nothing commit, re-import."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from chenggu_lawyers.models import AuditEvent
from tests.spreadsheets import ods, upload, xls, xlsx, xlsx_from_template
from units.models import SystemOrganisation, Unit

pytestmark = pytest.mark.django_db

IMPORT = reverse("units:unit_import")
TEMPLATE = reverse("units:unit_template")
HEADERS = [
    "名称",
    "类别",
    "具有行政执法权",
    "管理模式",
    "上级主管机关",
    "区划代码",
    "统一社会信用代码",
    "法治工作机构联系人",
    "法治工作机构联系电话",
    "设立日期",
    "撤销日期",
]
GOOD_ROWS = [
    ["博望街道", "镇（街道）", "是", "属地管理", "", "610722001", "", "", "", "", ""],
    [
        "国家税务总局城固县税务局",
        "中省市驻城单位",
        "是",
        "垂直管理",
        "国家税务总局汉中市税务局",
        "",
        "",
        "王五",
        "0916-1234567",
        "2018-07-20",
        "",
    ],
]


def template(client):
    return b"".join(client.get(TEMPLATE).streaming_content)


def preview(client, content, name="units.xlsx"):
    return client.post(IMPORT, {"file": upload(content, name)})


def confirm(client, response):
    return client.post(IMPORT, {"token": response.context["token"]}, follow=True)


def test_it_offers_a_template_with_dropdowns_and_instructions(login):
    workbook = load_workbook(BytesIO(template(login("county"))))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS
    validated = {str(ref) for validation in sheet.data_validations.dataValidation for ref in validation.sqref.ranges}
    assert {"B2:B5000", "C2:C5000", "D2:D5000"} <= validated
    assert "填写说明" in workbook.sheetnames


def test_it_imports_a_good_file_after_the_preview(login):
    client = login("county")
    response = preview(client, xlsx_from_template(template(client), GOOD_ROWS))
    assert response.context["preview"].ok
    assert Unit.objects.count() == 2  # only the fixtures' units: the preview wrote nothing
    page = confirm(client, response)
    assert "导入 2 行" in page.content.decode()
    tax = Unit.objects.get(name="国家税务总局城固县税务局")
    assert tax.superior.name == "国家税务总局汉中市税务局"
    assert tax.legal_office_contact == "王五"
    assert str(tax.established_on) == "2018-07-20"
    assert AuditEvent.objects.filter(action="import", object_type="units.unit").exists()


def test_it_lists_every_bad_row_in_chinese_and_writes_nothing(login):
    client = login("county")
    superiors = SystemOrganisation.objects.count()
    rows = [
        GOOD_ROWS[0],
        ["某镇", "乡村", "是", "属地管理", "", "", "", "", "", "", ""],
        ["某垂管局", "中省市驻城单位", "也许", "垂直管理", "", "", "", "", "", "", ""],
        ["博望街道", "镇（街道）", "是", "属地管理", "", "", "", "", "", "", ""],
        ["某局", "县级党政机关工作部门", "否", "属地管理", "", "", "", "", "", "2020-13-01", ""],
    ]
    response = preview(client, xlsx_from_template(template(client), rows))
    result = response.context["preview"]
    assert not result.ok
    errors = {row.number: " ".join(row.errors) for row in result.rows}
    assert errors[2] == ""
    assert "【类别】" in errors[3] and "乡村" in errors[3]
    assert "【具有行政执法权】" in errors[4] and "上级主管机关" in errors[4]
    assert "第 2 行" in errors[5]
    assert "【设立日期】" in errors[6]
    assert "没有导入任何数据" in response.content.decode()
    # Even a forged confirmation of the rejected file writes nothing.
    client.post(IMPORT, {"token": response.context["token"]})
    assert not Unit.objects.filter(name__in=["博望街道", "某局"]).exists()
    assert SystemOrganisation.objects.count() == superiors


def test_it_updates_on_reimport_instead_of_duplicating(login):
    client = login("county")
    content = xlsx_from_template(template(client), GOOD_ROWS)
    confirm(client, preview(client, content))
    changed = [row[:] for row in GOOD_ROWS]
    changed[0][2] = "否"
    response = preview(client, xlsx_from_template(template(client), changed))
    assert response.context["preview"].updated_count == 2
    confirm(client, response)
    assert Unit.objects.filter(name="博望街道").count() == 1
    assert Unit.objects.get(name="博望街道").law_enforcement is False
    assert SystemOrganisation.objects.filter(name="国家税务总局汉中市税务局").count() == 1


def test_it_names_missing_columns(login):
    client = login("county")
    response = preview(client, xlsx([["名称", "类别"], ["博望街道", "镇（街道）"]]))
    error = response.context["preview"].file_error
    assert "具有行政执法权" in error and "管理模式" in error


def test_it_rejects_a_file_that_is_not_a_spreadsheet(login):
    response = preview(login("county"), b"name,kind\n", name="units.xlsx")
    assert response.context["form"].errors["file"]
    assert "不是" in response.content.decode()


@pytest.mark.parametrize("maker,name", [(xls, "units.xls"), (ods, "units.ods")])
def test_it_reads_xls_and_ods_files(login, maker, name):
    client = login("county")
    response = preview(client, maker([HEADERS, *GOOD_ROWS], sheet_title="单位"), name=name)
    assert response.context["preview"].ok, response.context["preview"].rows[0].errors
    confirm(client, response)
    assert Unit.objects.filter(name__in=["博望街道", "国家税务总局城固县税务局"]).count() == 2


def test_it_warns_about_a_credit_code_checksum_without_blocking(login):
    client = login("county")
    row = GOOD_ROWS[0][:]
    row[6] = "11610722MB1234567X"
    response = preview(client, xlsx_from_template(template(client), [row]))
    result = response.context["preview"]
    assert result.ok
    assert "校验" in result.rows[0].warnings[0]


def test_it_keeps_other_roles_out_of_the_import(login):
    assert login(None).get(IMPORT).status_code == 302
    for name in ("officer_a", "justice", "sysadmin"):
        assert login(name).get(IMPORT).status_code == 403
        assert login(name).get(TEMPLATE).status_code == 403


def test_it_refuses_a_token_from_another_session(login):
    owner = login("county")
    response = preview(owner, xlsx_from_template(template(owner), GOOD_ROWS))
    stranger = login("justice")
    assert stranger.post(IMPORT, {"token": response.context["token"]}).status_code == 403
    other_county = login("county")
    other_county.post(IMPORT, {"token": response.context["token"]})
    assert not Unit.objects.filter(name="博望街道").exists()
