"""Generic views every screen is declared on: role check, scoped querysets, lists, exports, imports.

Anonymous users are sent to the login page, a role that may not use a page gets 403, and an object
outside the user's scope is not in the queryset, so it answers 404.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .archives import UnsafeArchive, check_zip_archive
from .audit import record
from .crypto import encrypted_fields
from .forms import SpreadsheetUploadForm, add_service_error
from .imports import ImportRejected
from .models import AuditAction
from .punctuation import join_clauses, labelled
from .spreadsheets import SpreadsheetError, check_spreadsheet_file, xlsx_response
from .tables import RevealableTable, export_values


class RoleRequiredMixin(LoginRequiredMixin):
    """Only the roles in `allowed_roles` may use the view; others get 403."""

    allowed_roles: frozenset[str] = frozenset()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.role not in self.allowed_roles:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedQuerysetMixin(RoleRequiredMixin):
    """Reads go through the model's one scoping rule."""

    model = None
    select_related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset


class ScopedListView(ScopedQuerysetMixin, SingleTableMixin, FilterView):
    """A filtered, paginated, sortable table; `export_url_name` adds an Excel download of the filtered rows."""

    template_name = "generic/object_list.html"
    # Without a filterset_class, no filters (django-filter would otherwise build one for every field).
    filterset_fields: tuple[str, ...] = ()
    # The table paginates; ListView's own paginator would count the rows a second time.
    paginate_by = None
    per_page = settings.PAGINATE_BY
    export_url_name: str | None = None
    create_url_name: str | None = None
    create_roles: frozenset[str] = frozenset()
    import_url_name: str | None = None
    title = ""

    table_exclude: tuple[str, ...] = ()

    def get_table_pagination(self, table):
        return {"per_page": self.per_page}

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        page = getattr(table, "page", None)
        if page is not None and isinstance(page.object_list.data, QuerySet):
            page.object_list.data = page_by_keys(page.object_list.data)
        return table

    def get_table_kwargs(self):
        return {"exclude": self.table_exclude}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["title"] = self.title or capfirst(self.model._meta.verbose_name_plural)
        context["export_url"] = reverse(self.export_url_name) if self.export_url_name else None
        if context["export_url"]:
            export_view = resolve(context["export_url"]).func.view_class
            context["may_reveal_export"] = user.role in getattr(export_view, "reveal_roles", ())
        may_create = user.role in self.create_roles
        context["create_url"] = reverse(self.create_url_name) if self.create_url_name and may_create else None
        context["import_url"] = reverse(self.import_url_name) if self.import_url_name and may_create else None
        return context


def page_by_keys(page: QuerySet) -> QuerySet:
    """A page (a sliced, ordered queryset) read as the page's keys first, then the rows with those keys.

    One statement still: `WHERE pk IN (SELECT pk … ORDER BY … LIMIT … OFFSET …)`. The inner query orders and
    skips on keys alone, so the annotations, joins and prefetches of the list (a person's standing, a
    matter's overdue flag) are computed for the page's rows only; PostgreSQL otherwise plans them for every
    row the ORDER BY reads (issue 10: the people register's standing was hashed over whole tables). The
    ordering gets the primary key as a last key, so that rows equal on the visible keys are cut into pages
    the same way on every request. Lists of values, groups (totals) or unions are read as they are."""
    query = page.query
    if query.low_mark == 0 and query.high_mark is None:
        return page
    if page._fields is not None or query.group_by is not None or query.distinct or query.combinator:
        # Rows of values, groups or unions: a key filter would change what is grouped or combined.
        return page
    ordering = list(query.order_by) or list(page.model._meta.ordering)
    if not {"pk", "-pk", page.model._meta.pk.name, f"-{page.model._meta.pk.name}"} & {
        item for item in ordering if isinstance(item, str)
    }:
        ordering.append("pk")
    rows = page._chain()
    rows.query.clear_limits()
    rows = rows.order_by(*ordering)
    keys = rows[query.low_mark : query.high_mark].values("pk")
    return rows.filter(pk__in=keys)


def filter_summary(filterset) -> str:
    """The filters in force as the user chose them: labels, not stored values."""
    if not (filterset.is_bound and filterset.is_valid()):
        return ""
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", []):
            continue
        form_field = filterset.form.fields[name]
        choices = dict(getattr(form_field, "choices", ()) or ())
        shown = choices.get(value, choices.get(str(value), value)) if choices else value
        if isinstance(shown, bool):
            shown = _("Yes") if shown else _("No")
        parts.append(labelled(form_field.label, shown))
    # In the reader's punctuation (单位：甲；状态：已提交), as the export's header and the audit log show it.
    return join_clauses(parts)


