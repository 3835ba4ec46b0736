import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.forms import ScopedModelForm
from lawyers.choices import AnnualGrade
from units.models import Unit

from .choices import Grade, ReviewDecision
from .models import AssessmentYear, Committee, Criterion, GradeLevel, UnitSummary
from .scoring import percent_text, weight_percent

# The year's settings beside its number and units: dates, the 优秀 quota (share, pool, rounding) and the rules
# over scores. Opening a year and editing it later show the same fields.
YEAR_SETTINGS = (
    "period_start",
    "period_end",
    "scoring_deadline",
    "review_deadline",
    "excellent_quota_percent",
    "quota_pool",
    "quota_rounding",
    "rule_refusal_fails",
    "rule_discipline_bars_excellent",
    "rule_civil_grade_bars_excellent",
)
YEAR_WIDGETS = {
    **{
        name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        for name in ("period_start", "period_end", "scoring_deadline", "review_deadline")
    },
    "quota_pool": forms.RadioSelect,
    "quota_rounding": forms.RadioSelect,
}


class YearForm(ScopedModelForm):
    units = forms.ModelMultipleChoiceField(
        label=_("Units taking part"), queryset=Unit.objects.none(), widget=forms.SelectMultiple(attrs={"size": 12})
    )

    class Meta:
        model = AssessmentYear
        fields = ("year", *YEAR_SETTINGS)
        widgets = YEAR_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.visible_to(self.user).filter(abolished_on__isnull=True)


class YearSettingsForm(ScopedModelForm):
    """A year's settings after it is opened (its number and units stay)."""

    class Meta:
        model = AssessmentYear
        fields = YEAR_SETTINGS
        widgets = YEAR_WIDGETS


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


class ScoreField(forms.DecimalField):
    """A criterion's score out of 100, two decimals at most. A refusal quotes what was typed, so the member sees
    which number was wrong; full-width digits typed with a Chinese input method count as digits."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=100, max_digits=5, decimal_places=2, **kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "score-input"})

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
        return super().to_python(value)

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            if value in self.empty_values or (isinstance(value, str) and not value.strip()):
                raise ValidationError(_("Give this criterion a score from 0 to 100."), code="required") from error
            raise ValidationError(
                _('You typed "%(value)s": a score is a number from 0 to 100 with at most two decimals.'),
                code="invalid",
                params={"value": value},
            ) from error


class ScoreForm(forms.Form):
    """One field per criterion of the year, each scored out of 100, labelled with its weight in percent
    (工作完成情况（满分100，权重40%）): a weight beside a number reads as the maximum otherwise."""

    def __init__(self, *args, criteria, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_values = initial_values or {}
        weights = [criterion.weight for criterion in criteria]
        for criterion in criteria:
            percent = percent_text(weight_percent(criterion.weight, weights))
            field = ScoreField(
                label=_("%(name)s (out of 100, weight %(percent)s%%)") % {"name": criterion.name, "percent": percent},
                initial=initial_values.get(criterion.pk),
            )
            # The live total (static/js/score_total.js) weighs each field as the server does.
            field.widget.attrs["data-weight"] = str(criterion.weight)
            self.fields[f"c{criterion.pk}"] = field
        self.criteria = criteria

    def values(self) -> dict:
        return {criterion.pk: self.cleaned_data[f"c{criterion.pk}"] for criterion in self.criteria}


CHOOSE = ("", _("Choose..."))


class ProposalForm(forms.Form):
    """The committee's proposal for one lawyer. Nothing is chosen until the member chooses: a grade left at a
    default is a grade nobody decided. Only the grades the year's rules leave open are offered."""

    proposed_grade = forms.ChoiceField(
        label=_("Proposed grade"), error_messages={"required": _("Choose the proposed grade.")}
    )
    comments = forms.CharField(
        label=_("Committee's comments"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    recommended = forms.TypedChoiceField(
        label=_("Recommended for continued appointment"),
        choices=(CHOOSE, ("yes", _("Yes")), ("no", _("No"))),
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Say whether the committee recommends continued appointment.")},
    )

    def __init__(self, *args, grades=None, **kwargs):
        super().__init__(*args, **kwargs)
        grades = grades if grades is not None else Grade.values
        self.fields["proposed_grade"].choices = [CHOOSE, *((g, Grade(g).label) for g in grades)]


class ReviewForm(forms.Form):
    """The justice bureau's decision on an initial evaluation: nothing is preselected."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to confirm or return the evaluation.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when returning: the committee reads it on its page and on the score page."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == ReviewDecision.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say why the evaluation is returned."))
        return cleaned


class PlacesForm(forms.Form):
    """The county's 优秀 places per committee, one whole number each."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"p{row.committee.pk}"] = forms.IntegerField(
                label=str(row.committee),
                min_value=0,
                max_value=row.lawyers,
                initial=row.committee.excellent_places or 0,
                error_messages={
                    "required": _("Give the places (0 for none)."),
                    "invalid": _("A whole number of places."),
                    "min_value": _("At least 0 places."),
                    "max_value": _("At most %(limit_value)s places: the committee's lawyers."),
                },
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "style": "width: 6rem"}),
            )

    def places(self) -> dict[int, int]:
        return {row.committee.pk: self.cleaned_data[f"p{row.committee.pk}"] for row in self.rows}


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
