# ruff: noqa: B007,E501  (benchmark tooling: local tools on loopback, long report lines)
"""The floor of the coverage dashboard: hand-written SQL that yields the page's numbers and nothing else.

Three queries, every join and count done by the database, only numbers sent back:
1. per day (every month-end since 2021, the as-of date, the deadlines) and group of units (kind, enforcement
   power, management mode): active units, units with a public lawyer, units carrying out the work (a legal
   advisor counting only on days without R1.2 staff in the unit), and units carrying out the work when every
   advisor counts (a target's `advisors_count_regardless`);
2. per year-end and unit, distinct public lawyers, and the county total per year-end (headcount, R1.6);
3. per unit active on the as-of date: its statuses, its eligible staff and its R1.2 staff on that day, and
   whether its system has a pool (the findings).
R1.2 staff of a unit on day d (coverage.engine.R12Facts): people posted in it on d, qualified on or before d,
in a period of full-time legal work on d and holding no certificate on d (in force or suspended).
Target rates, trend, breakdowns and findings follow from these with a few additions in Python. PostgreSQL's
SQL (the benchmark's server); tests/scale/test_floor.py holds the engine to the same numbers on it.
"""

from collections import Counter, defaultdict, namedtuple
from datetime import date

from django.db import connection

from coverage.engine import ANY_ADVISOR, HAS_LAWYER, Group, GroupCount
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

# Per asked day and unit: engagements and dispatches in force, R1.2 staff and eligible staff (the people
# posted there that day), and the unit's flags. A certificate held on the day (issued, not ended) rules a
# person out of both counts; for the eligible it also makes the suspension rule moot (a suspension counts
# against a person only while its certificate is held).
UNIT_DAYS = """
    engaged AS (
        SELECT DISTINCT d.day, e.unit_id FROM days d JOIN advisors_engagement e
          ON e.starts_on <= d.day AND e.ends_on >= d.day AND (e.terminated_on IS NULL OR e.terminated_on > d.day)
    ),
    dispatched AS (
        SELECT DISTINCT d.day, x.unit_id FROM days d JOIN advisors_dispatch x
          ON x.status = 'dispatched' AND x.starts_on <= d.day AND x.ends_on >= d.day
         AND (x.terminated_on IS NULL OR x.terminated_on > d.day)
    ),
    posted AS (
        SELECT d.day, p.unit_id, q.id, q.legal_work_years, q.judicial_years, q.lacks_civil_capacity,
               q.licence_revoked, q.under_investigation, q.last_annual_grade, q.credit_punished
        FROM days d
        JOIN lawyers_posting p ON (p.started_on IS NULL OR p.started_on <= d.day) AND (p.ended_on IS NULL OR p.ended_on > d.day)
        JOIN lawyers_person q ON q.id = p.person_id AND q.qualified_on <= d.day
        WHERE NOT EXISTS (SELECT 1 FROM lawyers_certificate c WHERE c.person_id = q.id AND c.issued_on <= d.day
                          AND (c.ended_on IS NULL OR c.ended_on > d.day))
    ),
    staff AS (
        SELECT s.day, s.unit_id,
               COUNT(DISTINCT s.id) FILTER (
                   WHERE EXISTS (SELECT 1 FROM lawyers_legalworkperiod w WHERE w.person_id = s.id
                                 AND (w.started_on IS NULL OR w.started_on <= s.day)
                                 AND (w.ended_on IS NULL OR w.ended_on > s.day))
               ) AS r12,
               COUNT(DISTINCT s.id) FILTER (
                   WHERE (s.legal_work_years >= 2 OR s.judicial_years >= 1)
                     AND NOT s.lacks_civil_capacity AND NOT s.licence_revoked AND NOT s.under_investigation
                     AND s.last_annual_grade <> 'incompetent' AND NOT s.credit_punished
                     AND NOT EXISTS (SELECT 1 FROM lawyers_certificate c WHERE c.person_id = s.id
                                     AND c.status = 'revoked' AND c.ended_on <= s.day)
               ) AS eligible
        FROM posted s GROUP BY s.day, s.unit_id
    ),
    unit_days AS (
        SELECT d.day, u.id, u.kind, u.law_enforcement, u.management_mode, u.superior_id
        FROM days d JOIN units_unit u
          ON (u.established_on IS NULL OR u.established_on <= d.day) AND (u.abolished_on IS NULL OR u.abolished_on > d.day)
    ),
    flags AS (
        SELECT ud.day, ud.id, ud.kind, ud.law_enforcement, ud.management_mode, ud.superior_id,
               (l.unit_id IS NOT NULL)::int AS has_lawyer, (e.unit_id IS NOT NULL)::int AS engaged,
               (x.unit_id IS NOT NULL)::int AS dispatched, COALESCE(s.r12, 0) AS r12,
               COALESCE(s.eligible, 0) AS eligible
        FROM unit_days ud
        LEFT JOIN (SELECT DISTINCT day, unit_id FROM lawyer_days) l ON l.day = ud.day AND l.unit_id = ud.id
        LEFT JOIN engaged e ON e.day = ud.day AND e.unit_id = ud.id
        LEFT JOIN dispatched x ON x.day = ud.day AND x.unit_id = ud.id
        LEFT JOIN staff s ON s.day = ud.day AND s.unit_id = ud.id
    )
"""