EXPORT_CHUNK = 2000


class ScopedExportView(ScopedQuerysetMixin, View):
    """The filtered list as .xlsx, with a header block saying when, what and which filters.

    Personal numbers (MaskedColumn) are masked; `?reveal=1` exports them whole for the roles in
    `reveal_roles` (others get 403), and that is recorded as a reveal beside the export."""

    filterset_class = None
    table_class = None
    title = ""
    reveal_roles: frozenset[str] = frozenset()

    def get(self, request, *args, **kwargs):
        self.revealed = request.GET.get("reveal") == "1"
        if self.revealed and request.user.role not in self.reveal_roles:
            raise PermissionDenied
        filterset = self.filterset_class(request.GET or None, queryset=self.get_queryset(), request=request)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        table = self.get_table(queryset)
        values = export_values(table)
        headers = next(values)  # read while the table still knows its model (the headers' verbose names)
        if isinstance(table.data.data, QuerySet):
            # The rows read in chunks while the workbook is written, not all at once: memory stays flat however
            # many rows (issue 10: 100,000 rows took gigabytes when the table cached the whole queryset).
            table.data.data = table.data.data.iterator(chunk_size=EXPORT_CHUNK)
        title = str(self.title or capfirst(self.model._meta.verbose_name_plural))
        filters = filter_summary(filterset)
        now = timezone.localtime()
        record(
            action=AuditAction.EXPORT,
            object_type=self.model._meta.label_lower,
            object_repr=title,
            changes={"filters": filters, "personal_data": "whole" if self.revealed else "masked"},
        )
        if self.revealed:
            record(
                action=AuditAction.REVEAL,
                object_type=self.model._meta.label_lower,
                object_repr=title,
                changes={"fields": [field.name for field in encrypted_fields(self.model)], "export": filters},
            )
        return xlsx_response(
            filename=f"{slugify(self.model._meta.model_name)}-{now:%Y%m%d-%H%M}.xlsx",
            sheet_title=title,
            headers=headers,
            rows=values,
            header_block=[
                (_("Title"), title),
                (_("Exported at"), f"{now:%Y-%m-%d %H:%M}"),
                (_("Exported by"), request.user.get_full_name() or request.user.get_username()),
                (_("Filters"), filters or _("none")),
            ],
        )

    def get_table(self, queryset):
        if issubclass(self.table_class, RevealableTable):
            return self.table_class(queryset, revealed=self.revealed)
        return self.table_class(queryset)


class ScopedDetailView(ScopedQuerysetMixin, DetailView):
    """One object's page; `reveal_url_name` names its ScopedRevealView, offered to the roles that view allows."""

    template_name = "generic/object_detail.html"
    edit_url_name: str | None = None
    edit_roles: frozenset[str] = frozenset()
    reveal_url_name: str | None = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.edit_url_name and self.request.user.role in self.edit_roles:
            context["edit_url"] = reverse(self.edit_url_name, args=[self.object.pk])
        if self.reveal_url_name:
            reveal_url = reverse(self.reveal_url_name, args=[self.object.pk])
            if self.request.user.role in resolve(reveal_url).func.view_class.allowed_roles:
                context["reveal_url"] = reveal_url
        return context


class ScopedRevealView(ScopedQuerysetMixin, View):
    """One object's personal numbers shown whole: a permission of its own (`allowed_roles`, narrowed by the
    scoping rule), asked for with a POST and recorded in the audit log. The page is not cached."""

    template_name = "generic/reveal.html"
    http_method_names = ["post"]

    def rows(self, obj) -> list[tuple[str, str]]:
        return [(capfirst(field.verbose_name), getattr(obj, field.attname)) for field in encrypted_fields(self.model)]

    def post(self, request, *args, **kwargs):
        obj = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        record(
            action=AuditAction.REVEAL,
            obj=obj,
            changes={"fields": [field.name for field in encrypted_fields(self.model)]},
        )
        response = render(
            request,
            self.template_name,
            {"object": obj, "rows": self.rows(obj), "title": _("Personal data of %(object)s") % {"object": obj}},
        )
        patch_cache_control(response, no_store=True, private=True)
        return response


