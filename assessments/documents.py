"""A unit's yearly summary as .docx (for printing and the seal) and as .xlsx (the figures in a sheet).

The .docx is an official document sent to the county office, so, like the commission letter, it is written in
Chinese whatever the interface's language (`render_docx` switches to the portal's language while it writes)
and laid out as the letter is (GB/T 9704-2012, chenggu_lawyers/official_documents.py): A4 with the
standard's margins, the title in 方正小标宋简体 二号, first-level headings 一、二、… in 黑体 三号, body text in
仿宋_GB2312 三号 with exact 28.95 pt lines, the organ and the date at the bottom right. Tables use 仿宋_GB2312 四号.

The .xlsx is in the reader's language, like every export, through `chenggu_lawyers.spreadsheets`, which writes
a cell beginning with = + - @ as text, so nothing the unit typed runs as a formula.
"""

from datetime import date
from io import BytesIO

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from chenggu_lawyers.official_documents import (  # the commission letter's layout too, so both read alike
    BODY_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_date,
    set_default_fonts,
    set_page,
    set_run_fonts,
    visual_width,
)
from chenggu_lawyers.punctuation import join_clauses

from .summaries import Figures

HEADING_FONT = "黑体"
TABLE_SIZE = Pt(14)  # 四号
NUMERALS = "一二三四五六七八九十"


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _change(value) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)


def summary_title(summary) -> str:
    return _("%(unit)s: progress summary of public-lawyer work in %(year)s") % {
        "unit": summary.unit.name,
        "year": summary.year.year,
    }


def sections(summary, figures: Figures, day_format=date.isoformat) -> list[tuple[str, list]]:
    """The summary as (heading, parts); a part is a paragraph (str) or a table ([header row, *rows])."""
    coverage, headcount, training = figures.coverage, figures.headcount, figures.training
    if coverage["active"]:
        standing = [
            _("Has a public lawyer: %(answer)s.") % {"answer": _yes_no(coverage["has_lawyer"])},
            _("Carries out public-lawyer work: %(answer)s.") % {"answer": _yes_no(coverage["carries_out_work"])},
        ]
        if figures.reasons:
            standing.append(_("Because of: %(reasons)s.") % {"reasons": join_clauses(figures.reasons)})
    else:
        standing = [_("The unit was not active on that day.")]
    targets = [
        [_("Target"), _("Your unit counts in it"), _("Your unit is covered"), _("What is missing")],
        *(
            [
                f"{row['code']} {row['name']} (≥ {row['threshold']}%, {row['deadline']})",
                _yes_no(row["member"]),
                _yes_no(row["covered"]) if row["member"] else "—",
                row["path_label"],
            ]
            for row in figures.targets
        ),
    ]
    matters = [
        figures.matter_headers(),
        *([label, *numbers] for label, numbers in figures.matter_rows),
        [_("Total"), *figures.matter_total],
    ]
    total = figures.training_total
    if training["required"] is None:
        plan = _("There is no training plan for %(year)s.") % {"year": summary.year.year}
    else:
        plan = _("The plan asks %(hours)s hours of each public lawyer.") % {"hours": training["required"]}
    hours = [
        plan,
        _("%(lawyers)s public lawyers attended %(hours)s hours in all; %(short)s fall short of the plan.")
        % {"lawyers": len(training["lawyers"]), "hours": total["attended"], "short": total["short"]},
    ]
    if training["lawyers"]:
        hours.append(
            [
                [_("Public lawyer"), _("Hours attended"), _("Shortfall")],
                *([row["name"], row["attended"], row["shortfall"] or "—"] for row in training["lawyers"]),
            ]
        )
    if figures.graded:
        grades = [[[_("Grade"), _("Number of lawyers")], *([label, n] for label, n in figures.grade_rows)]]
    else:
        grades = [_("No result of the unit's lawyers has been published for this year.")]
    return [
        (_("Public-lawyer coverage"), [*standing, targets]),
        (
            _("Headcount"),
            [
                _("Public lawyers on %(day)s: %(now)s; at the end of %(previous)s: %(before)s; change: %(change)s.")
                % {
                    "day": day_format(figures.as_of),
                    "previous": summary.year.year - 1,
                    "now": headcount["year_end"],
                    "before": "—" if headcount["previous_year_end"] is None else headcount["previous_year_end"],
                    "change": _change(headcount["change"]),
                }
            ],
        ),
        (_("Legal matters by category"), [matters]),  # R2.1
        (pgettext("summary heading", "Training"), hours),  # R3.2
        (_("Annual assessment grades"), grades),
        (_("Findings"), figures.findings or [_("None.")]),
        (_("Work done this year"), [summary.work_done or "—"]),
        (_("Problems"), [summary.problems or "—"]),
        (_("Plans for next year"), [summary.plans or "—"]),
    ]


def page_sections(summary, figures: Figures) -> list[tuple[str, list[dict]]]:
    """`sections` for a template: each part as {"table": rows} or {"text": paragraph}."""
    return [
        (heading, [{"table": part} if isinstance(part, list) else {"text": part} for part in parts])
        for heading, parts in sections(summary, figures)
    ]


def _table(document, rows) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            set_run_fonts(paragraph.add_run(str(value)), BODY_FONT, TABLE_SIZE)


def _heading(document, text: str) -> None:
    paragraph = add_paragraph(document, "")
    set_run_fonts(paragraph.add_run(text), HEADING_FONT, Pt(16))


def render_docx(summary, figures: Figures) -> bytes:
    """The summary as a .docx file in Chinese, ready to print and stamp."""
    with translation.override(settings.LANGUAGE_CODE):
        document = Document()
        set_default_fonts(document)
        set_page(document)
        title_text = summary_title(summary)
        document.core_properties.title = title_text
        document.core_properties.author = summary.unit.name

        title = add_paragraph(document, "", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        set_run_fonts(title.add_run(title_text), TITLE_FONT, TITLE_SIZE)
        add_paragraph(
            document,
            _("(Figures as of %(day)s)") % {"day": chinese_date(figures.as_of)},
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
        add_paragraph(document, "", indent=False)
        for number, (heading, parts) in enumerate(sections(summary, figures, day_format=chinese_date)):
            _heading(document, f"{NUMERALS[number]}、{heading}")
            for part in parts:
                if isinstance(part, list):
                    _table(document, part)
                else:
                    for line in str(part).splitlines() or [""]:
                        add_paragraph(document, line)
        for _blank in range(3):
            add_paragraph(document, "", indent=False)
        # The day the unit sent it (kept when the committee approves it); a draft is dated today.
        sent = summary.figures_frozen
        day = chinese_date(timezone.localdate(summary.submitted_at) if sent else timezone.localdate())
        date_right = 4
        organ = summary.unit.name
        organ_right = max(0, date_right + (visual_width(day) - visual_width(organ)) / 2)
        add_paragraph(document, organ, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=organ_right)
        add_paragraph(document, day, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=date_right)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_rows(summary, figures: Figures) -> list[list]:
    """Every section in one sheet, one table after another, as the county overview's export does."""
    rows = []
    for heading, parts in sections(summary, figures):
        rows.append([heading])
        for part in parts:
            if isinstance(part, list):
                rows.extend(part)
            else:
                rows.append([part])
        rows.append([])
    return rows
