from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import ScopedModelForm

from .models import User


class AccountForm(ScopedModelForm):
    """The system administrator's account form; nobody edits their own role or lock (三员)."""

    class Meta:
        model = User
        fields = [
            "username",
            "last_name",
            "first_name",
            "email",
            "phone",
            "role",
            "unit",
            "system_organisation",
            "is_active",
        ]
        labels = {"last_name": _("family name"), "first_name": _("given name"), "is_active": _("account enabled")}
        # Django's own help text speaks of users and 帐号; ours says what switching it off does.
        help_texts = {
            "is_active": _(
                "A disabled account cannot log in. Disable an account that is no longer used instead of "
                "deleting it, so that its history stays in the records."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].required = True
        self.fields["unit"].help_text = _("Required for unit legal officers, public lawyers and committee members.")
        if self.instance.pk is not None and self.instance.pk == self.user.pk:
            for name in ("role", "unit", "system_organisation", "is_active"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Nobody can change their own role or lock their own account.")


class AccountCreateForm(AccountForm):
    password1 = forms.CharField(
        label=_("initial password"),
        widget=forms.PasswordInput,
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(label=_("initial password again"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        # An administrator chose this password, so the owner must replace it at first login.
        user.must_change_password = True
        if commit:
            user.save()
        return user


class ResetTwoFactorForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Remove this account's authenticator; its owner enrols a new one at the next login"), required=True
    )