# Per group and day, by a sweep instead of a days × units product: each unit's dated events (+1/-1 for being
# active, for a lawyer span, for a suspension inside a span (-1/+1), for a dispatch term, for an engagement
# term, for an R1.2 piece and for a certificate held inside one (-1/+1)), their running sums in date order
# (window functions), the days on which the unit's statuses flip, and those flips summed per group up to each
# asked day. An R1.2 piece is a posting of a qualified person cut to the days since the qualification and to
# one of their legal work periods (GREATEST and LEAST skip the NULLs of open ends). PostgreSQL only (dates
# ± infinity, date + 1): the benchmark's server. A certificate's suspensions do not overlap (the services
# suspend only a certificate in force), nor do a person's postings, work periods or certificates
# (lawyers.consistency): a person adds at most 1 to a unit's R1.2 count on any day.
GROUPS = """
    WITH {days},
    spans AS (
        SELECT p.unit_id, c.id AS certificate_id, GREATEST(p.started_on, c.issued_on) AS starts,
               COALESCE(LEAST(p.ended_on, c.ended_on), 'infinity') AS ends
        FROM lawyers_posting p JOIN lawyers_certificate c ON c.person_id = p.person_id
        WHERE (p.ended_on IS NULL OR p.ended_on > c.issued_on)
          AND (c.ended_on IS NULL OR p.started_on IS NULL OR c.ended_on > p.started_on)
    ),
    r12_pieces AS (
        SELECT * FROM (
            SELECT p.unit_id, p.person_id, GREATEST(p.started_on, q.qualified_on, w.started_on) AS starts,
                   COALESCE(LEAST(p.ended_on, w.ended_on), 'infinity') AS ends
            FROM lawyers_posting p
            JOIN lawyers_person q ON q.id = p.person_id AND q.qualified_on IS NOT NULL
            JOIN lawyers_legalworkperiod w ON w.person_id = p.person_id
        ) r WHERE r.starts < r.ends
    ),
    r12_held AS (
        SELECT r.unit_id, GREATEST(r.starts, c.issued_on) AS starts, LEAST(r.ends, COALESCE(c.ended_on, 'infinity')) AS ends
        FROM r12_pieces r JOIN lawyers_certificate c ON c.person_id = r.person_id
        WHERE c.issued_on < r.ends AND (c.ended_on IS NULL OR c.ended_on > r.starts)
    ),
    events (unit_id, at, active, lawyers, dispatches, engagements, r12) AS (
        SELECT id, COALESCE(established_on, '-infinity'), 1, 0, 0, 0, 0 FROM units_unit
        UNION ALL SELECT id, abolished_on, -1, 0, 0, 0, 0 FROM units_unit WHERE abolished_on IS NOT NULL
        UNION ALL SELECT unit_id, starts, 0, 1, 0, 0, 0 FROM spans
        UNION ALL SELECT unit_id, ends, 0, -1, 0, 0, 0 FROM spans
        UNION ALL SELECT s.unit_id, GREATEST(x.started_on, s.starts), 0, -1, 0, 0, 0
            FROM spans s JOIN lawyers_suspension x ON x.certificate_id = s.certificate_id
            WHERE x.started_on < s.ends AND (x.ended_on IS NULL OR x.ended_on > s.starts)
        UNION ALL SELECT s.unit_id, LEAST(COALESCE(x.ended_on, 'infinity'), s.ends), 0, 1, 0, 0, 0
            FROM spans s JOIN lawyers_suspension x ON x.certificate_id = s.certificate_id
            WHERE x.started_on < s.ends AND (x.ended_on IS NULL OR x.ended_on > s.starts)
        UNION ALL SELECT unit_id, starts_on, 0, 0, 1, 0, 0 FROM advisors_dispatch WHERE status = 'dispatched'
        UNION ALL SELECT unit_id, LEAST(ends_on + 1, COALESCE(terminated_on, 'infinity')), 0, 0, -1, 0, 0
            FROM advisors_dispatch WHERE status = 'dispatched'
        UNION ALL SELECT unit_id, starts_on, 0, 0, 0, 1, 0 FROM advisors_engagement
        UNION ALL SELECT unit_id, LEAST(ends_on + 1, COALESCE(terminated_on, 'infinity')), 0, 0, 0, -1, 0
            FROM advisors_engagement
        UNION ALL SELECT unit_id, starts, 0, 0, 0, 0, 1 FROM r12_pieces
        UNION ALL SELECT unit_id, ends, 0, 0, 0, 0, -1 FROM r12_pieces
        UNION ALL SELECT unit_id, starts, 0, 0, 0, 0, -1 FROM r12_held
        UNION ALL SELECT unit_id, ends, 0, 0, 0, 0, 1 FROM r12_held
    ),
    points AS (
        SELECT unit_id, at, SUM(active) AS active, SUM(lawyers) AS lawyers, SUM(dispatches) AS dispatches,
               SUM(engagements) AS engagements, SUM(r12) AS r12
        FROM events GROUP BY unit_id, at
    ),
    running AS (
        SELECT unit_id, at, SUM(active) OVER w > 0 AS active, SUM(lawyers) OVER w > 0 AS lawyers,
               SUM(dispatches) OVER w > 0 AS dispatches, SUM(engagements) OVER w > 0 AS engagements,
               SUM(r12) OVER w > 0 AS r12
        FROM points WINDOW w AS (PARTITION BY unit_id ORDER BY at)
    ),
    states AS (
        SELECT unit_id, at, active::int AS active, (active AND lawyers)::int AS has_lawyer,
               (active AND (lawyers OR dispatches OR (engagements AND NOT r12)))::int AS carries,
               (active AND (lawyers OR dispatches OR engagements))::int AS any_advisor
        FROM running
    ),
    flips AS (
        SELECT unit_id, at,
               active - LAG(active, 1, 0) OVER w AS active,
               has_lawyer - LAG(has_lawyer, 1, 0) OVER w AS has_lawyer,
               carries - LAG(carries, 1, 0) OVER w AS carries,
               any_advisor - LAG(any_advisor, 1, 0) OVER w AS any_advisor
        FROM states WINDOW w AS (PARTITION BY unit_id ORDER BY at)
    ),
    group_flips AS (
        SELECT u.kind, u.law_enforcement, u.management_mode, f.at,
               SUM(f.active) AS active, SUM(f.has_lawyer) AS has_lawyer, SUM(f.carries) AS carries,
               SUM(f.any_advisor) AS any_advisor
        FROM flips f JOIN units_unit u ON u.id = f.unit_id
        WHERE f.active <> 0 OR f.has_lawyer <> 0 OR f.carries <> 0 OR f.any_advisor <> 0
        GROUP BY u.kind, u.law_enforcement, u.management_mode, f.at
    )
    SELECT d.day, g.kind, g.law_enforcement, g.management_mode,
           SUM(g.active), SUM(g.has_lawyer), SUM(g.carries), SUM(g.any_advisor)
    FROM days d JOIN group_flips g ON g.at <= d.day
    GROUP BY d.day, g.kind, g.law_enforcement, g.management_mode
"""
# Per year-end and unit, and per year-end in total (unit_id NULL), in one pass.
HEADCOUNT = (
    "WITH {days}, {spans} SELECT l.day, l.unit_id, COUNT(DISTINCT l.person_id) FROM lawyer_days l "
    "JOIN units_unit u ON u.id = l.unit_id AND (u.established_on IS NULL OR u.established_on <= l.day) "
    "AND (u.abolished_on IS NULL OR u.abolished_on > l.day) GROUP BY GROUPING SETS ((l.day, l.unit_id), (l.day))"
)
# Each unit active on the day: its statuses (carrying out the work by the rule and with every advisor
# counting), whether an engagement and a dispatch are in force, its eligible (lawyers.eligibility.RULES) and
# R1.2 staff posted there that day, and whether its system has a pool in force.
UNITS_ON_DAY = """
    WITH {days}, {spans}, {units},
    pools AS (
        SELECT DISTINCT m.system_id FROM advisors_poolmember m, days d
        WHERE m.joined_on <= d.day AND (m.left_on IS NULL OR m.left_on > d.day)
    )
    SELECT f.id, f.kind, f.law_enforcement, f.management_mode, f.superior_id, f.has_lawyer,
           CASE WHEN f.has_lawyer = 1 OR f.dispatched = 1 OR (f.engaged = 1 AND f.r12 = 0) THEN 1 ELSE 0 END,
           CASE WHEN f.has_lawyer = 1 OR f.dispatched = 1 OR f.engaged = 1 THEN 1 ELSE 0 END,
           f.engaged, f.dispatched, f.eligible, f.r12, CASE WHEN pl.system_id IS NULL THEN 0 ELSE 1 END
    FROM flags f LEFT JOIN pools pl ON pl.system_id = f.superior_id
"""


