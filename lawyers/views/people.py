from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers import in_force
from chenggu_lawyers.in_force import LEGAL_WORK
from chenggu_lawyers.views import (
    ScopedActionView,
    ScopedCreateView,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    ScopedRevealView,
    ScopedUpdateView,
)

from .. import services
from ..eligibility import checklist
from ..filters import PersonFilterSet
from ..forms import LegalWorkEndForm, LegalWorkPeriodForm, PersonCreateForm, PersonForm, TransferForm
from ..models import Application, Certificate, CertificateCorrection, LegalWorkPeriod, Person, Posting
from ..roles import CERTIFIERS, PEOPLE_KEEPERS, PEOPLE_READERS, PERSON_PAGE_READERS, REVEAL_ROLES
from ..tables import PersonTable


class PersonQuerysetMixin:
    model = Person
    select_related = ("unit",)

    def get_queryset(self):
        return super().get_queryset().with_standing().with_legal_work()


class PersonListView(PersonQuerysetMixin, ScopedListView):
    allowed_roles = PEOPLE_READERS
    filterset_class = PersonFilterSet
    table_class = PersonTable
    table_exclude = ("sitting_exam_this_year", "post", "legal_qualification_class")
    export_url_name = "lawyers:person_export"
    create_url_name = "lawyers:person_create"
    import_url_name = "lawyers:person_import"
    create_roles = PEOPLE_KEEPERS
    title = _("Qualified staff and public lawyers")

    def get_table_kwargs(self):
        exclude = self.table_exclude
        if self.request.user.unit_id:
            exclude += ("unit",)  # an officer's list is all one unit
        return {"exclude": exclude}


class PersonExportView(PersonQuerysetMixin, ScopedExportView):
    allowed_roles = PEOPLE_READERS
    filterset_class = PersonFilterSet
    table_class = PersonTable
    title = _("Qualified staff and public lawyers")
    reveal_roles = REVEAL_ROLES


def legal_work_in_order():
    """A person's periods of full-time legal work, the one since before the records first."""
    return LegalWorkPeriod.objects.order_by(F("started_on").asc(nulls_first=True), "pk")


class PersonDetailView(ScopedDetailView):
    model = Person
    allowed_roles = PERSON_PAGE_READERS
    select_related = ("unit",)
    template_name = "lawyers/person_detail.html"
    edit_url_name = "lawyers:person_update"
    edit_roles = PEOPLE_KEEPERS
    reveal_url_name = "lawyers:person_reveal"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("postings", queryset=Posting.objects.select_related("unit").order_by("started_on")),
                Prefetch(
                    "certificates",
                    queryset=Certificate.objects.prefetch_related(
                        "suspensions",
                        Prefetch("corrections", queryset=CertificateCorrection.objects.select_related("actor")),
                    ),
                ),
                Prefetch("applications", queryset=Application.objects.prefetch_related("steps__actor")),
                Prefetch("legal_work_periods", queryset=legal_work_in_order()),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person, user = self.object, self.request.user
        context["checklist"] = checklist(person)
        context["eligible"] = all(item.met for item in context["checklist"])
        certificates = list(person.certificates.all())
        for certificate in certificates:
            for correction in certificate.corrections.all():
                # The corrected field by its label ("issued on"), from the model: no query.
                correction.field_label = capfirst(Certificate._meta.get_field(correction.field).verbose_name)
        context["certificates"] = certificates
        context["live_certificate"] = next((c for c in certificates if c.is_live), None)
        context["open_application"] = next(
            (a for a in person.applications.all() if a.status in ("submitted", "returned", "approved")), None
        )
        today = timezone.localdate()
        # Read from the prefetched postings, as Person.objects.on_roster decides it (no query).
        context["on_roster"] = any(
            posting.unit_id == person.unit_id and in_force.POSTING.holds(posting, today)
            for posting in person.postings.all()
        )
        context["may_apply"] = (
            user.role in PEOPLE_KEEPERS
            and context["on_roster"]
            and context["eligible"]
            and not context["live_certificate"]
            and not context["open_application"]
        )
        # Read from the prefetched periods with the one rule of "in legal work on d" (no query).
        context["legal_work_periods"] = list(person.legal_work_periods.all())
        context["in_legal_work"] = any(LEGAL_WORK.holds(period, today) for period in context["legal_work_periods"])
        context["may_certify"] = user.role in CERTIFIERS
        # The buttons ask the views that act (as the reveal button does); the scoping rule that let the user
        # open this page is the one those views apply, and the service checks the unit again.
        context["may_keep_legal_work"] = user.role in LegalWorkActionView.allowed_roles
        context["may_report_discipline"] = user.role in PEOPLE_KEEPERS and bool(certificates)
        return context


class PersonRevealView(ScopedRevealView):
    """The ID number, birth date and phone in full (the scoping rule limits a public lawyer to their own)."""

    model = Person
    allowed_roles = REVEAL_ROLES | {Role.PUBLIC_LAWYER}

    def rows(self, obj):
        birth = (capfirst(Person._meta.get_field("birth_date").verbose_name), f"{obj.birth_date:%Y-%m-%d}")
        rows = super().rows(obj)
        return [rows[0], birth, *rows[1:]]


