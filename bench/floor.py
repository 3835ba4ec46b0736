# ruff: noqa: B007,E501  (benchmark tooling: local tools on loopback, long report lines)
"""The floor of the coverage dashboard: hand-written SQL that yields the page's numbers and nothing else.

Three queries, every join and count done by the database, only numbers sent back:
1. per day (every month-end since 2021, the as-of date, the deadlines) and group of units (kind, enforcement
   power, management mode): active units, units with a public lawyer, units carrying out the work;
2. per year-end and unit, distinct public lawyers, and the county total per year-end (headcount, R1.6);
3. per unit active on the as-of date: its two statuses, eligible and R1.2 staff on the roster, and whether its
   system has a pool (the findings).
Target rates, trend, breakdowns and findings follow from these with a few additions in Python. PostgreSQL's
SQL (the benchmark's server); tests/scale/test_floor.py holds the engine to the same numbers on it.
"""

from collections import Counter, defaultdict
from datetime import date

from django.db import connection

from coverage.engine import Group, GroupCount
from coverage.evaluation import TREND_START, group_rate, month_ends, rate
from coverage.models import Target
from units.choices import SYSTEM_MODES


def _days_cte(days) -> tuple[str, list]:
    values = ", ".join(["(%s::date)"] * len(days))
    return f"days(day) AS (VALUES {values})", list(days)


LAWYER_SPANS = """
    spans AS (
        SELECT p.unit_id, p.person_id, c.id AS certificate_id,
               CASE WHEN p.started_on IS NULL OR p.started_on < c.issued_on THEN c.issued_on ELSE p.started_on END
                   AS starts,
               CASE WHEN p.ended_on IS NULL THEN c.ended_on
                    WHEN c.ended_on IS NULL OR p.ended_on < c.ended_on THEN p.ended_on ELSE c.ended_on END AS ends
        FROM lawyers_posting p JOIN lawyers_certificate c ON c.person_id = p.person_id
        WHERE (p.ended_on IS NULL OR p.ended_on > c.issued_on)
          AND (c.ended_on IS NULL OR p.started_on IS NULL OR c.ended_on > p.started_on)
    ),
    lawyer_days AS (
        SELECT DISTINCT d.day, s.unit_id, s.person_id
        FROM days d JOIN spans s ON s.starts <= d.day AND (s.ends IS NULL OR s.ends > d.day)
        WHERE NOT EXISTS (
            SELECT 1 FROM lawyers_suspension x
            WHERE x.certificate_id = s.certificate_id AND x.started_on <= d.day
              AND (x.ended_on IS NULL OR x.ended_on > d.day)
        )
    )
"""

TERM_DAYS = """
    term_days AS (
        SELECT DISTINCT d.day, t.unit_id
        FROM days d JOIN (
            SELECT unit_id, starts_on, ends_on, terminated_on FROM advisors_engagement
            UNION ALL
            SELECT unit_id, starts_on, ends_on, terminated_on FROM advisors_dispatch WHERE status = 'dispatched'
        ) t ON t.starts_on <= d.day AND t.ends_on >= d.day AND (t.terminated_on IS NULL OR t.terminated_on > d.day)
    ),
    unit_days AS (
        SELECT d.day, u.id, u.kind, u.law_enforcement, u.management_mode, u.superior_id
        FROM days d JOIN units_unit u
          ON (u.established_on IS NULL OR u.established_on <= d.day) AND (u.abolished_on IS NULL OR u.abolished_on > d.day)
    ),
    flags AS (
        SELECT ud.day, ud.id, ud.kind, ud.law_enforcement, ud.management_mode, ud.superior_id,
               CASE WHEN l.unit_id IS NULL THEN 0 ELSE 1 END AS has_lawyer,
               CASE WHEN l.unit_id IS NULL AND t.unit_id IS NULL THEN 0 ELSE 1 END AS carries
        FROM unit_days ud
        LEFT JOIN (SELECT DISTINCT day, unit_id FROM lawyer_days) l ON l.day = ud.day AND l.unit_id = ud.id
        LEFT JOIN term_days t ON t.day = ud.day AND t.unit_id = ud.id
    )
"""

