from django import forms
from django.utils import timezone
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


class ReorganiseDateForm(forms.Form):
    """The first step of a reorganisation: the day it takes effect, which decides the units people may go to."""

    on = forms.DateField(
        label=_("reorganised on"),
        widget=DATE_WIDGET,
        help_text=_("The unit is abolished on this day, and its people work in their new units from it."),
    )

    def clean_on(self):
        # Said here, before the targets are chosen, as unit_reorganise would say it at the end.
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The reorganisation date cannot be in the future."), code="future")
        return on


class UnitReorganiseForm(forms.Form):
    """Where each person working in the unit goes on the reorganisation day (units.services.unit_reorganise).

    The targets are the units the user sees that are active that day, read once for every dropdown; a person
    left without a choice of their own goes where "move everyone to" says."""

    on = forms.DateField(widget=forms.HiddenInput)
    everyone = forms.TypedChoiceField(
        label=_("move everyone to"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"data-move-everyone": ""}),
    )
    note = forms.CharField(
        label=_("note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The decision that ordered the reorganisation, for example its document number."),
    )
    confirm = forms.BooleanField(
        label=_("The unit is abolished on this day and everyone listed moves to the unit chosen for them.")
    )

    def __init__(self, data=None, *, user, unit, people, on):
        super().__init__(data, initial={"on": on})
        self.targets = {
            target.pk: target
            for target in Unit.objects.visible_to(user)
            .active_on(on)
            .filter(abolished_on__isnull=True)
            .exclude(pk=unit.pk)
            .order_by("kind", "name")
        }
        choices = [("", "—"), *((pk, target.name) for pk, target in self.targets.items())]
        self.fields["everyone"].choices = choices
        self.fields["everyone"].help_text = _("Fills in every person below; a choice made for one person stands.")
        self.people = list(people)
        for person in self.people:
            self.fields[self.move_field(person)] = forms.TypedChoiceField(
                label=person.name,
                coerce=int,
                required=False,
                empty_value=None,
                choices=choices,
                widget=forms.Select(attrs={"class": "form-select form-select-sm", "data-move": person.pk}),
            )
        self.order_fields(["on", "everyone", *(self.move_field(person) for person in self.people), "note"])

    @staticmethod
    def move_field(person) -> str:
        return f"move_{person.pk}"

    def moves(self) -> dict:
        """Person id → target unit, for the people with a target (their own, else everyone's)."""
        everyone = self.cleaned_data.get("everyone")
        moves = {}
        for person in self.people:
            target = self.cleaned_data.get(self.move_field(person)) or everyone
            if target is not None:
                moves[person.pk] = self.targets[target]
        return moves
