"""The layout of Chinese official documents (GB/T 9704-2012) for the .docx files the portal writes: the
commission letter (guarantees/letters.py) and the unit's yearly summary (assessments/documents.py).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block); title in
方正小标宋简体 二号 (22 pt); body in 仿宋_GB2312 三号 (16 pt), 22 lines a page (exact line spacing 28.95 pt),
first-line indent of two characters. Word and WPS pick a Chinese font from the run's w:eastAsia attribute,
so every run sets it.
"""

from datetime import date

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
LINE_SPACING = Pt(28.95)  # 225 mm of text block / 22 lines
INDENT = Pt(32)  # two characters of 三号
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def chinese_date(day: date) -> str:
    # GB/T 9704-2012 7.3.5.1: the date in Arabic numerals, year in full, month and day without a leading zero.
    return f"{day.year}年{day.month}月{day.day}日"


def set_run_fonts(run, name: str, size) -> None:
    run.font.name = name
    run.font.size = size
    run_properties = run._element.get_or_add_rPr()
    run_properties.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def add_paragraph(document, text: str, *, indent: bool = True, align=None, right_chars: float = 0):
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
        set_run_fonts(paragraph.add_run(text), BODY_FONT, BODY_SIZE)
    return paragraph


def visual_width(text: str) -> float:
    """Width in 三号 characters: digits and Latin letters take half a character."""
    return sum(0.5 if ord(char) < 0x2E80 else 1 for char in text)


def set_default_fonts(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def set_page(document) -> None:
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
