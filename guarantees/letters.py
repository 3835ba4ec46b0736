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
from docx.enum.text import WD_ALIGN_PARAGRAPH

from chenggu_lawyers.official_documents import (
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_date,
    set_default_fonts,
    set_page,
    set_run_fonts,
    visual_width,
)

from .choices import Authority

TITLE = "公职律师委托函"

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
    set_default_fonts(document)
    set_page(document)
    document.core_properties.title = TITLE
    document.core_properties.author = letter.organ

    title = add_paragraph(document, "", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    set_run_fonts(title.add_run(TITLE), TITLE_FONT, TITLE_SIZE)
    add_paragraph(document, "", indent=False)
    add_paragraph(document, f"{letter.addressee}：", indent=False)
    for text in body_paragraphs(letter):
        add_paragraph(document, text)
    if letter.contact:
        add_paragraph(document, letter.contact)
    # Room for the seal, which presses on the organ's name and the date.
    for _blank in range(3):
        add_paragraph(document, "", indent=False)
    day = chinese_date(letter.issued_on)
    date_right = 4
    organ_right = max(0, date_right + (visual_width(day) - visual_width(letter.organ)) / 2)
    add_paragraph(document, letter.organ, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=organ_right)
    add_paragraph(document, day, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=date_right)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
