"""The roster import writes its rows in bulk (issue 10) and keeps every audit entry and its all-or-nothing."""

import pytest

from bench.import_roster import id_number, write_file
from chenggu_lawyers.imports import ImportRejected
from chenggu_lawyers.models import AuditEvent
from lawyers.importers import PersonImporter
from lawyers.models import Person, Posting

pytestmark = pytest.mark.django_db


def test_it_registers_every_row_with_its_posting_and_audit_entries(users, tmp_path, django_assert_max_num_queries):
    path = tmp_path / "roster.xlsx"
    write_file(path, 300)
    officer = users["officer_a"]
    # Not a query per row (300 rows): the transaction's savepoints, the officer's unit, one lookup of the
    # file's ID numbers, multi-row inserts of people, postings and audit entries, the import's own entry.
    with django_assert_max_num_queries(30):
        preview = PersonImporter(user=officer).commit(path, filename="roster.xlsx")
    assert preview.created_count == 300
    people = Person.objects.filter(unit=officer.unit)
    assert people.count() == 300 and Posting.objects.filter(person__in=people, unit=officer.unit).count() == 300
    assert Person.objects.with_id_numbers([id_number(7)]).get().name == "导入00007"
    created = AuditEvent.objects.filter(action="create")  # the actor is the request's, as for a single save
    assert created.filter(object_type="lawyers.person").count() == 300
    assert created.filter(object_type="lawyers.posting").count() == 300
    entry = created.filter(object_type="lawyers.person").first()
    assert "*" in entry.changes["after"]["id_number"]  # masked in the log, as a single save logs it


def test_it_writes_nothing_when_one_row_of_many_is_wrong(users, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "roster.xlsx"
    write_file(path, 50)
    workbook = load_workbook(path)
    sheet = workbook.active
    sheet.cell(row=40, column=3, value="610722198501011230")  # a wrong check digit
    workbook.save(path)
    with pytest.raises(ImportRejected) as rejected:
        PersonImporter(user=users["officer_a"]).commit(path)
    assert [row.number for row in rejected.value.preview.error_rows] == [40]
    assert not Person.objects.exists() and not Posting.objects.exists()
