"""Every notice leads its recipient to the page it is about: a notice of the demo's workflows has a link,
and the link opens (200) for the account that received it."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client

from notices.models import Notice
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_every_demo_notice_opens_a_page_its_recipient_may_see():
    call_command("load_demo")
    notices = list(Notice.objects.select_related("recipient").order_by("recipient", "pk"))
    assert len({notice.kind for notice in notices}) >= 5  # the demo's workflows notify in several ways
    assert [(n.kind, n.title) for n in notices if not n.url] == []
    clients = {}
    failures = Counter()
    for notice in notices:
        if notice.recipient_id not in clients:
            clients[notice.recipient_id] = sign_in(Client(), notice.recipient)
        status = clients[notice.recipient_id].get(notice.url).status_code
        if status != 200:
            failures[(notice.kind, notice.recipient.username, notice.url, status)] += 1
    assert dict(failures) == {}


def test_every_notify_call_in_the_portal_gives_the_page_to_open():
    """A notice without a link leaves its recipient to search for what it is about (the QA found two)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    missing = []
    for path in root.glob("*/**/*.py"):
        if any(part in {".venv", "tests", "migrations", "var"} for part in path.relative_to(root).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", getattr(node.func, "attr", ""))
            is_notify = isinstance(node, ast.Call) and name == "notify"
            # A call passing **kwargs (keyword.arg None) may carry the url; every call today names it.
            if is_notify and not any(keyword.arg in ("url", None) for keyword in node.keywords):
                missing.append(f"{path.relative_to(root)}:{node.lineno}")
    assert missing == []
