from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.forms import ScopedModelForm
from chenggu_lawyers.punctuation import join_list
from guarantees.forms import FILE_ACCEPT, file_help
from lawyers.models import Certificate
from units.forms import DATE_WIDGET

from .models import ExternalTraining, TrainingEvent, TrainingPlan
from .services import attendee_candidates


class TrainingPlanForm(ScopedModelForm):
    class Meta:
        model = TrainingPlan
        fields = ["year", "required_hours", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class TrainingEventForm(ScopedModelForm):
    """An event of the user's side: a unit officer's events belong to its unit, the others' are county-wide."""

    class Meta:
        model = TrainingEvent
        fields = ["title", "kind", "organiser", "held_on", "hours", "note"]
        widgets = {"held_on": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # The unit is never a choice: whoever creates the event decides whose event it is.
            self.instance.unit = self.user.unit if self.user.role == Role.UNIT_OFFICER else None
            if self.instance.unit is not None and not self.initial.get("organiser"):
                self.initial["organiser"] = self.instance.unit.name

    def clean(self):
        cleaned = super().clean()
        held_on = cleaned.get("held_on")
        if self.instance.pk is None or held_on is None or held_on == self.instance.held_on:
            return cleaned
        # Moving an event with attendees must keep every attendee a public lawyer on the new day.
        attendees = list(self.instance.attendances.select_related("person").order_by("person__name"))
        if not attendees:
            return cleaned
        if held_on > timezone.localdate():
            self.add_error("held_on", _("An event with attendees cannot be moved into the future."))
            return cleaned
        in_force = set(
            Certificate.objects.active_on(held_on)
            .filter(person_id__in=[a.person_id for a in attendees])
            .values_list("person_id", flat=True)
        )
        without = [a.person.name for a in attendees if a.person_id not in in_force]
        if without:
            self.add_error(
                "held_on",
                _("On that day no certificate was in force for these attendees: %(names)s.")
                % {"names": join_list(without)},
            )
        return cleaned


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.unit.name}"


class AttendeesForm(forms.Form):
    """The whole attendee list of one event, ticked from the public lawyers of the event's day."""

    people = PersonChoiceField(
        label=_("attendees"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Public lawyers whose certificate was in force on the day of the event."),
    )

    def __init__(self, *args, user, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = attendee_candidates(user, event)


class ExternalTrainingForm(ScopedModelForm):
    """A lawyer's own external training: no person field (it is the lawyer's), the certificate optional."""

    certificate_file = forms.FileField(
        label=_("certificate of completion"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )

    class Meta:
        model = ExternalTraining
        fields = ["title", "organiser", "held_on", "hours", "note"]
        widgets = {"held_on": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate_file"].help_text = _("Optional. %(files)s") % {"files": file_help()}
