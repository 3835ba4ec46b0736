from django import forms
from django.utils.translation import gettext_lazy as _

from units.forms import DATE_WIDGET

from .choices import ActionKind


class DisciplineForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ActionKind.choices)
    measure = forms.CharField(label=_("measure"), max_length=100, help_text=_("For example 记过 or 诫勉."))
    authority = forms.CharField(label=_("deciding authority"), max_length=100)
    decided_on = forms.DateField(label=_("decided on"), widget=DATE_WIDGET)
    summary = forms.CharField(label=_("facts and grounds"), widget=forms.Textarea(attrs={"rows": 4}))
