from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import ScopedModelForm, scope_choices
from units.forms import DATE_WIDGET
from units.models import Unit

from .choices import ApplicationAction, CancellationReason
from .models import Person

PERSON_FIELDS = [
    "name",
    "sex",
    "id_number",
    "phone",
    "post",
    "legal_work_years",
    "judicial_years",
    "last_annual_grade",
    "legal_qualification_class",
    "legal_qualification_number",
    "legal_qualification_year",
    "lawyer_qualification_number",
    "lawyer_qualification_year",
    "qualified_on",
    "sitting_exam_this_year",
    "lacks_civil_capacity",
    "licence_revoked",
    "under_investigation",
    "credit_punished",
]


class PersonForm(ScopedModelForm):
    """A person of the officer's own unit; the unit is never a choice (R3.1: each unit surveys its own staff).

    Full-time legal work is a dated fact (LegalWorkPeriod): the form asks whether the person does it now and
    since when; lawyers.services.person_set_legal_work opens or closes the period accordingly."""

    full_time_legal = forms.BooleanField(label=_("works full-time on legal affairs now"), required=False)
    legal_work_since = forms.DateField(
        label=_("in full-time legal work since"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Empty: since before the portal's records. When the answer above changes to no, the period ends today."
        ),
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"qualified_on": DATE_WIDGET}
        help_texts = {"qualified_on": _("Empty: 31 December of the earliest qualification year.")}

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.instance.unit = unit
        self.fields["sex"].required = False
        self.fields["sex"].help_text = _("Read from the ID number when left empty.")
        if self.instance.pk is not None and not self.is_bound:
            # Only a form shown empty needs the current answer (an import validates bound forms by the
            # thousand: no query per row).
            current = self.instance.legal_work_periods.filter(ended_on__isnull=True).first()
            self.initial.setdefault("full_time_legal", current is not None)
            self.initial.setdefault("legal_work_since", current.started_on if current else None)

    def clean_legal_work_since(self):
        since = self.cleaned_data["legal_work_since"]
        if since is not None and since > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        return since

    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper()


class PersonCreateForm(PersonForm):
    joined_on = forms.DateField(
        label=_("in this unit since"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leave empty if the person was in the unit before records in this portal began."),
    )


class LegalWorkPeriodForm(forms.Form):
    """A period of full-time legal work, [from, until): an empty start is "since before the portal's records",
    an empty end "still". The dates' rules (not in the future, the end after the start, no overlap) are the
    service's (lawyers.services.legal_work_add / legal_work_update), shown on these fields."""

    started_on = forms.DateField(
        label=_("from"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The first day in full-time legal work; empty: since before the portal's records."),
    )
    ended_on = forms.DateField(
        label=_("until"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The first day no longer in full-time legal work; empty: still in it."),
    )


class LegalWorkEndForm(forms.Form):
    """The day the open period of full-time legal work ends: the first day the person no longer does it."""

    ended_on = forms.DateField(
        label=_("until"),
        widget=DATE_WIDGET,
        help_text=_("The first day no longer in full-time legal work; today at the latest."),
    )


class ApplicationForm(forms.Form):
    consent_on = forms.DateField(label=_("unit consent given on"), widget=DATE_WIDGET)
    declaration = forms.BooleanField(
        label=_(
            "The unit confirms that the person supports the Constitution, has good political and moral "
            "conduct, and that the unit consents to the application (Art. 5)."
        ),
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[
            (action.value, action.label)
            for action in (ApplicationAction.APPROVE, ApplicationAction.RETURN, ApplicationAction.REJECT)
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CertificateForm(forms.Form):
    number = forms.CharField(label=_("practice certificate number"), min_length=17, max_length=17)
    issued_on = forms.DateField(label=_("issued on"), widget=DATE_WIDGET)
    issuer = forms.CharField(label=_("issuing authority"), max_length=60, initial="陕西省司法厅")


class CertificateCorrectionForm(forms.Form):
    """A certificate's recorded facts as they stand, for the justice bureau to put right the mistyped ones
    (更正); each field says what is recorded, so it stays in sight while the new value is typed."""

    number = forms.CharField(label=_("practice certificate number"), min_length=17, max_length=17)
    issued_on = forms.DateField(label=_("issued on"), widget=DATE_WIDGET)
    ended_on = forms.DateField(label=_("ended on"), widget=DATE_WIDGET)
    issuer = forms.CharField(label=_("issuing authority"), max_length=60)
    reason = forms.CharField(
        label=_("reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the number was mistyped when the certificate was recorded."),
    )

    recorded_fields = ("number", "issued_on", "ended_on", "issuer")

    def __init__(self, data=None, *, certificate):
        super().__init__(data, initial={name: getattr(certificate, name) for name in self.recorded_fields})
        if certificate.ended_on is None:
            del self.fields["ended_on"]  # a certificate in force or suspended has no end date to correct
        for name in self.recorded_fields:
            if name in self.fields:
                value = getattr(certificate, name)
                shown = value.isoformat() if hasattr(value, "isoformat") else value
                self.fields[name].help_text = _("Recorded: %(value)s") % {"value": shown}


class MembershipForm(forms.Form):
    number = forms.CharField(label=_("membership number"), max_length=40)
    joined_on = forms.DateField(label=_("member since"), widget=DATE_WIDGET)


class SuspendForm(forms.Form):
    on = forms.DateField(label=_("suspended from"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReinstateForm(forms.Form):
    on = forms.DateField(label=_("reinstated on"), widget=DATE_WIDGET)


class CancelForm(forms.Form):
    on = forms.DateField(label=_("cancelled on"), widget=DATE_WIDGET)
    reason = forms.ChoiceField(label=_("cancellation reason"), choices=CancellationReason.choices)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RevokeForm(forms.Form):
    on = forms.DateField(label=_("revoked on"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("misconduct"), widget=forms.Textarea(attrs={"rows": 2}))


class TransferForm(forms.Form):
    """Choose the unit a person moves to, among the active units the user sees."""

    unit = forms.ModelChoiceField(label=_("to unit"), queryset=Unit.objects.none())
    on = forms.DateField(label=_("transferred on"), widget=DATE_WIDGET)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active_on(timezone.localdate())
        scope_choices(self, user)
