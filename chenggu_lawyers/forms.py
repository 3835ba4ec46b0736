"""Form helpers shared by every app: scoped foreign-key choices and the spreadsheet upload."""

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .crypto import encrypted_fields


def scope_choices(form: forms.BaseForm, user) -> None:
    """Narrow every model-choice field of `form` to the rows `user` may see (the one scoping rule)."""
    for form_field in form.fields.values():
        queryset = getattr(form_field, "queryset", None)
        if queryset is not None and hasattr(queryset, "visible_to"):
            form_field.queryset = queryset.visible_to(user)


def add_service_error(form: forms.BaseForm, error) -> None:
    """Show a service's refusal on the form: on the field it names when the form has it, above it otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)


class ScopedModelForm(forms.ModelForm):
    """A model form that knows its user and offers only what the user may see in its dropdowns.

    Editing a saved object, its personal numbers (EncryptedCharField) start empty with the masked value as
    placeholder, so opening the form reveals nothing; left empty, the stored value is kept."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        scope_choices(self, user)
        self.kept_personal_data = {}
        if self.instance.pk is None:
            return
        for model_field in encrypted_fields(self._meta.model):
            stored = getattr(self.instance, model_field.attname)
            if model_field.name not in self.fields or not stored:
                continue
            self.kept_personal_data[model_field.name] = stored
            self.initial[model_field.name] = ""
            form_field = self.fields[model_field.name]
            form_field.required = False
            form_field.widget.attrs["placeholder"] = model_field.masked(stored)
            form_field.help_text = _("Stored encrypted and shown masked: leave empty to keep it, or type a new value.")

    def clean(self):
        cleaned = super().clean()
        for name, stored in self.kept_personal_data.items():
            if not cleaned.get(name) and name not in self.errors:
                cleaned[name] = stored
        return cleaned


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet file"),
        help_text=_("An .xlsx, .xls or .ods file filled in from the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
            )
        return upload
