import django_filters
import django_tables2 as tables
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_otp.plugins.otp_totp.models import TOTPDevice

from chenggu_lawyers.audit import record
from chenggu_lawyers.inbox import waiting_for
from chenggu_lawyers.models import AuditAction
from chenggu_lawyers.tables import YesNoColumn
from chenggu_lawyers.views import ScopedActionView, ScopedCreateView, ScopedListView, ScopedUpdateView
from units.models import Unit

from .choices import Role
from .forms import AccountCreateForm, AccountForm, ResetTwoFactorForm
from .models import User
from .navigation import ROLE_DUTIES
from .sessions import end_sessions_of
from .two_factor import needs_second_factor

ADMINS = frozenset({Role.SYSADMIN})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.user.must_change_password:
            self.request.user.must_change_password = False
            self.request.user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Your password was changed."))
        return response


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["duties"] = ROLE_DUTIES.get(user.role, ())
        context["inbox"] = waiting_for(user)
        if user.role == Role.PUBLIC_LAWYER and user.person_id:
            from lawyers.models import Certificate, Person

            context["person"] = Person.objects.visible_to(user).select_related("unit").filter(pk=user.person_id).first()
            context["certificates"] = list(
                Certificate.objects.visible_to(user).prefetch_related("suspensions").order_by("-issued_on")
            )
        if user.unit_id:
            context["unit"] = Unit.objects.visible_to(user).select_related("superior").filter(pk=user.unit_id).first()
        return context


class MyUnitView(LoginRequiredMixin, TemplateView):
    """A unit-bound account's shortcut to its own unit's page."""

    def get(self, request, *args, **kwargs):
        if not request.user.unit_id:
            raise Http404
        return redirect("units:unit_detail", pk=request.user.unit_id)


class AccountFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All"))
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.all(), empty_label=_("All"))

    class Meta:
        model = User
        fields = ["q", "role", "unit"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.visible_to(request.user) if request else Unit.objects.none()

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value) | Q(last_name__icontains=value) | Q(first_name__icontains=value)
        )


class AccountTable(tables.Table):
    username = tables.Column(linkify=("accounts:user_update", {"pk": tables.A("pk")}))
    full_name = tables.Column(verbose_name=_("full name"), accessor="get_full_name", orderable=False)
    unit = tables.Column(accessor="unit__name", verbose_name=_("unit"), default="")
    is_active = YesNoColumn(verbose_name=_("account enabled"))
    two_factor = YesNoColumn(verbose_name=_("two-factor login"), orderable=False)
    reset = tables.Column(verbose_name="", orderable=False, empty_values=(), exclude_from_export=True)
    last_login = tables.DateTimeColumn(format="Y-m-d H:i", default="")

    class Meta:
        model = User
        fields = ("username", "full_name", "role", "unit", "is_active", "two_factor", "last_login", "reset")
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("username",)

    def render_reset(self, record):
        # Offered only to accounts whose role logs in with a second factor (settings.TWO_FACTOR_ROLES).
        if not needs_second_factor(record):
            return ""
        return format_html(
            '<a href="{}">{}</a>', reverse("accounts:reset_two_factor", args=[record.pk]), _("Reset two-factor login")
        )


class AccountListView(ScopedListView):
    model = User
    allowed_roles = ADMINS
    select_related = ("unit",)
    filterset_class = AccountFilterSet
    table_class = AccountTable
    create_url_name = "accounts:user_create"
    create_roles = ADMINS
    title = _("Accounts")

    def get_queryset(self):
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset().annotate(two_factor=Exists(enrolled))


class AccountCreateView(ScopedCreateView):
    model = User
    form_class = AccountCreateForm
    allowed_roles = ADMINS
    success_url = reverse_lazy("accounts:user_list")
    success_message = _("The account %(username)s was created; its owner must change the password at first login.")


class AccountUpdateView(ScopedUpdateView):
    model = User
    form_class = AccountForm
    allowed_roles = ADMINS
    success_url = reverse_lazy("accounts:user_list")
    success_message = _("The account %(username)s was saved.")


class ResetTwoFactorView(ScopedActionView):
    """The system administrator removes an account's authenticator (a lost phone); its owner enrols a new
    one at the next login."""

    model = User
    form_class = ResetTwoFactorForm
    allowed_roles = ADMINS
    title = _("Reset two-factor login")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.refuse_without_second_factor() or self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.refuse_without_second_factor() or super().post(request, *args, **kwargs)

    def refuse_without_second_factor(self):
        """Back to the list with a message for an account whose role logs in without a second factor."""
        if needs_second_factor(self.object):
            return None
        messages.error(
            self.request,
            _("%(username)s logs in without a second factor (role: %(role)s); there is nothing to reset.")
            % {"username": self.object.username, "role": self.object.get_role_display()},
        )
        return redirect("accounts:user_list")

    def act(self, form):
        if self.object.pk == self.request.user.pk:
            # Nobody weakens their own login (三员): another administrator resets it.
            raise ValidationError(_("You cannot reset your own two-factor login; ask another administrator."))
        TOTPDevice.objects.filter(user=self.object).delete()
        # A session verified with the old device must not outlive it.
        ended = end_sessions_of(self.object)
        record(
            action=AuditAction.UPDATE,
            obj=self.object,
            changes={"two_factor": ["enrolled", "reset"], "sessions_ended": ended},
        )
        messages.success(
            self.request,
            _("Two-factor login of %(username)s was reset; a new authenticator is enrolled at the next login.")
            % {"username": self.object.username},
        )
