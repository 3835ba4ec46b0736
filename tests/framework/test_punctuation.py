"""Punctuation and labels that follow the reader's language: lists, clauses, notes and colons in Chinese and
in English; English labels without Chinese in them; headings of new-record forms naming what is created;
filters offering 全部; status badges coloured by what the status means."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from assessments.models import AssessmentYear
from chenggu_lawyers.punctuation import join_clauses, join_list, labelled, with_note
from coverage.models import Target
from discipline.choices import ActionKind
from lawyers import services
from tests.lawyers.factories import make_person

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ("甲、乙", "甲；乙", "甲（待答复）", "单位：A")),
        ("en", ("甲, 乙", "甲; 乙", "甲 (待答复)", "单位: A")),
    ],
)
def test_the_helpers_punctuate_in_the_active_language(language, expected):
    with translation.override(language):
        assert (
            join_list(["甲", "乙"]),
            join_clauses(["甲", "乙"]),
            with_note("甲", "待答复"),
            labelled("单位", "A"),
        ) == (expected)


def test_the_template_filters_punctuate_alike():
    template = Template('{% load portal %}{{ names|join_list }}|{{ label|colon }}|{{ name|with_note:"40" }}')
    context = Context({"names": ["甲", "乙"], "label": "成员", "name": "工作完成情况"})
    with translation.override("zh-hans"):
        assert template.render(context) == "甲、乙|成员：|工作完成情况（40）"
    with translation.override("en"):
        assert template.render(context) == "甲, 乙|成员:|工作完成情况 (40)"


def test_a_targets_population_reads_in_either_language():
    target = Target(
        code="T9", name="x", law_enforcement=True, metric="has_lawyer", threshold=40, deadline=date(2025, 1, 1)
    )
    with translation.override("zh-hans"):
        assert target.population_text() == "全部单位类别；具有行政执法权"
    with translation.override("en"):
        assert target.population_text() == "all unit kinds; with law-enforcement power"


def test_english_labels_hold_no_chinese():
    with translation.override("en"):
        assert not [label for label in ActionKind.labels if CJK.search(str(label))]
        quota = AssessmentYear._meta.get_field("excellent_quota_percent").verbose_name
        assert str(quota) == "Quota for excellent (%)"
    with translation.override("zh-hans"):
        assert str(quota) == "优秀等次比例（%）"
        assert [str(label) for label in ActionKind.labels][:3] == ["政务处分", "党纪处分", "组织处理"]


def test_the_assessment_list_and_its_filter_in_both_languages(login, english):
    page = login("county").get(reverse("assessments:year_list")).content.decode()
    assert "Quota for excellent (%)" in page and "优秀" not in page


@pytest.mark.parametrize(
    ("name", "url_name"), [("county", "assessments:year_list"), ("lawyer_a", "assessments:my_results")]
)
def test_the_assessment_filters_offer_all_not_dashes(login, name, url_name):
    page = login(name).get(reverse(url_name)).content.decode()
    assert '<option value="" selected>全部</option>' in page
    assert "---------" not in page


@pytest.mark.parametrize(
    ("url_name", "zh", "en"),
    [
        ("lawyers:person_create", "新建人员", "New person"),
        ("units:unit_create", "新建单位", "New unit"),
    ],
)
def test_a_new_record_form_says_what_it_creates(login, users, url_name, zh, en):
    name = "officer_a" if url_name.startswith("lawyers") else "county"
    client = login(name)
    page = client.get(reverse(url_name)).content.decode()
    assert f"<title>{zh} · " in page and re.search(rf"<h1[^>]*>\s*{zh}\s*</h1>", page)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse(url_name)).content.decode()
    assert f"<title>{en} · " in page and re.search(rf"<h1[^>]*>\s*{en}\s*</h1>", page)


def test_status_badges_are_coloured_by_what_the_status_means(login, users):
    officer, justice = users["officer_a"], users["justice"]
    rejected = services.application_submit(
        actor=officer, person=make_person(officer, name="甲"), consent_on=date(2025, 1, 1)
    )
    rejected = services.application_review(actor=justice, application=rejected, decision="reject", comment="不符合条件")
    approved = services.application_submit(
        actor=officer, person=make_person(officer, name="乙"), consent_on=date(2025, 1, 1)
    )
    approved = services.application_review(actor=justice, application=approved, decision="approve")
    client = login("justice")
    for application, colour in ((rejected, "danger"), (approved, "success")):
        page = client.get(reverse("lawyers:application_detail", args=[application.pk])).content.decode()
        assert f'<span class="badge text-bg-{colour}" data-status="{application.status}">' in page
