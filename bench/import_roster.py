# ruff: noqa: E501  (benchmark tooling: local tools on loopback, long report lines)
"""Roster import: a 10,000-row .xlsx into the survey, ours against django-import-export, same file and model.

    python -m bench.import_roster [--scale province] [--rows 10000]

One file, 10,000 new people for one unit (valid ID numbers, the template's columns and headers), imported
as that unit's legal officer:
- ours: `lawyers.importers.PersonImporter.commit` (validation of every row with its errors, then every row
  written in one transaction, audit events included);
- django-import-export with default settings (a ModelResource mapping the same columns; model validation on,
  as the model's invariants need it: the birth date and sex come from the ID number in Person.clean);
- django-import-export tuned: `use_bulk`, `skip_diff`, `batch_size=1000`.
Each import runs in a transaction rolled back afterwards, so each starts from the same database. Both keep
per-row errors and all-or-nothing (import-export's `use_transactions` rolls back on any row error).
Goal: ours ≥ 10 × the default and ≥ 2 × the tuned one.
"""

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench import common

LEGAL_WORK_SINCE = date(2020, 3, 1)  # every row: in full-time legal work since this day


def id_number(index: int) -> str:
    from lawyers.validators import id_check_char

    birth = date(1970, 1, 1) + timedelta(days=index % 10_000)
    first17 = f"820100{birth:%Y%m%d}{(index // 10_000) * 2 + 101:03d}"
    return first17 + id_check_char(first17)


