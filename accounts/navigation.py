"""What each role finds in the menu and on its home page (DOMAIN.md, "Who uses the portal")."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chenggu_lawyers.search import SEARCHERS

from .choices import Role

R = Role


@dataclass(frozen=True)
class NavItem:
    label: object
    url_name: str
    icon: str
    roles: frozenset
    group: object = None  # items of one group form a dropdown


COUNTY = frozenset({R.COUNTY_OFFICE, R.JUSTICE_BUREAU})
UNIT_ROLES = frozenset({R.UNIT_OFFICER, R.COMMITTEE_MEMBER, R.PUBLIC_LAWYER})
# Menu groups are short words (context "menu" where the word is used elsewhere too), so the bar fits a
# 1366-pixel screen in English as well as in Chinese.
UNIT_GROUP = _("My unit")
MY_WORK_GROUP = _("My work")
LAWYER = frozenset({R.PUBLIC_LAWYER})
REGISTRY_GROUP = pgettext_lazy("menu", "Units")
LAWYERS_GROUP = pgettext_lazy("menu", "Lawyers")
SUPERVISION_GROUP = _("Supervision")
TRAINING_GROUP = _("Training")
ADVISORS_GROUP = pgettext_lazy("menu", "Advisors")
MATTERS_GROUP = pgettext_lazy("menu", "Matters")
MATTER_READERS = COUNTY | {R.UNIT_OFFICER}
TRAINING_READERS = COUNTY | {R.UNIT_OFFICER, R.BAR_ASSOCIATION}

NAV_ITEMS = (
    NavItem(_("Coverage"), "coverage:dashboard", "bi-graph-up", COUNTY),
    NavItem(_("Units"), "units:unit_list", "bi-building", COUNTY, REGISTRY_GROUP),
    NavItem(
        _("Superior organisations"), "units:superior_list", "bi-diagram-3", frozenset({R.COUNTY_OFFICE}), REGISTRY_GROUP
    ),
    NavItem(_("Unit record"), "accounts:my_unit", "bi-building", UNIT_ROLES, UNIT_GROUP),
    NavItem(
        _("Our coverage"),
        "coverage:unit_dashboard",
        "bi-graph-up",
        frozenset({R.UNIT_OFFICER, R.COMMITTEE_MEMBER}),
        UNIT_GROUP,
    ),
    NavItem(_("People"), "lawyers:person_list", "bi-person-vcard", COUNTY | {R.UNIT_OFFICER}, LAWYERS_GROUP),
    NavItem(_("Applications"), "lawyers:application_list", "bi-inbox", COUNTY | {R.UNIT_OFFICER}, LAWYERS_GROUP),
    NavItem(
        _("Register"),
        "lawyers:register",
        "bi-journal-check",
        COUNTY | {R.UNIT_OFFICER, R.BAR_ASSOCIATION},
        LAWYERS_GROUP,
    ),
    NavItem(
        _("Bar membership"),
        "lawyers:membership_list",
        "bi-people",
        COUNTY | {R.UNIT_OFFICER, R.BAR_ASSOCIATION},
        LAWYERS_GROUP,
    ),
    NavItem(
        pgettext_lazy("history import", "History import"),
        "lawyers:history_import",
        "bi-clock-history",
        frozenset({R.JUSTICE_BUREAU}),
        LAWYERS_GROUP,
    ),
    NavItem(_("Matters"), "matters:matter_list", "bi-folder2-open", MATTER_READERS, MATTERS_GROUP),
    # R2.2
    NavItem(_("Decision items"), "matters:decision_item_list", "bi-list-check", MATTER_READERS, MATTERS_GROUP),
    NavItem(
        _("Decisions without an opinion"),
        "matters:decision_report",
        "bi-exclamation-diamond",
        MATTER_READERS,
        MATTERS_GROUP,
    ),
    NavItem(_("Matter statistics"), "matters:statistics", "bi-bar-chart", MATTER_READERS, MATTERS_GROUP),
    NavItem(_("Overtime and leave"), "guarantees:balances", "bi-clock", MATTER_READERS, MATTERS_GROUP),
    NavItem(_("Expense claims"), "guarantees:expense_list", "bi-receipt", MATTER_READERS, MATTERS_GROUP),
    NavItem(_("My matters"), "matters:my_matters", "bi-folder2-open", LAWYER, MY_WORK_GROUP),
    NavItem(_("My overtime"), "guarantees:my_overtime", "bi-clock", LAWYER, MY_WORK_GROUP),
    NavItem(_("My expense claims"), "guarantees:expense_list", "bi-receipt", LAWYER, MY_WORK_GROUP),
    NavItem(_("My training"), "training:my_training", "bi-easel", LAWYER, MY_WORK_GROUP),
    NavItem(_("My assessment results"), "assessments:my_results", "bi-clipboard-check", LAWYER, MY_WORK_GROUP),
    NavItem(
        _("Legal advisors"),
        "advisors:engagement_list",
        "bi-briefcase",
        COUNTY | {R.UNIT_OFFICER},
        ADVISORS_GROUP,
    ),
    NavItem(
        _("Talent pool"),
        "advisors:pool_member_list",
        "bi-collection",
        COUNTY | {R.POOL_OFFICER},
        ADVISORS_GROUP,
    ),
    NavItem(
        _("Dispatch requests"),
        "advisors:dispatch_list",
        "bi-send",
        COUNTY | {R.UNIT_OFFICER, R.POOL_OFFICER, R.PUBLIC_LAWYER},
        ADVISORS_GROUP,
    ),
    NavItem(_("Training events"), "training:event_list", "bi-easel", TRAINING_READERS, TRAINING_GROUP),
    NavItem(_("Training hours"), "training:hours", "bi-hourglass-split", TRAINING_READERS, TRAINING_GROUP),
    NavItem(_("Training plans"), "training:plan_list", "bi-calendar3", TRAINING_READERS, TRAINING_GROUP),
    NavItem(
        _("Annual assessments"),
        "assessments:year_list",
        "bi-clipboard-check",
        COUNTY | {R.UNIT_OFFICER, R.COMMITTEE_MEMBER, R.POOL_OFFICER},
        SUPERVISION_GROUP,
    ),
    NavItem(
        _("Unit summaries"),
        "assessments:summary_years",
        "bi-file-earmark-text",
        # The committee approves its units' summaries (DOMAIN.md, clarifications: R4.3).
        COUNTY | {R.UNIT_OFFICER, R.COMMITTEE_MEMBER, R.POOL_OFFICER},
        SUPERVISION_GROUP,
    ),
    NavItem(
        _("Discipline notices"),
        "discipline:action_list",
        "bi-exclamation-octagon",
        COUNTY | {R.UNIT_OFFICER, R.BAR_ASSOCIATION},
        SUPERVISION_GROUP,
    ),
    NavItem(_("Accounts"), "accounts:user_list", "bi-people", frozenset({R.SYSADMIN})),
    NavItem(_("Audit log"), "audit:event_list", "bi-journal-text", frozenset({R.AUDITOR})),
)


@dataclass(frozen=True)
class Duty:
    title: object
    text: object
    url_name: str | None = None


# A role's duties as its home page lists them; a duty links to its page once the page exists. The texts name
# no requirement numbers (R…): the county's staff know the duties, not DOMAIN.md's numbering.
ROLE_DUTIES = {
    R.COUNTY_OFFICE: (
        Duty(
            _("Unit registry"),
            _("Keep the list of party and government organs, their kinds and law-enforcement powers up to date."),
            "units:unit_list",
        ),
        Duty(
            _("Superior organisations"),
            _("Record the superiors of vertical and dual-led systems."),
            "units:superior_list",
        ),
        Duty(
            _("Qualified staff"),
            _("The survey of every unit's qualified staff and public lawyers."),
            "lawyers:person_list",
        ),
        Duty(
            _("Public-lawyer register"),
            _("Every public lawyer of the county, exportable to Excel."),
            "lawyers:register",
        ),
        Duty(
            _("Coverage against the targets"),
            _("Watch public-lawyer coverage against the 2023 and 2025 targets."),
            "coverage:dashboard",
        ),
        Duty(
            _("Unit summaries"),
            _("Receive each unit's yearly progress summary."),
            "assessments:summary_years",
        ),
    ),
    R.JUSTICE_BUREAU: (
        Duty(_("Unit registry"), _("Look up any unit of the county."), "units:unit_list"),
        Duty(
            _("Certificate applications"),
            _("Review units' applications and record certification."),
            "lawyers:application_list",
        ),
        Duty(
            _("Public-lawyer register"),
            _("Every certificate of the county: suspend, reinstate, cancel or revoke, and record transfers."),
            "lawyers:register",
        ),
        Duty(
            _("Discipline notices"),
            _("Receive and acknowledge notices of disciplinary action."),
            "discipline:action_list",
        ),
        Duty(
            _("Training"),
            _("Set the yearly training plan, hold county-wide training and see who falls short."),
            "training:hours",
        ),
        Duty(
            _("Assessment review"),
            _("Review and publish the committees' annual assessments."),
            "assessments:year_list",
        ),
    ),
    R.UNIT_OFFICER: (
        Duty(_("My unit"), _("See your unit's record in the county registry."), "accounts:my_unit"),
        Duty(
            _("Qualified staff"),
            _("Register staff holding a legal qualification and put them forward for a certificate."),
            "lawyers:person_list",
        ),
        Duty(
            _("Certificate applications"),
            _("Follow your unit's applications and answer returned ones."),
            "lawyers:application_list",
        ),
        Duty(
            _("Public-lawyer register"),
            _("Your unit's public lawyers with their certificates."),
            "lawyers:register",
        ),
        Duty(
            _("Legal advisors and dispatch"),
            _("Engage legal advisors or request a dispatched lawyer."),
            "advisors:engagement_list",
        ),
        Duty(
            _("Discipline notices"),
            _("Report a disciplinary action against one of your public lawyers from their page."),
            "discipline:action_list",
        ),
        Duty(
            _("Legal matters"),
            _("Assign legal matters to public lawyers and record the outcome."),
            "matters:matter_list",
        ),
        Duty(
            _("Yearly summary"),
            _("Summarise the unit's progress in public-lawyer work each year for the county office."),
            "assessments:summary_years",
        ),
    ),
    R.PUBLIC_LAWYER: (
        Duty(_("My unit"), _("See the unit you serve."), "accounts:my_unit"),
        Duty(
            _("Assignments"),
            _("Accept or decline assigned matters, log work and submit independent legal opinions."),
            "matters:my_matters",
        ),
        Duty(
            _("Training"),
            _("Your training hours of the year against the plan."),
            "training:my_training",
        ),
        Duty(_("Overtime and expenses"), _("Log overtime and expenses."), "guarantees:my_overtime"),
    ),
    R.COMMITTEE_MEMBER: (
        Duty(_("My unit"), _("See the unit whose lawyers you assess."), "accounts:my_unit"),
        Duty(
            _("Annual assessment"),
            _("Score the unit's public lawyers and propose grades."),
            "assessments:year_list",
        ),
        Duty(
            _("Unit summaries"),
            _("Approve the unit's yearly progress summary, or return it with a reason."),
            "assessments:summary_years",
        ),
    ),
    R.BAR_ASSOCIATION: (
        Duty(
            _("Public-lawyer register"),
            _("Every public lawyer of the county with their certificate."),
            "lawyers:register",
        ),
        Duty(
            _("Membership"),
            _("Record public lawyers' bar-association membership."),
            "lawyers:membership_list",
        ),
        Duty(
            _("Discipline notices"),
            _("Receive and acknowledge notices of disciplinary action."),
            "discipline:action_list",
        ),
        Duty(
            _("Training"),
            _("Plan training events for public lawyers and record who attended."),
            "training:event_list",
        ),
    ),
    R.POOL_OFFICER: (
        Duty(
            _("Talent pool and dispatch"),
            _("Keep your system's pool of public lawyers and answer its units' dispatch requests."),
            "advisors:pool_member_list",
        ),
    ),
    R.AUDITOR: (
        Duty(_("Audit log"), _("Read and export the audit log of every change, login and export."), "audit:event_list"),
    ),
    R.SYSADMIN: (
        Duty(
            _("Accounts"),
            _("Create accounts, assign roles and units, reset passwords and lock accounts."),
            "accounts:user_list",
        ),
    ),
}


# The user menu's entries above changing the password: every role's own 使用说明 page.
USER_MENU_ITEMS = (NavItem(_("User guide"), "help", "bi-question-circle", frozenset(R)),)
# The search box of the bar, for the roles that search the county's records (chenggu_lawyers/search.py).
SEARCH_BOX = NavItem(_("Search"), "search", "bi-search", SEARCHERS)


def nav_items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in NAV_ITEMS if user.role in item.roles]


def user_menu_items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in USER_MENU_ITEMS if user.role in item.roles]
