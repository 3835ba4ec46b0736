from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.forms import ScopedModelForm
from lawyers.choices import AnnualGrade
from units.models import Unit

from .choices import Grade
from .models import AssessmentYear, Committee, Criterion, GradeLevel, UnitSummary


class YearForm(ScopedModelForm):
    units = forms.ModelMultipleChoiceField(
        label=_("Units taking part"), queryset=Unit.objects.none(), widget=forms.SelectMultiple(attrs={"size": 12})
    )

    class Meta:
        model = AssessmentYear
        fields = (
            "year",
            "period_start",
            "period_end",
            "scoring_deadline",
            "review_deadline",
            "excellent_quota_percent",
        )
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("period_start", "period_end", "scoring_deadline", "review_deadline")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.visible_to(self.user).filter(abolished_on__isnull=True)


CriterionFormSet = inlineformset_factory(
    AssessmentYear, Criterion, fields=("name", "weight", "position"), extra=1, can_delete=True, min_num=1
)
GradeLevelFormSet = inlineformset_factory(
    AssessmentYear, GradeLevel, fields=("grade", "label", "min_score"), extra=0, can_delete=False
)


class CommitteeForm(ScopedModelForm):
    class Meta:
        model = Committee
        fields = ("year", "unit", "system_organisation", "members")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Accounts are outside every business scope (三员 separation), so the member list is narrowed here:
        # committee-member accounts, of the officer's own unit for a unit officer.
        members = User.objects.filter(role=Role.COMMITTEE_MEMBER, is_active=True)
        if self.user.role == Role.UNIT_OFFICER:
            members = members.filter(unit_id=self.user.unit_id)
            self.fields.pop("system_organisation")
        self.fields["members"].queryset = members
        self.fields["year"].queryset = self.fields["year"].queryset.filter(status="open")


class ScoreForm(forms.Form):
    """One field per criterion of the year, 0–100."""

    def __init__(self, *args, criteria, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_values = initial_values or {}
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.name} ({criterion.weight})",
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=initial_values.get(criterion.pk),
            )
        self.criteria = criteria

    def values(self) -> dict:
        return {criterion.pk: self.cleaned_data[f"c{criterion.pk}"] for criterion in self.criteria}


class ProposalForm(forms.Form):
    proposed_grade = forms.ChoiceField(label=_("Proposed grade"), choices=Grade.choices)
    comments = forms.CharField(
        label=_("Committee's comments"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    recommended = forms.TypedChoiceField(
        label=_("Recommended for continued appointment"),
        choices=(("yes", _("Yes")), ("no", _("No"))),
        coerce=lambda value: value == "yes",
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=(("confirm", _("Confirm and publish")), ("return", _("Return to the committee")))
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CivilGradeForm(forms.Form):
    grade = forms.ChoiceField(label=_("Civil-servant annual grade"), choices=AnnualGrade.choices)


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("Objection"), widget=forms.Textarea(attrs={"rows": 5}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Committee's answer"), widget=forms.Textarea(attrs={"rows": 5}))


class SummaryTextForm(forms.ModelForm):
    """The part of the yearly summary the unit writes; the figures are computed and not in the form."""

    class Meta:
        model = UnitSummary
        fields = ("work_done", "problems", "plans")
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}
        help_texts = {
            "work_done": _("What the unit did this year to advance public-lawyer work."),
            "problems": _("Difficulties and shortcomings."),
            "plans": _("What the unit will do next year."),
        }


class SummaryReturnForm(forms.Form):
    comment = forms.CharField(label=_("Why it is returned"), widget=forms.Textarea(attrs={"rows": 4}))
