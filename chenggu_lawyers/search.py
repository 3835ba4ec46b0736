"""Global search: the box in the menu bar finds people, certificates, units and matters by what a clerk types.

Every kind reads its model through the one scoping rule, `Model.objects.visible_to(user)`, so a user finds
exactly the rows the lists would show them, and a hit links to its page only when the user's role may open
that page (the page's own `allowed_roles`, asked through the URL resolver, the rule the view itself applies)
and the scoping rule lets the user see the object the page is about. A hit the user may see but not open is
named without a link, as the register names a holder to the bar association.

Each kind costs one query whatever the number of matches: its first `CAP` rows, each carrying the number of
all matches (a window count), so a kind is capped and counted at once. A kind the scoping rule closes to the
user is not even asked (its empty filter is never sent to the database).

The kinds name their models and pages by label and URL name, as the root URLconf names the apps: the
framework imports no app.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When, Window
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.choices import Role

from .scoping import NOTHING, scope_q

# Rows shown per kind; the count says how many more matched.
CAP = 10
# Longer input is cut: names and numbers are shorter, a title is found by a part of it, and the box must not
# become a way to send the database arbitrary work.
MAX_LENGTH = 50
# A whole ID number (GB 11643) is found through its digest; a part cannot be, the numbers are encrypted.
ID_NUMBER_LENGTH = 18
# 三员 separation: the system administrator and the auditor keep accounts and read the log, not the county's
# business records, so they get no search box (their scope would show them unit names at most).
SEARCHERS = frozenset(Role) - {Role.SYSADMIN, Role.AUDITOR}


def role_may_open(user, url: str) -> bool:
    """Whether the page at `url` admits the user's role: the `allowed_roles` of the view it resolves to
    (a view without them admits every signed-in user)."""
    view = getattr(resolve(url.split("?", 1)[0]).func, "view_class", None)
    allowed = getattr(view, "allowed_roles", None)
    return allowed is None or user.role in allowed


@dataclass(frozen=True)
class Hit:
    title: str
    details: tuple[str, ...]
    url: str | None


@dataclass(frozen=True)
class Group:
    """One kind's answer: up to CAP hits, the number of all matches, and the list to see them all in."""

    kind: "Kind"
    hits: list[Hit]
    total: int
    more_url: str | None

    @property
    def capped(self) -> bool:
        return self.total > len(self.hits)


class Kind:
    """What a kind of record is found by and where a hit leads. Subclasses declare the rest."""

    key = ""
    label = ""
    # What the kind is found by, as the search page tells the user.
    found_by = ""
    model_label = ""
    # The page a hit links to (takes the hit's pk) and the list that shows every match (takes ?q=).
    page_url_name = ""
    list_url_name = ""
    select_related: tuple[str, ...] = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def visible_for(self, user) -> bool:
        """Whether the scoping rule lets the user see any row of this kind at all."""
        return scope_q(self.model, user) != NOTHING

    def matches(self, queryset, text: str):
        raise NotImplementedError

    def ordering(self, text: str) -> list:
        raise NotImplementedError

    def details(self, obj) -> tuple[str, ...]:
        return ()

    def with_link_facts(self, queryset, user, page_opens: bool):
        """Annotate what deciding a hit's link needs, inside the kind's one query."""
        return queryset

    def url_of(self, obj, user, page_opens: bool) -> str | None:
        return reverse(self.page_url_name, args=[obj.pk]) if page_opens else None

    def queryset(self, user, text: str, page_opens: bool):
        rows = self.matches(self.model.objects.visible_to(user), text)
        rows = self.with_link_facts(rows, user, page_opens).select_related(*self.select_related)
        # The number of all matches, on every row of the page of hits: count and cap in one query.
        return rows.annotate(search_total=Window(Count("pk"))).order_by(*self.ordering(text))[:CAP]


