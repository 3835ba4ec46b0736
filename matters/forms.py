from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import ScopedModelForm
from units.forms import DATE_WIDGET

from .choices import Adoption, MatterCategory, RefusalRuling
from .models import CATEGORY_FIELDS, DETAIL_FIELDS, DecisionItem, Matter, WorkEntry

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class MatterForm(ScopedModelForm):
    """A matter of the officer's own unit, showing the fields of its category only (R2.1).

    The category is chosen before the form is shown (no script needed): it travels as a hidden field, and
    choosing another one reloads the page. The model empties the fields of other categories."""

    class Meta:
        model = Matter
        fields = ["category", "title", "description", "due_on", *DETAIL_FIELDS]
        widgets = {
            "category": forms.HiddenInput,
            "description": TEXTAREA,
            "parties": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "due_on": DATE_WIDGET,
            "signed_on": DATE_WIDGET,
            "decision_on": DATE_WIDGET,
        }

    def __init__(self, *args, unit=None, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.instance.unit = unit
        self.category = category or self.instance.category
        if self.category not in CATEGORY_FIELDS:
            raise ValueError(f"unknown category {self.category!r}")
        self.initial["category"] = self.category
        shown, required = CATEGORY_FIELDS[self.category]
        for name in DETAIL_FIELDS:
            if name not in shown:
                del self.fields[name]
        for name in required:
            self.fields[name].required = True
        if "decision_item" in self.fields:
            # The unit's current list, and the item a matter already names even if it has left the list.
            items = self.fields["decision_item"].queryset.filter(unit=self.instance.unit_id)
            current = Q(pk=self.instance.decision_item_id) if self.instance.decision_item_id else Q(pk__in=[])
            self.fields["decision_item"].queryset = items.filter(Q(is_active=True) | current)

    def clean_category(self):
        # The hidden field must agree with the fields the form was built for.
        if self.cleaned_data["category"] != self.category:
            raise forms.ValidationError(_("The category changed while the form was open; please try again."))
        return self.category

    @property
    def category_label(self):
        return MatterCategory(self.category).label


def candidate_label(item) -> str:
    """A person by name; a pool lawyer or an advisor with where they work, to tell namesakes apart."""
    if hasattr(item, "advisor_name"):
        return f"{item.advisor_name} · {item.organisation}"
    if hasattr(item, "organisation"):
        return f"{item.name} · {item.organisation}"
    return item.name


class AssignForm(forms.Form):
    """Assign the matter to some of the unit's candidates on the day (services.candidates_for); those
    already assigned to the matter are not offered again."""

    people = forms.TypedMultipleChoiceField(
        label=_("Public lawyers of the unit"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    members = forms.TypedMultipleChoiceField(
        label=_("Dispatched pool lawyers"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    engagements = forms.TypedMultipleChoiceField(
        label=_("Legal advisors"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    due_on = forms.DateField(label=_("opinion due on"), widget=DATE_WIDGET)
    instructions = forms.CharField(label=_("instructions"), widget=TEXTAREA, required=False)

    def __init__(self, *args, candidates, assignments, due_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = due_on
        taken = {
            "people": {a.person_id for a in assignments},
            "members": {a.pool_member_id for a in assignments},
            "engagements": {a.engagement_id for a in assignments},
        }
        self.offered = {}
        for name, items in (
            ("people", candidates.people),
            ("members", candidates.members),
            ("engagements", candidates.engagements),
        ):
            free = {item.pk: item for item in items if item.pk not in taken[name]}
            if free:
                self.offered[name] = free
                self.fields[name].choices = [(pk, candidate_label(item)) for pk, item in free.items()]
            else:
                del self.fields[name]

    @property
    def has_candidates(self) -> bool:
        return bool(self.offered)

    def clean(self):
        cleaned = super().clean()
        for name, free in self.offered.items():
            cleaned[name] = [free[pk] for pk in cleaned.get(name, [])]
        if not any(cleaned.get(name) for name in self.offered):
            raise forms.ValidationError(_("Choose at least one lawyer or advisor."))
        return cleaned


class DeclineForm(forms.Form):
    """The assignee's own refusal, in the assignee's words (拒绝承办, 说明理由), not the office's."""

    reason = forms.CharField(
        label=_("Say why you cannot take the matter on"),
        widget=TEXTAREA,
        help_text=_(
            "The unit office rules whether the refusal is justified; an unjustified refusal counts in the annual "
            "assessment."
        ),
    )


class RuleForm(forms.Form):
    ruling = forms.ChoiceField(label=_("ruling"), choices=RefusalRuling.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when the refusal is unjustified: it counts in the annual assessment."),
    )


class WorkEntryForm(forms.ModelForm):
    class Meta:
        model = WorkEntry
        fields = ["worked_on", "hours", "description"]
        widgets = {"worked_on": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 2})}


class OpinionForm(forms.Form):
    text = forms.CharField(
        label=_("legal opinion or feedback"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Each submission is kept as a new version, signed in the assignee's name; none is ever edited."),
    )


class CloseForm(forms.Form):
    adoption = forms.ChoiceField(label=_("opinion adopted"), choices=Adoption.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required unless the opinion was adopted in full."),
    )


class DecisionItemForm(ScopedModelForm):
    class Meta:
        model = DecisionItem
        fields = ["title", "description", "is_active"]
        widgets = {"description": TEXTAREA}

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.instance.unit = unit
