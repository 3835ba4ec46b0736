import django_tables2 as tables
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.choices import Role
from chenggu_lawyers.views import RoleRequiredMixin, ScopedListView

from . import services
from .models import Notice

EVERYONE = frozenset(Role.values)


class NoticeTable(tables.Table):
    title = tables.Column(linkify=("notices:notice_open", {"pk": tables.A("pk")}))
    created_at = tables.DateTimeColumn(verbose_name=_("time"), format="Y-m-d H:i")
    read_at = tables.DateTimeColumn(format="Y-m-d H:i", default="")

    class Meta:
        model = Notice
        fields = ("title", "created_at", "read_at")
        attrs = {"class": "table table-hover table-sm align-middle"}
        row_attrs = {"class": lambda record: "" if record.read_at else "fw-semibold"}
        order_by = ("-created_at",)
        empty_text = _("No notices.")


class NoticeListView(ScopedListView):
    model = Notice
    allowed_roles = EVERYONE
    table_class = NoticeTable
    filterset_class = None
    template_name = "notices/notice_list.html"
    title = _("Notices")


class NoticeOpenView(RoleRequiredMixin, View):
    """Opening a notice marks it read and follows its link."""

    allowed_roles = EVERYONE

    def get(self, request, pk):
        notice = get_object_or_404(Notice.objects.visible_to(request.user), pk=pk)
        services.mark_read(user=request.user, notices=[notice])
        target = notice.url if url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None) else ""
        return HttpResponseRedirect(target or reverse("notices:notice_list"))


class NoticeReadAllView(RoleRequiredMixin, View):
    allowed_roles = EVERYONE

    def post(self, request):
        services.mark_read(user=request.user)
        return HttpResponseRedirect(reverse("notices:notice_list"))
