from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import ScopedModelForm
from units.choices import ManagementMode, UnitKind
from units.forms import DATE_WIDGET

from .evaluation import EARLIEST_AS_OF
from .models import Target


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), required=False, widget=DATE_WIDGET)

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        if day is None:
            return timezone.localdate()
        if not EARLIEST_AS_OF <= day <= timezone.localdate():
            raise forms.ValidationError(
                _("Choose a date from %(start)s to today.") % {"start": EARLIEST_AS_OF.isoformat()}
            )
        return day

    def day(self) -> date:
        """The chosen day, or today when the field is empty or wrong (the error is shown beside it)."""
        return self.cleaned_data["as_of"] if self.is_valid() else timezone.localdate()


ENFORCEMENT_CHOICES = [
    ("", _("With or without")),
    ("true", _("With law-enforcement power")),
    ("false", _("Without law-enforcement power")),
]


class TargetForm(ScopedModelForm):
    unit_kinds = forms.MultipleChoiceField(
        label=_("unit kinds"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means every kind."),
    )
    law_enforcement = forms.TypedChoiceField(
        label=_("law-enforcement power"),
        choices=ENFORCEMENT_CHOICES,
        required=False,
        coerce=lambda value: value == "true",
        empty_value=None,
    )
    management_modes = forms.MultipleChoiceField(
        label=_("management modes"),
        choices=ManagementMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means every mode."),
    )

    class Meta:
        model = Target
        fields = [
            "code",
            "name",
            "unit_kinds",
            "law_enforcement",
            "management_modes",
            "metric",
            "advisors_count_regardless",
            "threshold",
            "deadline",
            "source",
            "is_active",
        ]
        widgets = {"deadline": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and self.instance.law_enforcement is not None:
            self.initial["law_enforcement"] = "true" if self.instance.law_enforcement else "false"
