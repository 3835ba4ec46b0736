from django import forms
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import ScopedModelForm

from .choices import SYSTEM_MODES
from .models import SystemOrganisation, Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitForm(ScopedModelForm):
    class Meta:
        model = Unit
        fields = [
            "name",
            "kind",
            "law_enforcement",
            "management_mode",
            "superior",
            "division_code",
            "credit_code",
            "legal_office_contact",
            "legal_office_phone",
            "established_on",
            "abolished_on",
        ]
        widgets = {"established_on": DATE_WIDGET, "abolished_on": DATE_WIDGET}

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()


class UnitImportForm(UnitForm):
    """One row of the unit import: the superior organisation is given by name and created if new."""

    superior_name = forms.CharField(label=_("superior organisation"), max_length=100, required=False)

    class Meta(UnitForm.Meta):
        fields = [name for name in UnitForm.Meta.fields if name != "superior"]

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("management_mode")
        name = cleaned.get("superior_name", "").strip()
        if mode in SYSTEM_MODES and not name:
            self.add_error(
                "superior_name",
                _("A unit under vertical management or dual leadership needs its superior organisation."),
            )
        return cleaned

    def save(self, commit=True):
        name = self.cleaned_data.get("superior_name", "").strip()
        if self.cleaned_data.get("management_mode") in SYSTEM_MODES and name:
            self.instance.superior, _created = SystemOrganisation.objects.get_or_create(name=name)
        else:
            self.instance.superior = None
        return super().save(commit=commit)


class SystemOrganisationForm(ScopedModelForm):
    class Meta:
        model = SystemOrganisation
        fields = ["name", "system"]
