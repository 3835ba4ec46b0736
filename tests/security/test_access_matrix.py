"""The access matrix (issue 8, item 8): every URL pattern of the project, for every role and anonymous, on
objects of the user's own side and of the other side.

The patterns come from the URL resolver, so a new view is walked the day it is routed. Its path parameters
are filled from `tests/security/world.py`; a pattern whose parameters cannot be filled fails the test
(extend `MODEL_OF_URL` / `ACTIONS_OF_URL` or the world), it is never skipped.

Checked for every request:
- GET never answers 500 (nor raises);
- anonymous gets nothing but the login page, the language switch and the JavaScript catalogue;
- an object the scoping rule hides from the user answers 302/403/404/405, never 200;
- no 200 page (nor export, nor download) shows the marker name of an object hidden from the user;
- an empty POST changes nothing unless the role is one the view admits and the object is the user's to see;
- nothing ever deletes audit events.
"""

import html
import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.models import AuditEvent
from coverage.models import Target
from guarantees.models import Attachment, Receipt
from lawyers.models import ApplicationAttachment
from lawyers.views.register import CERTIFICATE_ACTIONS
from matters.models import Matter
from notices.models import Notice
from tests.conftest import sign_in
from tests.security.world import build_world
from training.models import ExternalTraining
from units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.audit.urls")]

# One account of every role; the unit-bound ones belong to unit A.
ACCOUNT_OF_ROLE = {
    Role.COUNTY_OFFICE: "county",
    Role.JUSTICE_BUREAU: "justice",
    Role.UNIT_OFFICER: "officer_a",
    Role.PUBLIC_LAWYER: "lawyer_a",
    Role.COMMITTEE_MEMBER: "committee_a",
    Role.BAR_ASSOCIATION: "bar",
    Role.POOL_OFFICER: "pool",
    Role.AUDITOR: "auditor",
    Role.SYSADMIN: "sysadmin",
}
# The load balancer's probe is public; the marker check still proves it shows no data.
PUBLIC_URL_NAMES = {"accounts:login", "set_language", "javascript-catalog", "health"}

# Views that fetch their object by hand instead of declaring `model`.
MODEL_OF_URL = {
    "notices:notice_open": Notice,
    "coverage:unit_history": Unit,
    "guarantees:matter_panel": Matter,
    "guarantees:commission_letter": Matter,
    "guarantees:attachment_download": Attachment,
    "guarantees:receipt_download": Receipt,
    "lawyers:application_attachment": ApplicationAttachment,
    "training:external_certificate": ExternalTraining,
}
# Action names a view accepts where it does not list them in ACTIONS / FORMS.
ACTIONS_OF_URL = {
    "lawyers:certificate_action": list(CERTIFICATE_ACTIONS),
    "matters:matter_action": ["assign", "close"],
}
HIDDEN_OK = {302, 403, 404, 405}
# The audit log quotes every object of every unit by design; it is the auditor's alone (tests/audit).
QUOTES_THE_LOG = {"audit:event_list", "audit:event_export", "audit:event_detail"}


def walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern


def all_patterns():
    return list(walk(get_resolver()))


def view_class(pattern):
    return getattr(pattern.callback, "view_class", None)


def model_of(name, pattern):
    return MODEL_OF_URL.get(name) or getattr(view_class(pattern), "model", None)


def actions_of(name, pattern):
    if name in ACTIONS_OF_URL:
        return ACTIONS_OF_URL[name]
    cls = view_class(pattern)
    if hasattr(cls, "ACTIONS"):
        return list(cls.ACTIONS)
    if hasattr(cls, "FORMS"):
        # The assignee's accept step has no form of its own.
        return ["accept", *cls.FORMS]
    return ["unknown-action"]


def fill(route, values):
    """The route with each `<converter:name>` replaced from `values` (name → str)."""
    out, rest = "", route
    while "<" in rest:
        head, _, tail = rest.partition("<")
        spec, _, rest = tail.partition(">")
        out += head + values[spec.split(":")[-1]]
    return "/" + out + rest