# A row of UNITS_ON_DAY (flags as 0/1).
UnitOnDay = namedtuple(
    "UnitOnDay",
    "id kind law_enforcement management_mode superior_id has_lawyer carries any_advisor engaged dispatched "
    "eligible r12 pool",
)


def _run(template: str, days) -> list[tuple]:
    days_sql, params = _days_cte(sorted(set(days)))
    sql = template.format(days=days_sql, spans=LAWYER_SPANS.strip(), units=UNIT_DAYS.strip())
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
    for day, kind, enforcement, mode, active, lawyers, work, any_advisor in _run(
        GROUPS, [*trend_days, as_of, *deadlines]
    ):
        groups[_day(day)][Group(kind, bool(enforcement), mode)] = GroupCount(
            int(active), int(lawyers), int(work), int(any_advisor)
        )

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

    units = [UnitOnDay(*row) for row in _run(UNITS_ON_DAY, [as_of])]
    findings = {}
    for target in targets:
        measure = target.measure
        paths = Counter()
        for u in units:
            if not target.includes(Group(u.kind, bool(u.law_enforcement), u.management_mode)):
                continue
            if {HAS_LAWYER: u.has_lawyer, ANY_ADVISOR: u.any_advisor}.get(measure, u.carries):
                continue
            dispatch = u.management_mode in SYSTEM_MODES and u.pool
            if u.eligible:
                paths["apply"] += 1
            elif target.metric == HAS_LAWYER:
                paths["recruit"] += 1
            elif u.r12 and measure != ANY_ADVISOR and not dispatch:
                paths["recruit"] += 1  # an advisor would not count for a unit with R1.2 staff
            elif dispatch:
                paths["dispatch"] += 1
            else:
                paths["advisor"] += 1
        findings[target.code] = dict(paths)
    by_kind, by_mode = Counter(), Counter()
    for u in units:
        for counter, key in ((by_kind, u.kind), (by_mode, u.management_mode)):
            counter[(key, "units")] += 1
            counter[(key, "has_lawyer")] += u.has_lawyer
            counter[(key, "carries")] += u.carries
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
        # R1.2: units with R1.2 staff and no public lawyer, with how many; those only an advisor covers.
        "r12": {u.id: u.r12 for u in units if u.r12 and not u.has_lawyer},
        "advisor_only": sorted(u.id for u in units if u.r12 and u.engaged and not u.has_lawyer and not u.dispatched),
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
        "r12": {status.unit.id: staff for status, staff in context["r12"]},
        "advisor_only": sorted(status.unit.id for status in context["advisor_only"]),
        "units": context["unit_count"],
        "rates_now": {c.now.target.code: c.now.rate for c in cards},
    }
