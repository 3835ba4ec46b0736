"""An application's files: the unit adds them while the application is open, the readers of the application
(its unit office, the justice bureau, the county office) download them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from chenggu_lawyers.uploads import kept_file_response
from chenggu_lawyers.views import RoleRequiredMixin, ScopedQuerysetMixin
from guarantees.forms import FILE_ACCEPT, file_help

from ..attachments import application_attachment_add, may_attach_to_application
from ..models import Application, ApplicationAttachment
from ..roles import PEOPLE_KEEPERS, PEOPLE_READERS


class AttachmentForm(forms.Form):
    """One file; the service checks it as every kept file is checked (chenggu_lawyers.uploads)."""

    file = forms.FileField(label=gettext_lazy("File"), widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()


def attachment_context(user, application, form=None) -> dict:
    """The application's files, and the upload form when the user may add one now."""
    context = {"attachments": list(application.attachments.select_related("uploaded_by"))}
    if may_attach_to_application(user, application):
        context["attachment_form"] = form or AttachmentForm()
    return context


class ApplicationAttachmentAddView(ScopedQuerysetMixin, View):
    model = Application
    allowed_roles = PEOPLE_KEEPERS
    select_related = ("person", "unit")
    http_method_names = ["post"]

    def post(self, request, pk):
        from .applications import action_forms, with_person_visible

        application = get_object_or_404(with_person_visible(self.get_queryset(), request.user), pk=pk)
        if not may_attach_to_application(request.user, application):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = application_attachment_add(
                    actor=request.user, application=application, upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                messages.success(request, _("%(name)s was attached.") % {"name": attachment.original_name})
                return HttpResponseRedirect(application.get_absolute_url())
        context = {
            "object": application,
            **action_forms(request.user, application),
            **attachment_context(request.user, application, form),
        }
        return render(request, "lawyers/application_detail.html", context, status=400)


class ApplicationAttachmentDownloadView(RoleRequiredMixin, View):
    allowed_roles = PEOPLE_READERS

    def get(self, request, pk):
        return kept_file_response(get_object_or_404(ApplicationAttachment.objects.visible_to(request.user), pk=pk))
