"""Commission letters (委托公函, R3.4) as .docx in the layout of Chinese official documents (GB/T 9704-2012).

The letter is an official document addressed to a court or an arbitration body, so its text is Chinese
whatever language the portal's interface is in; only the interface around it is translated.

Layout (GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm
text block); title in 方正小标宋简体 二号 (22 pt), centred; body in 仿宋_GB2312 三号 (16 pt), 22 lines a page
(exact line spacing 28.95 pt), first-line indent of two characters; the addressee flush left with a
full-width colon; the issuing organ and the date (Arabic numerals, 2025年3月1日) at the bottom right, the
date four characters from the right margin and the organ centred above it, with room for the seal.
Word and WPS pick a Chinese font from the run's w:eastAsia attribute, so every run sets it.
"""

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .choices import Authority

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
LINE_SPACING = Pt(28.95)  # 225 mm of text block / 22 lines
INDENT = Pt(32)  # two characters of 三号
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
TITLE = "公职律师委托函"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

AUTHORITY_TEXT = {
    Authority.GENERAL: "一般代理。",
    Authority.SPECIAL: "特别授权，代为承认、放弃、变更请求，进行和解、调解，提起反请求或者上诉，代为签收法律文书。",
}


@dataclass(frozen=True)
class LetterLawyer:
    name: str
    practice_number: str


@dataclass(frozen=True)
class CommissionLetter:
    """What a commission letter says; `matter_letter` in services fills it from a matter."""

    addressee: str  # the court, reconsideration organ or arbitration commission
    organ: str  # the issuing unit
    case: str  # "……诉……行政处罚一案（当事人……）"
    proceeding: str  # 诉讼 / 复议 / 仲裁
    lawyers: tuple[LetterLawyer, ...]
    issued_on: date
    authority: str = Authority.GENERAL
    case_number: str = ""
    our_role: str = ""  # 原告（申请人）, 被告（被申请人）, 第三人
    contact: str = ""


def chinese_date(day: date) -> str:
    # GB/T 9704-2012 7.3.5.1: the date in Arabic numerals, year in full, month and day without a leading zero.
    return f"{day.year}年{day.month}月{day.day}日"


def _fonts(run, name: str, size) -> None:
    run.font.name = name
    run.font.size = size
    run_properties = run._element.get_or_add_rPr()
    run_properties.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, *, indent: bool = True, align=None, right_chars: float = 0):
    paragraph = document.add_paragraph()
    layout = paragraph.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = LINE_SPACING
    layout.space_before = layout.space_after = Pt(0)
    if indent:
        layout.first_line_indent = INDENT
        # Also in characters, so WPS keeps two characters if the reader changes the font size.
        paragraph._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    if align is not None:
        paragraph.alignment = align
    if right_chars:
        layout.right_indent = Pt(16 * right_chars)
    if text:
        _fonts(paragraph.add_run(text), BODY_FONT, BODY_SIZE)
    return paragraph


def _visual_width(text: str) -> float:
    """Width in 三号 characters: digits and Latin letters take half a character."""
    return sum(0.5 if ord(char) < 0x2E80 else 1 for char in text)


def _set_default_fonts(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def _set_page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for name, value in MARGINS.items():
        setattr(section, name, value)
    # 22 lines of 28.95 pt on each page, as the standard's text block asks.
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE_SPACING.pt * 20)))
    for existing in section._sectPr.findall(qn("w:docGrid")):
        section._sectPr.remove(existing)
    section._sectPr.append(grid)


def lawyer_list(lawyers) -> str:
    return "、".join(f"{lawyer.name}（律师执业证号：{lawyer.practice_number or '——'}）" for lawyer in lawyers)


def body_paragraphs(letter: CommissionLetter) -> list[str]:
    case = letter.case + (f"（案号：{letter.case_number}）" if letter.case_number else "")
    role = f"，我单位系该案{letter.our_role}" if letter.our_role else ""
    return [
        f"关于{case}{role}。现委托公职律师{lawyer_list(letter.lawyers)}作为我单位的代理人，"
        f"参加该案的{letter.proceeding}活动。",
        f"代理权限：{AUTHORITY_TEXT[Authority(letter.authority)]}",
        "受托人依法取得公职律师执业证书，在我单位授权范围内履行代理职责，请予接洽为盼。",
        "特此函告。",
    ]


def render_docx(letter: CommissionLetter) -> bytes:
    """The letter as a .docx file, ready to print and stamp."""
    document = Document()
    _set_default_fonts(document)
    _set_page(document)
    document.core_properties.title = TITLE
    document.core_properties.author = letter.organ

    title = _paragraph(document, "", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _fonts(title.add_run(TITLE), TITLE_FONT, TITLE_SIZE)
    _paragraph(document, "", indent=False)
    _paragraph(document, f"{letter.addressee}：", indent=False)
    for text in body_paragraphs(letter):
        _paragraph(document, text)
    if letter.contact:
        _paragraph(document, letter.contact)
    # Room for the seal, which presses on the organ's name and the date.
    for _blank in range(3):
        _paragraph(document, "", indent=False)
    day = chinese_date(letter.issued_on)
    date_right = 4
    organ_right = max(0, date_right + (_visual_width(day) - _visual_width(letter.organ)) / 2)
    _paragraph(document, letter.organ, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=organ_right)
    _paragraph(document, day, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=date_right)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
