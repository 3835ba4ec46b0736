from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import ScopedModelForm
from chenggu_lawyers.uploads import MAX_ATTACHMENT_BYTES
from lawyers.models import Person
from matters.models import Opinion

from .choices import Authority, ExpenseDecision, OvertimeDecision
from .matter_access import claimable_matters
from .models import MAX_CLAIM_AMOUNT, ExpenseClaim, LeaveTaken, OvertimeEntry

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def public_lawyers(user):
    """The people of the user's scope holding a certificate in force or suspended: those who log overtime."""
    return Person.objects.visible_to(user).with_live_certificate().filter(has_certificate=True).order_by("name")


class OvertimeForm(ScopedModelForm):
    """A lawyer logs their own overtime (no person field); the unit office picks one of its people."""

    class Meta:
        model = OvertimeEntry
        fields = ("person", "worked_on", "hours", "matter", "description")
        widgets = {"worked_on": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"worked_on": _("A rest day or public holiday; adjusted working days (调休) do not count.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user.person_id is not None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = public_lawyers(user)
        self.fields["matter"].queryset = self.fields["matter"].queryset.order_by("-pk")


class LeaveForm(ScopedModelForm):
    class Meta:
        model = LeaveTaken
        fields = ("person", "first_day", "last_day", "hours", "note")
        widgets = {"first_day": DATE_WIDGET, "last_day": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].queryset = public_lawyers(user)


FILE_ACCEPT = ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented way); the list may be empty when not required."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": FILE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def file_help() -> str:
    return gettext("PDF, PNG, JPEG, Word or Excel; at most %(limit)s MB.") % {"limit": MAX_ATTACHMENT_BYTES // 2**20}


class ExpenseClaimForm(ScopedModelForm):
    receipts = MultipleFileField(label=_("Receipts"), required=False)

    class Meta:
        model = ExpenseClaim
        fields = ("matter", "incurred_on", "kind", "amount", "description")
        widgets = {"incurred_on": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["matter"].queryset = claimable_matters(user).order_by("-pk")
        self.fields["amount"].help_text = _("At most ¥%(limit)s for one claim.") % {"limit": f"{MAX_CLAIM_AMOUNT:,.0f}"}
        self.fields["receipts"].help_text = _(
            "Invoices and receipts of the cost (several files may be chosen). %(files)s"
        ) % {"files": file_help()}


class ReceiptForm(forms.Form):
    file = forms.FileField(label=_("Receipt"), widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a subsidy (why leave is impossible) and for a refusal."),
    )


class OvertimeDecisionForm(DecisionForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=OvertimeDecision.choices, initial=OvertimeDecision.LEAVE, widget=forms.RadioSelect
    )
    field_order = ("decision", "reason")


class ExpenseDecisionForm(DecisionForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=ExpenseDecision.choices, widget=forms.RadioSelect)
    field_order = ("decision", "reason")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _("Required for a refusal.")


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx"}),
    )
    opinion = forms.ModelChoiceField(
        label=_("Attach to"), queryset=Opinion.objects.none(), required=False, empty_label=_("The matter")
    )

    def __init__(self, *args, opinions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("PDF, PNG, JPEG, Word or Excel; at most %(limit)s MB.") % {
            "limit": MAX_ATTACHMENT_BYTES // 2**20
        }
        # Only the user's own opinions: nobody else adds to an opinion (R2.3).
        if opinions is not None:
            self.fields["opinion"].queryset = opinions


class LetterForm(forms.Form):
    authority = forms.ChoiceField(label=_("Scope of authority"), choices=Authority.choices, initial=Authority.GENERAL)