# Per group and day, by a sweep instead of a days × units product: each unit's dated events (+1/-1 for being
# active, for a lawyer span, for a suspension inside a span (-1/+1), for an engagement or dispatch term), their
# running sums in date order (window functions), the days on which the unit's two statuses flip, and those
# flips summed per group up to each asked day. PostgreSQL only (dates ± infinity, date + 1): the benchmark's
# server. A certificate's suspensions do not overlap (the services suspend only a certificate in force).
GROUPS = """
    WITH {days},
    spans AS (
        SELECT p.unit_id, c.id AS certificate_id, GREATEST(p.started_on, c.issued_on) AS starts,
               COALESCE(LEAST(p.ended_on, c.ended_on), 'infinity') AS ends
        FROM lawyers_posting p JOIN lawyers_certificate c ON c.person_id = p.person_id
        WHERE (p.ended_on IS NULL OR p.ended_on > c.issued_on)
          AND (c.ended_on IS NULL OR p.started_on IS NULL OR c.ended_on > p.started_on)
    ),
    events (unit_id, at, active, lawyers, terms) AS (
        SELECT id, COALESCE(established_on, '-infinity'), 1, 0, 0 FROM units_unit
        UNION ALL SELECT id, abolished_on, -1, 0, 0 FROM units_unit WHERE abolished_on IS NOT NULL
        UNION ALL SELECT unit_id, starts, 0, 1, 0 FROM spans
        UNION ALL SELECT unit_id, ends, 0, -1, 0 FROM spans
        UNION ALL SELECT s.unit_id, GREATEST(x.started_on, s.starts), 0, -1, 0
            FROM spans s JOIN lawyers_suspension x ON x.certificate_id = s.certificate_id
            WHERE x.started_on < s.ends AND (x.ended_on IS NULL OR x.ended_on > s.starts)
        UNION ALL SELECT s.unit_id, LEAST(COALESCE(x.ended_on, 'infinity'), s.ends), 0, 1, 0
            FROM spans s JOIN lawyers_suspension x ON x.certificate_id = s.certificate_id
            WHERE x.started_on < s.ends AND (x.ended_on IS NULL OR x.ended_on > s.starts)
        UNION ALL SELECT unit_id, starts_on, 0, 0, 1 FROM advisors_engagement
        UNION ALL SELECT unit_id, LEAST(ends_on + 1, COALESCE(terminated_on, 'infinity')), 0, 0, -1
            FROM advisors_engagement
        UNION ALL SELECT unit_id, starts_on, 0, 0, 1 FROM advisors_dispatch WHERE status = 'dispatched'
        UNION ALL SELECT unit_id, LEAST(ends_on + 1, COALESCE(terminated_on, 'infinity')), 0, 0, -1
            FROM advisors_dispatch WHERE status = 'dispatched'
    ),
    points AS (
        SELECT unit_id, at, SUM(active) AS active, SUM(lawyers) AS lawyers, SUM(terms) AS terms
        FROM events GROUP BY unit_id, at
    ),
    states AS (
        SELECT unit_id, at,
               (SUM(active) OVER w > 0)::int AS active,
               (SUM(active) OVER w > 0 AND SUM(lawyers) OVER w > 0)::int AS has_lawyer,
               (SUM(active) OVER w > 0 AND (SUM(lawyers) OVER w > 0 OR SUM(terms) OVER w > 0))::int AS carries
        FROM points WINDOW w AS (PARTITION BY unit_id ORDER BY at)
    ),
    flips AS (
        SELECT unit_id, at,
               active - LAG(active, 1, 0) OVER w AS active,
               has_lawyer - LAG(has_lawyer, 1, 0) OVER w AS has_lawyer,
               carries - LAG(carries, 1, 0) OVER w AS carries
        FROM states WINDOW w AS (PARTITION BY unit_id ORDER BY at)
    ),
    group_flips AS (
        SELECT u.kind, u.law_enforcement, u.management_mode, f.at,
               SUM(f.active) AS active, SUM(f.has_lawyer) AS has_lawyer, SUM(f.carries) AS carries
        FROM flips f JOIN units_unit u ON u.id = f.unit_id
        WHERE f.active <> 0 OR f.has_lawyer <> 0 OR f.carries <> 0
        GROUP BY u.kind, u.law_enforcement, u.management_mode, f.at
    )
    SELECT d.day, g.kind, g.law_enforcement, g.management_mode,
           SUM(g.active), SUM(g.has_lawyer), SUM(g.carries)
    FROM days d JOIN group_flips g ON g.at <= d.day
    GROUP BY d.day, g.kind, g.law_enforcement, g.management_mode
"""
# Per year-end and unit, and per year-end in total (unit_id NULL), in one pass.
HEADCOUNT = (
    "WITH {days}, {spans} SELECT l.day, l.unit_id, COUNT(DISTINCT l.person_id) FROM lawyer_days l "
    "JOIN units_unit u ON u.id = l.unit_id AND (u.established_on IS NULL OR u.established_on <= l.day) "
    "AND (u.abolished_on IS NULL OR u.abolished_on > l.day) GROUP BY GROUPING SETS ((l.day, l.unit_id), (l.day))"
)
# Eligible (lawyers.eligibility.RULES) and R1.2 staff without a live certificate, per unit, and pools in force.
UNITS_ON_DAY = """
    WITH {days}, {spans}, {terms},
    roster AS (
        SELECT p.unit_id,
               SUM(CASE WHEN (p.legal_qualification_class <> '' OR p.lawyer_qualification_number <> '')
                         AND (p.legal_work_years >= 2 OR p.judicial_years >= 1)
                         AND NOT p.lacks_civil_capacity AND NOT p.licence_revoked AND NOT p.under_investigation
                         AND p.last_annual_grade <> 'incompetent' AND NOT p.credit_punished THEN 1 ELSE 0 END)
                   AS eligible,
               SUM(CASE WHEN (p.legal_qualification_class <> '' OR p.lawyer_qualification_number <> '')
                         AND p.full_time_legal THEN 1 ELSE 0 END) AS r12
        FROM lawyers_person p
        WHERE NOT EXISTS (SELECT 1 FROM lawyers_certificate c
                          WHERE c.person_id = p.id AND c.status IN ('active', 'suspended'))
        GROUP BY p.unit_id
    ),
    pools AS (
        SELECT DISTINCT m.system_id FROM advisors_poolmember m, days d
        WHERE m.joined_on <= d.day AND (m.left_on IS NULL OR m.left_on > d.day)
    )
    SELECT f.id, f.kind, f.law_enforcement, f.management_mode, f.superior_id, f.has_lawyer, f.carries,
           COALESCE(r.eligible, 0), COALESCE(r.r12, 0), CASE WHEN pl.system_id IS NULL THEN 0 ELSE 1 END
    FROM flags f LEFT JOIN roster r ON r.unit_id = f.id LEFT JOIN pools pl ON pl.system_id = f.superior_id
"""