class PersonCreateView(ScopedCreateView):
    model = Person
    form_class = PersonCreateForm
    allowed_roles = PEOPLE_KEEPERS
    success_message = _("%(name)s was registered.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.request.user.unit}

    def form_valid(self, form):
        try:
            self.object = services.person_register(
                actor=self.request.user,
                person=form.save(commit=False),
                joined_on=form.cleaned_data["joined_on"],
                full_time_legal=form.cleaned_data["full_time_legal"],
                legal_work_since=form.cleaned_data["legal_work_since"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message(form.cleaned_data))
        return HttpResponseRedirect(self.object.get_absolute_url())


class PersonUpdateView(ScopedUpdateView):
    model = Person
    form_class = PersonForm
    allowed_roles = PEOPLE_KEEPERS
    success_message = _("%(name)s was saved.")

    def form_valid(self, form):
        # The person and their legal work are saved together, and the success message is added only once
        # both are: a refused period rolls the person back and must not leave "saved" on the next page.
        try:
            with transaction.atomic():
                self.object = form.save()
                services.person_set_legal_work(
                    actor=self.request.user,
                    person=self.object,
                    working=form.cleaned_data["full_time_legal"],
                    since=form.cleaned_data["legal_work_since"],
                )
        except ValidationError as error:
            form.add_error("legal_work_since", error.messages)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message(form.cleaned_data))
        return HttpResponseRedirect(self.get_success_url())


class PersonActionView(ScopedActionView):
    """A form page acting on one person through a service; the person comes through the scoping rule."""

    model = Person

    @property
    def person(self) -> Person:
        return self.object


class PersonTransferView(PersonActionView):
    allowed_roles = CERTIFIERS
    form_class = TransferForm
    title = _("Transfer to another unit")

    def get_form(self, data=None):
        return TransferForm(data, user=self.request.user, initial={"on": timezone.localdate()})

    def act(self, form):
        services.person_transfer(
            actor=self.request.user, person=self.person, to_unit=form.cleaned_data["unit"], on=form.cleaned_data["on"]
        )
        messages.success(
            self.request,
            _("%(name)s now works in %(unit)s.") % {"name": self.person.name, "unit": form.cleaned_data["unit"]},
        )


class LegalWorkActionView(PersonActionView):
    """Add, end or correct a period of a person's full-time legal work: the unit's legal office (R3.1). The
    form page lists the periods already recorded, which the new dates must not overlap."""

    allowed_roles = PEOPLE_KEEPERS
    template_name = "lawyers/legal_work_form.html"
    success_text = ""

    def get_context(self, form) -> dict:
        periods = legal_work_in_order().filter(person=self.person)
        return {**super().get_context(form), "periods": periods, "period": getattr(self, "period", None)}

    def act(self, form):
        self.record(form.cleaned_data)
        messages.success(self.request, self.success_text % {"name": self.person.name})

    def record(self, data) -> None:
        raise NotImplementedError


class LegalWorkAddView(LegalWorkActionView):
    form_class = LegalWorkPeriodForm
    title = _("Add a period of full-time legal work")
    success_text = _("A period of full-time legal work of %(name)s was recorded.")

    def record(self, data):
        services.legal_work_add(
            actor=self.request.user, person=self.person, started_on=data["started_on"], ended_on=data["ended_on"]
        )


class LegalWorkEndView(LegalWorkActionView):
    """End the open period on a chosen day (today unless another is typed)."""

    form_class = LegalWorkEndForm
    title = _("End the period of full-time legal work")
    success_text = _("The full-time legal work of %(name)s was ended.")

    def get_object(self):
        person = super().get_object()
        self.period = person.legal_work_periods.filter(ended_on__isnull=True).first()
        if self.period is None:
            raise Http404  # no open period: nothing to end
        return person

    def get_form(self, data=None):
        return LegalWorkEndForm(data, initial={"ended_on": timezone.localdate()})

    def record(self, data):
        services.legal_work_update(
            actor=self.request.user, period=self.period, started_on=self.period.started_on, ended_on=data["ended_on"]
        )


class LegalWorkCorrectView(LegalWorkActionView):
    """Correct a period's dates; the period is named by `?period=` among the person's own (so the one scoping
    rule on the person decides who reaches it)."""

    form_class = LegalWorkPeriodForm
    title = _("Correct a period of full-time legal work")
    success_text = _("The period of full-time legal work of %(name)s was corrected.")

    def get_object(self):
        person = super().get_object()
        period_id = self.request.GET.get("period", "")
        if not period_id.isdigit():
            raise Http404
        self.period = get_object_or_404(person.legal_work_periods, pk=period_id)
        return person

    def get_form(self, data=None):
        return LegalWorkPeriodForm(
            data, initial={"started_on": self.period.started_on, "ended_on": self.period.ended_on}
        )

    def record(self, data):
        services.legal_work_update(
            actor=self.request.user, period=self.period, started_on=data["started_on"], ended_on=data["ended_on"]
        )