def exact_first(field: str, text: str) -> Case:
    """0 for a value equal to what was typed, 1 for one starting with it, 2 for the rest: 张三 before 张三丰."""
    return Case(
        When(**{f"{field}__iexact": text}, then=Value(0)),
        When(**{f"{field}__istartswith": text}, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


class PersonKind(Kind):
    key = "person"
    # Not the menu's 人员摸排 (the survey): here simply the people found.
    label = pgettext_lazy("search", "People")
    found_by = _("name, or a whole ID number")
    model_label = "lawyers.Person"
    page_url_name = "lawyers:person_detail"
    list_url_name = "lawyers:person_list"
    select_related = ("unit",)

    def matches(self, queryset, text):
        by_name = queryset.filter(name__icontains=text)
        if len(text) != ID_NUMBER_LENGTH:
            return by_name
        return by_name | queryset.with_id_numbers([text])

    def ordering(self, text):
        return [exact_first("name", text), "name", "pk"]

    def details(self, obj):
        return tuple(part for part in (obj.unit.name, obj.post) if part)


class CertificateKind(Kind):
    """A certificate is found by its number, whole or its beginning, or by its holder's name. Its page is the
    holder's; a role that may not open that page but reads the register is sent to the register's row."""

    key = "certificate"
    label = _("Practice certificates")
    found_by = _("number, whole or its beginning, or holder's name")
    model_label = "lawyers.Certificate"
    page_url_name = "lawyers:person_detail"
    list_url_name = "lawyers:register"
    select_related = ("person__unit",)

    def matches(self, queryset, text):
        return queryset.filter(Q(number__startswith=text.upper()) | Q(person__name__icontains=text))

    def ordering(self, text):
        return [exact_first("number", text), "number", "pk"]

    def details(self, obj):
        return (obj.person.name, obj.person.unit.name, str(obj.get_status_display()))

    def with_link_facts(self, queryset, user, page_opens):
        if not page_opens:
            return queryset
        # A certificate the user sees whose holder they do not (none today: both follow the holder's unit)
        # would lead to a 404; the holder's visibility is read in the same query rather than assumed.
        people = apps.get_model("lawyers.Person").objects.visible_to(user)
        return queryset.annotate(holder_visible=Exists(people.filter(pk=OuterRef("person_id"))))

    def url_of(self, obj, user, page_opens):
        if page_opens and obj.holder_visible:
            return reverse(self.page_url_name, args=[obj.person_id])
        register = reverse(self.list_url_name)
        return f"{register}?{urlencode({'q': obj.number})}" if role_may_open(user, register) else None


class UnitKind(Kind):
    key = "unit"
    label = _("Units")
    found_by = _("name")
    model_label = "units.Unit"
    page_url_name = "units:unit_detail"
    list_url_name = "units:unit_list"

    def matches(self, queryset, text):
        return queryset.filter(name__icontains=text)

    def ordering(self, text):
        return [exact_first("name", text), "name", "pk"]

    def details(self, obj):
        kind = str(obj.get_kind_display())
        return (kind, str(_("abolished"))) if obj.abolished_on else (kind,)


class MatterKind(Kind):
    key = "matter"
    label = _("Legal matters")
    found_by = _("title")
    model_label = "matters.Matter"
    page_url_name = "matters:matter_detail"
    list_url_name = "matters:matter_list"
    select_related = ("unit",)

    def matches(self, queryset, text):
        return queryset.filter(title__icontains=text)

    def ordering(self, text):
        # The newest first: the matter a clerk looks for is most often a current one.
        return [exact_first("title", text), "-created_at", "-pk"]

    def details(self, obj):
        return (obj.unit.name, str(obj.get_category_display()), str(obj.get_status_display()))


KINDS: tuple[Kind, ...] = (PersonKind(), CertificateKind(), UnitKind(), MatterKind())


def kinds_for(user) -> list[Kind]:
    """The kinds the user may search: the scoping rule shows them some rows of each."""
    if not user.is_authenticated or user.role not in SEARCHERS:
        return []
    return [kind for kind in KINDS if kind.visible_for(user)]


def normalise(text: str) -> str:
    return " ".join((text or "").split())[:MAX_LENGTH]


def search(user, text: str) -> list[Group]:
    """Every kind the user may search, with the hits for `text`: one query per kind, whatever matches."""
    text = normalise(text)
    if not text:
        return []
    groups = []
    for kind in kinds_for(user):
        page_opens = role_may_open(user, _page_pattern(kind))
        hits = list(kind.queryset(user, text, page_opens))
        total = hits[0].search_total if hits else 0
        more_url = None
        if total > len(hits):
            listing = reverse(kind.list_url_name)
            if role_may_open(user, listing):
                more_url = f"{listing}?{urlencode({'q': text})}"
        groups.append(
            Group(
                kind=kind,
                hits=[Hit(str(obj), kind.details(obj), kind.url_of(obj, user, page_opens)) for obj in hits],
                total=total,
                more_url=more_url,
            )
        )
    return groups


def _page_pattern(kind: Kind) -> str:
    """An address of the kind's page: which view answers it does not depend on the pk."""
    return reverse(kind.page_url_name, args=[0])