def parameters(route):
    names = []
    rest = route
    while "<" in rest:
        _, _, tail = rest.partition("<")
        spec, _, rest = tail.partition(">")
        names.append(spec.split(":")[-1])
    return names


def requests_for(route, name, pattern, world):
    """(url, side, object) for every way of filling the pattern: side is "a", "b" or None (no object)."""
    side_a, side_b, shared = world
    names = parameters(route)
    if not names:
        return [(fill(route, {}), None, None)]
    unknown = set(names) - {"pk", "action"}
    assert not unknown, f"{name} ({route}) takes {unknown}: teach the access matrix to fill them"
    model = model_of(name, pattern)
    assert model is not None, f"{name} ({route}) takes a pk of an unknown model: add it to MODEL_OF_URL"
    choices = []
    for side, objects in (("a", side_a.objects), ("b", side_b.objects)):
        obj = objects.get(model) or shared.get(model)
        assert obj is not None, f"{name} ({route}): the world has no {model.__name__}; add one to world.py"
        for action in actions_of(name, pattern) if "action" in names else [None]:
            values = {"pk": str(obj.pk), **({"action": action} if action else {})}
            choices.append((fill(route, values), side, obj))
    return choices


def business_models():
    base = str(settings.BASE_DIR)
    return [
        model
        for config in apps.get_app_configs()
        if str(config.path).startswith(base)
        for model in config.get_models()
        if model is not AuditEvent
    ]