def write_file(path: Path, rows: int) -> None:
    from django.utils import translation
    from openpyxl import Workbook

    from lawyers.importers import PersonImporter

    with translation.override("zh-hans"):
        headers = [str(column.label) for column in PersonImporter.columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    sheet.append(headers)
    for index in range(rows):
        number = id_number(index)
        sex = "M" if int(number[16]) % 2 else "F"
        values = {
            "name": f"导入{index:05d}",
            "sex": sex,
            "id_number": number,
            "phone": f"139{index:08d}",
            "post": "法制股",
            "full_time_legal": 1,
            "legal_work_since": LEGAL_WORK_SINCE,
            "legal_work_years": 3 + index % 10,
            "judicial_years": 0,
            "last_annual_grade": "competent",
            "legal_qualification_class": "A",
            "legal_qualification_number": f"A2016820100{index:05d}",
            "legal_qualification_year": 2016,
            "lawyer_qualification_number": "",
            "lawyer_qualification_year": None,
            "qualified_on": None,  # 31 December of the qualification year, as the import fills it in
            "sitting_exam_this_year": 0,
            "joined_on": date(2020, 3, 1),
        }
        sheet.append([values[column.field] for column in PersonImporter.columns])
    workbook.save(path)


def resource_class(officer, *, tuned: bool):
    """A ModelResource for the same columns, headers and model; the unit, the posting and the period of
    full-time legal work (a LegalWorkPeriod, not a column of Person) as ours does."""
    from django.utils import translation
    from import_export import fields, resources, widgets

    from lawyers.importers import PersonImporter
    from lawyers.models import LegalWorkPeriod, Person, Posting

    with translation.override("zh-hans"):
        labels = {column.field: str(column.label) for column in PersonImporter.columns}
    not_on_person = ("joined_on", "full_time_legal", "legal_work_since")  # read from the row by the hooks below
    declared = {}
    for name, label in labels.items():
        widget = None
        if name in ("full_time_legal", "sitting_exam_this_year"):
            widget = widgets.BooleanWidget()
        elif name in ("joined_on", "legal_work_since", "qualified_on"):
            widget = widgets.DateWidget()
        elif name not in (
            "legal_work_years",
            "judicial_years",
            "legal_qualification_year",
            "lawyer_qualification_year",
        ):
            widget = widgets.CharWidget(allow_blank=True)
        declared[name] = fields.Field(
            attribute=None if name in not_on_person else name, column_name=label, widget=widget
        )

    class Meta:
        model = Person
        fields = tuple(labels)
        import_id_fields = ("id_number",)
        clean_model_instances = True
        use_transactions = True
        if tuned:
            use_bulk = True
            skip_diff = True
            batch_size = 1000

    def get_instance(self, instance_loader, row):
        # The ID number is stored encrypted: found by its digest, as the portal does.
        return Person.objects.with_id_numbers([row[labels["id_number"]]]).first()

    def init_instance(self, row=None):
        return Person(unit_id=officer.unit_id)

    def after_save_instance(self, instance, row, **kwargs):
        if not tuned and not kwargs.get("dry_run"):
            Posting.objects.create(person=instance, unit_id=officer.unit_id, started_on=row[labels["joined_on"]])
            if row[labels["full_time_legal"]]:
                LegalWorkPeriod.objects.create(person=instance, started_on=row[labels["legal_work_since"]])

    def after_import(self, dataset, result, **kwargs):
        if tuned:  # bulk mode saves no instance one by one: the postings and periods in one statement each
            new = list(
                Person.objects.filter(unit_id=officer.unit_id, postings__isnull=True).values_list("pk", flat=True)
            )
            Posting.objects.bulk_create([Posting(person_id=pk, unit_id=officer.unit_id) for pk in new])
            # Every row of the file is in full-time legal work since the same day (write_file).
            LegalWorkPeriod.objects.bulk_create(
                [LegalWorkPeriod(person_id=pk, started_on=LEGAL_WORK_SINCE) for pk in new]
            )

    body = {
        **declared,
        "Meta": Meta,
        "get_instance": get_instance,
        "init_instance": init_instance,
        "after_save_instance": after_save_instance,
        "after_import": after_import,
    }
    return type("PersonResource", (resources.ModelResource,), body)


def timed_once(fn) -> float:
    from django.db import transaction

    started = time.perf_counter()
    with transaction.atomic():
        fn()
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="province")
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    common.prepare(args.scale)
    common.setup(args.scale)
    import tablib

    from lawyers.importers import PersonImporter
    from lawyers.models import Person

    officer = common.bench_user("scale_officer_1")
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    path = folder / "roster.xlsx"
    write_file(path, args.rows)
    before = Person.objects.count()

    def ours():
        preview = PersonImporter(user=officer).commit(path, filename=path.name)
        assert preview.created_count == args.rows, preview.created_count
        assert Person.objects.count() == before + args.rows

    def theirs(tuned):
        def run():
            with path.open("rb") as handle:
                dataset = tablib.Dataset().load(handle.read(), format="xlsx")
            result = resource_class(officer, tuned=tuned)().import_data(dataset, dry_run=False, raise_errors=False)
            invalid = [(row.number, row.error_dict) for row in result.invalid_rows[:2]]
            errors = [(number, [str(e.error) for e in row_errors]) for number, row_errors in result.row_errors()[:2]]
            assert not result.has_errors() and not result.has_validation_errors(), (errors, invalid)
            assert Person.objects.count() == before + args.rows

        return run

    figures = {}
    for name, fn in (("ours", ours), ("import-export default", theirs(False)), ("import-export tuned", theirs(True))):
        seconds = timed_once(fn)
        figures[name] = round(seconds, 2)
        print(f"[{args.scale}] {name}: {seconds:.2f} s for {args.rows:,} rows ({args.rows / seconds:,.0f} rows/s)")
    default_ratio = round(figures["import-export default"] / figures["ours"], 2)
    tuned_ratio = round(figures["import-export tuned"] / figures["ours"], 2)
    print(
        f"[{args.scale}] ours is {default_ratio} × faster than the default ({common.verdict(default_ratio, 10, at_most=False)})"
    )
    print(
        f"[{args.scale}] ours is {tuned_ratio} × faster than the tuned one ({common.verdict(tuned_ratio, 2, at_most=False)})"
    )
    common.record(
        "import",
        scale=args.scale,
        rows=args.rows,
        seconds=figures,
        speedup_vs_default=default_ratio,
        speedup_vs_tuned=tuned_ratio,
        command=f"python -m bench.import_roster --scale {args.scale} --rows {args.rows}",
    )


if __name__ == "__main__":
    main()
