"""The unit officers' roster import (摸排, R1.6): one person per row, keyed by the ID number."""

from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.constraints import validate_constraints
from chenggu_lawyers.imports import ImportColumn, SpreadsheetImporter

from . import services
from .choices import AnnualGrade, QualificationClass, Sex
from .forms import PersonForm
from .models import Person

YEARS_FIELDS = ("legal_work_years", "judicial_years")


class IdNumberColumn(ImportColumn):
    """The key column: read as text, stripped and upper-cased, so the file's keys compare like stored ones."""

    def to_form_value(self, raw):
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            # Excel turns an ID number typed into a General cell into a number: a trailing X is lost and
            # digits past the 15th may be rounded. Read the digits back; the ID check says what is wrong.
            return str(int(raw))
        return super().to_form_value(raw).upper()


class PersonImportForm(PersonForm):
    """One row of the roster: a person of the officer's unit and, for a new person, since when they work there."""

    joined_on = forms.DateField(label=_("in this unit since"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty cell means no such years; the web form asks for the number instead.
        for name in YEARS_FIELDS:
            self.fields[name].required = False

    def clean_legal_work_years(self):
        return self.cleaned_data["legal_work_years"] or 0

    def clean_judicial_years(self):
        return self.cleaned_data["judicial_years"] or 0

    def _post_clean(self):
        # The importer validates a whole file at once: every ID number of the file was looked up in one query
        # (existing_by_key) and duplicates within the file are refused by row, so Person.clean skips its own
        # query; the check constraints are decided in Python instead of one query each. The database still
        # enforces both when the rows are written.
        self.instance._duplicates_checked = True
        self.instance.validate_constraints = partial(validate_constraints, self.instance)
        super()._post_clean()

    def clean_joined_on(self):
        joined_on = self.cleaned_data["joined_on"]
        if joined_on is not None and joined_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return joined_on


class PersonImporter(SpreadsheetImporter):
    """Each unit's legal office surveys its own staff (R1.6, R3.1); a re-import updates the people it created."""

    model = Person
    form_class = PersonImportForm
    key_field = "id_number"
    sheet_title = _("Roster")
    template_filename = "roster-template.xlsx"
    instructions = (
        _("Roster import template (qualified staff survey)"),
        _("Fill in one person per row on the first sheet; yellow columns are required."),
        _("Type ID numbers as text: Excel drops a trailing X and rounds long numbers."),
        _(
            "A row whose ID number is already registered in your unit updates that person; other rows register "
            "new people in your unit."
        ),
        _("People registered in another unit are transferred by the justice bureau, not by an import."),
        _("Nothing is imported while any row has an error; the preview lists every error."),
    )
    columns = (
        ImportColumn("name", _("Full name"), required=True),
        ImportColumn("sex", _("Sex"), kind="choice", choices=Sex, help=_("Read from the ID number when empty.")),
        IdNumberColumn(
            "id_number", _("ID number"), required=True, as_text=True, help=_("18 characters; the last may be X.")
        ),
        ImportColumn("phone", _("Phone")),
        ImportColumn("post", _("Post")),
        ImportColumn("full_time_legal", _("Full-time on legal affairs"), required=True, kind="bool"),
        ImportColumn(
            "legal_work_since",
            _("Full-time legal work since"),
            kind="date",
            help=_("For example 2018-07-01; empty: since before the portal's records."),
        ),
        ImportColumn("legal_work_years", _("Years of legal work"), help=_("Whole years; empty counts as 0.")),
        ImportColumn(
            "judicial_years",
            _("Years as judge, prosecutor or lawyer"),
            help=_("Whole years; empty counts as 0."),
        ),
        ImportColumn("last_annual_grade", _("Last annual grade"), kind="choice", choices=AnnualGrade),
        ImportColumn(
            "legal_qualification_class",
            _("Legal qualification class"),
            kind="choice",
            choices=QualificationClass,
            help=_("With a class, the certificate number is required."),
        ),
        ImportColumn("legal_qualification_number", _("Legal qualification number")),
        ImportColumn("legal_qualification_year", _("Legal qualification year"), help=_("For example 2017.")),
        ImportColumn("lawyer_qualification_number", _("Lawyer qualification number")),
        ImportColumn("lawyer_qualification_year", _("Lawyer qualification year")),
        ImportColumn(
            "qualified_on",
            _("Qualified on"),
            kind="date",
            help=_("The day the qualification was obtained; empty: 31 December of the earliest year above."),
        ),
        ImportColumn("sitting_exam_this_year", _("Sitting the legal exam this year"), kind="bool"),
        ImportColumn(
            "joined_on",
            _("In this unit since"),
            kind="date",
            help=_("For example 2019-03-01. Used only for people not registered yet; empty if before the portal."),
        ),
    )

    def existing_by_key(self, keys):
        # Unscoped on purpose: an ID number is unique county-wide, and a person of another unit must be found
        # so that check_row refuses the row instead of letting it fail as a duplicate. Nothing read here is
        # shown to the user or written.
        return {person.id_number: person for person in Person.objects.with_id_numbers(keys)}

    def check_row(self, data, instance):
        if instance is not None and instance.unit_id != self.user.unit_id:
            # Which unit is not said: the officer may not see another unit's people (DOMAIN.md).
            message = gettext(
                "This ID number is registered in another unit; a transfer is recorded by the justice bureau."
            )
            return [f"【{self._label('id_number')}】{message}"]
        return []

    def form_kwargs(self):
        # Every row goes into the officer's own unit, whatever the file says.
        return {"user": self.user, "unit": self.user.unit}

    def save_row(self, form):
        if form.instance.pk is None:
            services.person_register(
                actor=self.user, person=form.save(commit=False), joined_on=form.cleaned_data.get("joined_on")
            )
        else:
            form.save()

    def save_rows(self, forms):
        # New people in bulk (a survey is mostly new rows); an updated person is saved as the form does.
        for form in forms:
            if form.instance.pk is not None:
                form.save()
                services.person_set_legal_work(
                    actor=self.user,
                    person=form.instance,
                    working=form.cleaned_data["full_time_legal"],
                    since=form.cleaned_data.get("legal_work_since"),
                )
        new = [form for form in forms if form.instance.pk is None]
        if new:
            services.people_register(
                actor=self.user,
                people=[(form.save(commit=False), form.cleaned_data.get("joined_on")) for form in new],
                legal_work={
                    form.instance.id_number: form.cleaned_data.get("legal_work_since")
                    for form in new
                    if form.cleaned_data["full_time_legal"]
                },
            )

    def _label(self, field):
        return next(column.label for column in self.columns if column.field == field)
