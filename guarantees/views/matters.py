"""What a matter's page offers from this app: its attachments, its expense claims and its commission letter."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction
from chenggu_lawyers.official_documents import DOCX_CONTENT_TYPE
from chenggu_lawyers.views import RoleRequiredMixin
from matters.models import Matter, Opinion

from .. import services
from ..forms import AttachmentForm, LetterForm
from ..letters import render_docx
from ..matter_access import letter_lawyers, matter_letter, may_read_letter, needs_letter
from ..models import Attachment
from ..roles import ATTACHMENT_READERS, LETTER_DOWNLOADERS


def visible_matter(user, pk) -> Matter:
    return get_object_or_404(Matter.objects.visible_to(user).select_related("unit"), pk=pk)


class MatterPanelView(RoleRequiredMixin, View):
    """The matter's files, expenses and letter on a page of their own, with the upload form; the matters
    app's page can include the same panel (`guarantees/_matter_panel.html`)."""

    allowed_roles = ATTACHMENT_READERS
    template_name = "guarantees/matter_panel.html"

    def render_page(self, matter, form, status=200):
        context = {
            "matter": matter,
            "panel": services.matter_panel(matter, self.request.user),
            "form": form,
            "title": matter.title,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_page(visible_matter(request.user, pk), AttachmentForm())

    @staticmethod
    def next_url(request) -> str:
        """Back to the page the panel was on (the matter's page), never to another site."""
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return request.path

    def post(self, request, pk):
        matter = visible_matter(request.user, pk)
        if not services.may_upload(request.user, matter):
            raise PermissionDenied
        opinions = Opinion.objects.filter(matter=matter, author=request.user)
        form = AttachmentForm(request.POST, request.FILES, opinions=opinions)
        if form.is_valid():
            try:
                attachment = services.attachment_add(
                    actor=request.user,
                    matter=matter,
                    upload=form.cleaned_data["file"],
                    opinion=form.cleaned_data["opinion"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("%(name)s was attached.") % {"name": attachment.original_name})
                return HttpResponseRedirect(self.next_url(request))
        return self.render_page(matter, form, status=400)


class AttachmentDownloadView(RoleRequiredMixin, View):
    allowed_roles = ATTACHMENT_READERS

    def get(self, request, pk):
        attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
        )


class CommissionLetterView(RoleRequiredMixin, View):
    """The matter's commission letter as .docx, generated now and not stored: it is printed and stamped."""

    allowed_roles = LETTER_DOWNLOADERS

    def get(self, request, pk):
        matter = visible_matter(request.user, pk)
        if not may_read_letter(request.user, matter):
            # A lawyer assigned to the matter who has not accepted it (or declined it) sees the matter, not
            # the letter that would name them.
            raise PermissionDenied
        back = HttpResponseRedirect(matter.get_absolute_url())
        if not needs_letter(matter):
            messages.error(
                request, _("Only litigation, reconsideration and arbitration matters have a commission letter.")
            )
            return back
        if not matter.forum:
            messages.error(request, _("Record the court or arbitration body of the matter first."))
            return back
        lawyers = letter_lawyers(matter)
        if not lawyers:
            messages.error(request, _("No public lawyer has accepted the matter yet; the letter names them."))
            return back
        form = LetterForm(request.GET or None)
        authority = form.cleaned_data["authority"] if form.is_valid() else LetterForm.base_fields["authority"].initial
        letter = matter_letter(matter, lawyers=lawyers, authority=authority)
        record(action=AuditAction.EXPORT, obj=matter, changes={"document": "commission_letter", "authority": authority})
        response = HttpResponse(render_docx(letter), content_type=DOCX_CONTENT_TYPE)
        filename = f"委托函-{matter.case_number or matter.pk}.docx"
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response