def fingerprint(models):
    """Row counts and newest `updated_at` of every business model, and the accounts' powers: one query."""
    parts = []
    for model in models:
        table = connection.ops.quote_name(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            parts.append(f"(SELECT MAX(updated_at) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        counts = cursor.fetchone()
    accounts = tuple(
        User.objects.order_by("pk").values_list(
            "pk", "role", "unit_id", "system_organisation_id", "person_id", "is_active", "password"
        )
    )
    return counts, accounts


def body_text(response) -> str:
    """What the user receives, as text: pages as they are, .xlsx/.docx with their XML parts unpacked."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            text = " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    else:
        text = content.decode("utf-8", "replace")
    # openpyxl writes CJK text as character references (&#37995;); a marker must be found either way.
    return html.unescape(text)


# Known bugs outside this test's reach, (role, url name, method, what), reported to their owners. The matrix
# tolerates exactly these; anything else fails. Remove an entry with its fix.
# Pages that crash and are tolerated until fixed (anything not listed here fails the test).
KNOWN_BUGS: set[tuple[str, str, str, str]] = set()


class Findings:
    def __init__(self):
        self.items = []

    def add(self, role, name, method, kind, detail):
        self.items.append((role, name, method, kind, detail))

    def unexpected(self):
        return [item for item in self.items if item[:4] not in KNOWN_BUGS]


@pytest.fixture
def world(users, superior, other_superior, tax_unit, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    # The world's dates (a Sunday of March 2025, trainings of May 2025) lie in the past from here.
    with time_machine.travel(datetime(2025, 12, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True):
        yield build_world(users, superior, other_superior, tax_unit)


def test_it_can_fill_every_url_pattern_of_the_project(world):
    patterns = all_patterns()
    filled = [p for route, name, p in patterns if requests_for(route, name, p, world)]
    assert len(filled) == len(patterns) > 100


def sees(user, obj) -> bool:
    return user is not None and type(obj).objects.visible_to(user).filter(pk=obj.pk).exists()


def hidden_objects(user, world) -> set:
    """World objects the scoping rule hides from `user`, through the object and each of its witnesses."""
    side_a, side_b, _shared = world
    return {
        obj
        for side in (side_a, side_b)
        for obj, witnesses in side.witnesses.items()
        if not any(sees(user, witness) for witness in witnesses)
    }


def hidden_markers(hidden, world) -> set:
    side_a, side_b, _shared = world
    return {marker for side in (side_a, side_b) for obj, marker in side.markers.items() if obj in hidden}


@pytest.mark.parametrize("role", [None, *Role.values])
def test_it_holds_the_access_matrix_for(role, users, world):
    account = users[ACCOUNT_OF_ROLE[role]] if role else None
    if account is not None:
        account.refresh_from_db()
    client = Client()
    if account is not None:
        sign_in(client, account)
    hidden = hidden_objects(account, world)
    markers = hidden_markers(hidden, world)
    models = business_models()
    audit_count = AuditEvent.objects.count()
    findings = Findings()
    label = role or "anonymous"

    for route, name, pattern in all_patterns():
        allowed_roles = getattr(view_class(pattern), "allowed_roles", None)
        for url, _side, obj in requests_for(route, name, pattern, world):
            object_hidden = obj is not None and (account is None or obj in hidden)

            try:
                response = client.get(url)
            except Exception as error:  # noqa: BLE001 - any crash is the finding
                findings.add(label, name, "GET", "crash", f"{url}: {error!r}")
                continue
            status = response.status_code
            if status >= 500:
                findings.add(label, name, "GET", "500", url)
            if account is None and status == 200 and name not in PUBLIC_URL_NAMES:
                findings.add(label, name, "GET", "anonymous 200", url)
            if object_hidden and account is not None and status not in HIDDEN_OK:
                findings.add(label, name, "GET", f"hidden object answered {status}", url)
            if status == 200 and name not in QUOTES_THE_LOG:
                text = body_text(response)
                shown = sorted(marker for marker in markers if marker in text)
                if shown:
                    findings.add(label, name, "GET", "shows hidden data", f"{url}: {shown}")

            before = fingerprint(models)
            try:
                response = client.post(url, {})
            except Exception as error:  # noqa: BLE001
                findings.add(label, name, "POST", "crash", f"{url}: {error!r}")
                continue
            if response.status_code >= 500:
                findings.add(label, name, "POST", "500", url)
            if fingerprint(models) != before:
                may_write = account is not None and not object_hidden
                may_write = may_write and (allowed_roles is None or account.role in allowed_roles)
                if not may_write:
                    findings.add(label, name, "POST", "write without the right", url)
            if name == "accounts:logout" and account is not None:
                sign_in(client, account)

    assert AuditEvent.objects.count() >= audit_count, "an empty POST deleted audit events"
    unexpected = findings.unexpected()
    assert not unexpected, "\n".join(" · ".join(item) for item in unexpected)


def test_it_covers_every_pattern_with_each_role_and_both_sides(world):
    """The coverage the matrix claims: every pattern, and every pk pattern on an object of each side."""
    patterns = all_patterns()
    with_pk = [(route, name, p) for route, name, p in patterns if "pk" in parameters(route)]
    for route, name, p in with_pk:
        sides = {side for _url, side, _obj in requests_for(route, name, p, world)}
        assert sides == {"a", "b"}, name
    assert Target in world[2]


def test_it_notices_a_write_in_the_fingerprint(users, world):
    """The detectors the matrix relies on can fail: a change of a row, a new row, a changed role."""
    models = business_models()
    before = fingerprint(models)
    side_a = world[0]
    with time_machine.travel(datetime(2025, 12, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))):
        matter = side_a.objects[Matter]
        matter.title = "改名"
        matter.save()
    assert fingerprint(models) != before

    before = fingerprint(models)
    Target.objects.create(code="TY", name="另一目标", metric="has_lawyer", threshold=40, deadline="2025-12-31")
    assert fingerprint(models) != before

    before = fingerprint(models)
    User.objects.filter(pk=users["officer_a"].pk).update(role=Role.COMMITTEE_MEMBER)
    assert fingerprint(models) != before


def test_it_reads_markers_inside_exports(login, world):
    side_b = world[1]
    person = side_b.objects[Matter].assignments.get().person
    response = login("county").get("/lawyers/register/export/")
    assert response.status_code == 200
    assert side_b.markers[person] in body_text(response)