def _run(template: str, days) -> list[tuple]:
    days_sql, params = _days_cte(sorted(set(days)))
    sql = template.format(days=days_sql, spans=LAWYER_SPANS.strip(), terms=TERM_DAYS.strip())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _day(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def floor_numbers(as_of: date) -> dict:
    """The dashboard's numbers for `as_of`, computed by the floor queries (see the module docstring)."""
    targets = list(Target.objects.filter(is_active=True))
    trend_days = month_ends(TREND_START, as_of) if as_of >= TREND_START else []
    deadlines = [t.deadline for t in targets if t.deadline <= as_of]
    groups: dict = defaultdict(dict)
    for day, kind, enforcement, mode, active, lawyers, work in _run(GROUPS, [*trend_days, as_of, *deadlines]):
        groups[_day(day)][Group(kind, bool(enforcement), mode)] = GroupCount(active, int(lawyers), int(work))

    def card(target, day):
        population = sum(c.active for g, c in groups[day].items() if target.includes(g))
        covered = sum(c.covered(target.measure) for g, c in groups[day].items() if target.includes(g))
        return population, covered

    years = list(range(TREND_START.year, as_of.year + 1))
    year_days = {year: min(date(year, 12, 31), as_of) for year in years}
    per_unit, county = defaultdict(dict), {}
    for day, unit_id, count in _run(HEADCOUNT, year_days.values()) if years else []:
        if unit_id is None:
            county[_day(day)] = count
        else:
            per_unit[unit_id][_day(day)] = count

    units = _run(UNITS_ON_DAY, [as_of])
    findings = {}
    for target in targets:
        paths = Counter()
        for _id, kind, enforcement, mode, superior, has_lawyer, carries, eligible, _r12, pool in units:
            if not target.includes(Group(kind, bool(enforcement), mode)):
                continue
            if has_lawyer if target.metric == "has_lawyer" else carries:
                continue
            if eligible:
                paths["apply"] += 1
            elif target.metric == "has_lawyer":
                paths["recruit"] += 1
            elif mode in SYSTEM_MODES and pool:
                paths["dispatch"] += 1
            else:
                paths["advisor"] += 1
        findings[target.code] = dict(paths)
    by_kind, by_mode = Counter(), Counter()
    for _id, kind, _enforcement, mode, _superior, has_lawyer, carries, *_rest in units:
        for counter, key in ((by_kind, kind), (by_mode, mode)):
            counter[(key, "units")] += 1
            counter[(key, "has_lawyer")] += has_lawyer
            counter[(key, "carries")] += carries
    return {
        "cards": {t.code: (card(t, as_of), card(t, t.deadline) if t.deadline <= as_of else None) for t in targets},
        "trend": [[group_rate(t, groups[day]) for t in targets] for day in trend_days],
        "by_kind": {k: (by_kind[(k, "units")], by_kind[(k, "has_lawyer")], by_kind[(k, "carries")])
                    for k, _m in by_kind if _m == "units"},
        "by_mode": {k: (by_mode[(k, "units")], by_mode[(k, "has_lawyer")], by_mode[(k, "carries")])
                    for k, _m in by_mode if _m == "units"},
        "headcount": {
            "county": {year: county.get(year_days[year], 0) for year in years},
            "units": {
                unit_id: {year: counts.get(year_days[year], 0) for year in years}
                for unit_id, counts in per_unit.items()
                if any(counts.get(year_days[year], 0) for year in years)
            },
        },
        "findings": findings,
        "r12": sum(1 for row in units if row[8] and not row[5]),
        "units": len(units),
        "rates_now": {t.code: rate(card(t, as_of)[1], card(t, as_of)[0]) for t in targets},
    }  # fmt: skip


def engine_numbers(context: dict) -> dict:
    """The same numbers read from the dashboard's context (coverage.reports.dashboard)."""
    cards = context["cards"]

    def counts(result):
        return (result.population_count, result.covered_count) if result else None

    return {
        "cards": {c.now.target.code: (counts(c.now), counts(c.at_deadline)) for c in cards},
        "trend": [rates for _day, rates in context["trend"]],
        "by_kind": {row.key: (row.population, row.has_lawyer, row.carries_out_work) for row in context["by_kind"]},
        "by_mode": {row.key: (row.population, row.has_lawyer, row.carries_out_work) for row in context["by_mode"]},
        "headcount": {
            "county": context["headcount"].county,
            "units": {unit.id: counts for unit, counts, _fell in context["headcount"].by_unit},
        },
        "findings": {target.code: dict(Counter(item.path for item in items)) for target, items in context["findings"]},
        "r12": len(context["r12"]),
        "units": context["unit_count"],
        "rates_now": {c.now.target.code: c.now.rate for c in cards},
    }
