"""The commission letter's .docx: what it says and the GB/T 9704-2012 layout, read back with python-docx."""

from datetime import date
from io import BytesIO

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from guarantees.letters import CommissionLetter, LetterLawyer, chinese_date, render_docx


def letter(**fields):
    defaults = {
        "addressee": "城固县人民法院",
        "organ": "城固县市场监督管理局",
        "case": "原告汉中某商贸有限公司诉我单位行政处罚一案",
        "proceeding": "诉讼",
        "lawyers": (LetterLawyer("甲律师", "16107202360000001"), LetterLawyer("乙律师", "16107202361000002")),
        "issued_on": date(2025, 3, 1),
        "case_number": "（2025）陕0722行初12号",
    }
    return CommissionLetter(**{**defaults, **fields})


def read(letter_) -> docx.Document:
    return docx.Document(BytesIO(render_docx(letter_)))


def texts(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if paragraph.text]


def east_asian_font(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_it_writes_the_title_addressee_lawyers_organ_and_date():
    lines = texts(read(letter()))
    assert lines[0] == "公职律师委托函"
    # The addressee flush left, with a full-width colon.
    assert lines[1] == "城固县人民法院："
    body = "".join(lines[2:])
    assert "甲律师（律师执业证号：16107202360000001）、乙律师（律师执业证号：16107202361000002）" in body
    assert "原告汉中某商贸有限公司诉我单位行政处罚一案（案号：（2025）陕0722行初12号）" in body
    assert "参加该案的诉讼活动" in body and "代理权限：一般代理。" in body
    assert lines[-2:] == ["城固县市场监督管理局", "2025年3月1日"]


def test_it_states_special_authority_and_leaves_out_a_missing_case_number():
    body = "".join(texts(read(letter(authority="special", case_number="", proceeding="仲裁"))))
    assert "代理权限：特别授权" in body and "案号" not in body and "参加该案的仲裁活动" in body


def test_it_writes_the_date_in_arabic_numerals_without_leading_zeros():
    assert chinese_date(date(2025, 10, 1)) == "2025年10月1日"
    assert chinese_date(date(2026, 1, 9)) == "2026年1月9日"


def test_it_lays_out_an_a4_page_with_the_standard_margins():
    section = read(letter()).sections[0]

    def mm(length):
        return round(length / Mm(1), 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37.0, 35.0)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28.0, 26.0)


def test_it_sets_the_title_in_xiaobiaosong_22pt_centred():
    title = read(letter()).paragraphs[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    (run,) = title.runs
    assert run.font.name == "方正小标宋简体" and east_asian_font(run) == "方正小标宋简体"
    assert run.font.size == Pt(22)


def test_it_sets_the_body_in_fangsong_16pt_with_fixed_lines_and_a_two_character_indent():
    document = read(letter())
    body = [paragraph for paragraph in document.paragraphs[1:] if paragraph.text]
    for paragraph in body:
        for run in paragraph.runs:
            assert run.font.name == "仿宋_GB2312" and east_asian_font(run) == "仿宋_GB2312"
            assert run.font.size == Pt(16)
        layout = paragraph.paragraph_format
        assert layout.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert Pt(28) <= layout.line_spacing <= Pt(29)
    addressee, first = body[0], body[1]
    assert addressee.paragraph_format.first_line_indent in (None, 0)
    assert first.paragraph_format.first_line_indent == Pt(32)
    # The default style names the Chinese font too, so text typed later in WPS or Word keeps it.
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_it_puts_the_organ_and_date_at_the_bottom_right_with_room_for_the_seal():
    paragraphs = read(letter()).paragraphs
    organ, day = paragraphs[-2], paragraphs[-1]
    assert organ.alignment == day.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # The date four characters from the right margin; blank lines above the organ for the seal.
    assert day.paragraph_format.right_indent == Pt(64)
    assert [paragraph.text for paragraph in paragraphs[-5:-2]] == ["", "", ""]
