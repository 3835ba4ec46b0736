from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import ScopedModelForm
from lawyers.models import Person
from matters.choices import MatterCategory
from units.forms import DATE_WIDGET

from .choices import AdvisorKind
from .models import Engagement, PoolMember
from .services import pool_candidates


class EngagementForm(ScopedModelForm):
    """An engagement of the officer's own unit; the unit is never a choice."""

    class Meta:
        model = Engagement
        fields = [
            "advisor_name",
            "advisor_kind",
            "organisation",
            "practice_number",
            "phone",
            "starts_on",
            "ends_on",
            "duties",
        ]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET, "duties": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.instance.unit = unit

    def clean_practice_number(self):
        return self.cleaned_data["practice_number"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("advisor_kind") == AdvisorKind.LAWYER and not cleaned.get("practice_number"):
            self.add_error(
                "practice_number", _("A practising lawyer's engagement needs the practice certificate number.")
            )
        return cleaned


class TerminationForm(forms.Form):
    on = forms.DateField(
        label=_("ended early with effect from"),
        widget=DATE_WIDGET,
        help_text=_("The first day on which the unit is no longer served."),
    )
    reason = forms.CharField(label=_("reason for the early end"), widget=forms.Textarea(attrs={"rows": 2}))


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.unit.name}"


class PoolMemberForm(forms.Form):
    """A pool member from the county roster (choose the person) or from elsewhere in the system (type the
    name, workplace and practice certificate number); the service checks the rest against the records."""

    person = PersonChoiceField(
        label=_("person on the county roster"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("A public lawyer of one of the system's units in the county; leave empty for a lawyer elsewhere."),
    )
    name = forms.CharField(label=_("full name"), max_length=50, required=False)
    organisation = forms.CharField(label=_("works at"), max_length=100, required=False)
    practice_number = forms.CharField(label=_("practice certificate number"), max_length=17, required=False)
    phone = forms.CharField(label=_("phone"), max_length=20, required=False)
    expertise = forms.CharField(
        label=_("expertise"),
        max_length=200,
        required=False,
        help_text=_("For example tax disputes, contracts, reconsideration."),
    )
    joined_on = forms.DateField(label=_("in the pool from"), widget=DATE_WIDGET)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = pool_candidates(user)
        self.fields["joined_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("person") is None:
            for name in ("name", "organisation", "practice_number"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed for a lawyer who is not on the county roster."))
        return cleaned


class PoolMemberUpdateForm(ScopedModelForm):
    class Meta:
        model = PoolMember
        fields = ["phone", "expertise"]


class PoolLeaveForm(forms.Form):
    on = forms.DateField(
        label=_("left the pool with effect from"),
        widget=DATE_WIDGET,
        help_text=_("The first day out of the pool."),
    )


class DispatchRequestForm(forms.Form):
    needs = forms.CharField(
        label=_("legal services needed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The matters the lawyer would handle, e.g. reviewing major contracts, reconsideration cases."),
    )
    matter_types = forms.MultipleChoiceField(
        label=_("matter types"), choices=MatterCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    wanted_from = forms.DateField(label=_("needed from"), widget=DATE_WIDGET)
    wanted_until = forms.DateField(label=_("needed until"), widget=DATE_WIDGET, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("wanted_from"), cleaned.get("wanted_until")
        if start and end and end < start:
            self.add_error("wanted_until", _("The service cannot be needed until a day before it is needed from."))
        return cleaned


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parts = [obj.name, obj.organisation]
        if obj.expertise:
            parts.append(obj.expertise)
        return " · ".join(parts)


class GrantForm(forms.Form):
    member = MemberChoiceField(label=_("pool lawyer"), queryset=PoolMember.objects.none())
    starts_on = forms.DateField(label=_("dispatched from"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("dispatched until"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("note for the unit"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, dispatch, **kwargs):
        super().__init__(*args, **kwargs)
        # The members of the request's system the user sees who are still in the pool today.
        self.fields["member"].queryset = (
            PoolMember.objects.visible_to(user)
            .filter(system_id=dispatch.system_id)
            .filter(left_on__isnull=True)
            .order_by("name")
        )
        self.fields["starts_on"].initial = max(dispatch.wanted_from, timezone.localdate())
        self.fields["ends_on"].initial = dispatch.wanted_until


class DeclineForm(forms.Form):
    note = forms.CharField(label=_("reason for the unit"), widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmForm(forms.Form):
    """A step with nothing to type: the button is the decision."""