class ScopedFormMixin(SuccessMessageMixin):
    template_name = "generic/object_form.html"
    success_message = gettext_lazy("Saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


class ScopedCreateView(RoleRequiredMixin, ScopedFormMixin, CreateView):
    pass


class ScopedUpdateView(ScopedQuerysetMixin, ScopedFormMixin, UpdateView):
    pass


class ScopedActionView(ScopedQuerysetMixin, View):
    """A form page that acts on one object through a service (suspend, transfer, terminate …).

    The object comes through the scoping rule, so another unit's object answers 404; a refused step
    re-shows the form with what was typed and the service's message.
    """

    form_class = None
    template_name = "generic/object_form.html"
    title = ""

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_form(self, data=None):
        return self.form_class(data)

    def get_context(self, form) -> dict:
        return {
            "form": form,
            "object": self.object,
            "title": self.title,
            "cancel_url": self.object.get_absolute_url(),
            "heading": f"{self.title} · {self.object}",
        }

    def render_form(self, form):
        return render(self.request, self.template_name, self.get_context(form))

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                self.act(form)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return HttpResponseRedirect(self.get_success_url())
        return self.render_form(form)

    def act(self, form):
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class SpreadsheetTemplateView(RoleRequiredMixin, View):
    importer_class = None

    def get(self, request, *args, **kwargs):
        return self.importer_class(user=request.user).template_response()


class SpreadsheetImportView(RoleRequiredMixin, View):
    """Upload → preview of every row with its errors → confirm → all-or-nothing commit.

    The uploaded file waits under IMPORT_DIR between preview and confirm; the session remembers which
    files this user uploaded, so a token cannot name somebody else's file.
    """

    importer_class = None
    template_name = "generic/import.html"
    template_url_name = ""
    success_url_name = ""
    title = ""
    session_key = "pending_imports"

    def context(self, **extra):
        return {
            "title": self.title,
            "template_url": reverse(self.template_url_name),
            "cancel_url": self.get_success_url(),
            "columns": self.importer_class.columns,
            **extra,
        }

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.context(form=SpreadsheetUploadForm()))

    def post(self, request, *args, **kwargs):
        importer = self.importer_class(user=request.user)
        if "token" in request.POST:
            return self.confirm(request, importer)
        form = SpreadsheetUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form=form))
        upload = form.cleaned_data["file"]
        try:
            check_spreadsheet_file(upload.name, upload.read(8))
        except SpreadsheetError as error:
            form.add_error("file", str(error))
            return render(request, self.template_name, self.context(form=form))
        upload.seek(0)
        if not upload.name.lower().endswith(".xls"):
            try:
                check_zip_archive(upload)
            except UnsafeArchive as error:
                form.add_error("file", str(error))
                return render(request, self.template_name, self.context(form=form))
        token = uuid.uuid4().hex
        path = self.pending_path(token, upload.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        pending = request.session.get(self.session_key, {})
        pending[token] = {"path": str(path), "name": upload.name}
        request.session[self.session_key] = pending
        preview = importer.preview(path)
        return render(
            request,
            self.template_name,
            self.context(preview=preview, token=token, filename=upload.name, form=SpreadsheetUploadForm()),
        )

    def confirm(self, request, importer):
        pending = request.session.get(self.session_key, {})
        entry = pending.get(request.POST.get("token", ""))
        if entry is None or not Path(entry["path"]).exists():
            messages.error(request, _("The uploaded file has expired; please upload it again."))
            return HttpResponseRedirect(request.path)
        path = Path(entry["path"])
        try:
            preview = importer.commit(path, filename=entry["name"])
        except ImportRejected as rejected:
            return render(
                request,
                self.template_name,
                self.context(
                    preview=rejected.preview,
                    token=request.POST["token"],
                    filename=entry["name"],
                    form=SpreadsheetUploadForm(),
                ),
            )
        path.unlink(missing_ok=True)
        pending.pop(request.POST["token"], None)
        request.session[self.session_key] = pending
        messages.success(request, self.success_message(preview))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse(self.success_url_name)

    def success_message(self, preview) -> str:
        return _("Imported %(total)s rows: %(created)s new, %(updated)s updated.") % {
            "total": len(preview.rows),
            "created": preview.created_count,
            "updated": preview.updated_count,
        }

    @staticmethod
    def pending_path(token: str, name: str) -> Path:
        suffix = Path(name).suffix.lower()
        return Path(settings.IMPORT_DIR) / f"{token}{suffix}"


def already_handled(request, obj, status_label) -> HttpResponseRedirect:
    """A step the object has moved past (the back button, a second tab, a colleague faster): say so with its
    current state and show the object, instead of a 403 that blames the user's role."""
    messages.info(request, _("Already handled: it is now “%(status)s”.") % {"status": status_label})
    return HttpResponseRedirect(obj.get_absolute_url())
