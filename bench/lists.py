"""Lists at nation scale: the people register and the matters list against the Django admin's changelist.

    python -m bench.lists [--scale nation] [--repeat N]

Same model, same filter, same page size (PAGINATE_BY), same page, warm, N requests each, signed in as the
county office (an admin superuser for the changelist). The portal's query count is taken on the first and on
a far page, to show it does not grow. Goal: portal ≤ 0.5 × admin, constant query count.
"""

import argparse

from bench import common

CASES = (
    # (name, portal URL, portal query, admin URL, admin query)
    ("people register", "/lawyers/people/", {"full_time_legal": "true"}, "/bench/admin/lawyers/person/",
     {"full_time_legal": "1"}),
    ("matters", "/matters/", {"category": "contracts", "status": "closed"}, "/bench/admin/matters/matter/",
     {"category__exact": "contracts", "status__exact": "closed"}),
)  # fmt: skip
PAGE = 40  # a page deep in the list (1-based); the admin counts pages from 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="nation")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    common.prepare(args.scale)
    common.setup(args.scale)
    county = common.bench_user("scale_county", is_staff=True, is_superuser=True)
    client = common.client_for(county)

    def getter(url, query):
        def get():
            response = client.get(url, query)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return get

    for name, url, query, admin_url, admin_query in CASES:
        portal = getter(url, {**query, "page": PAGE})
        admin = getter(admin_url, {**admin_query, "p": PAGE - 1})
        counts = []
        for page in (1, PAGE):
            with common.queries_counted() as captured:
                getter(url, {**query, "page": page})()
            counts.append(len(captured))
        with common.queries_counted() as admin_captured:
            admin()
        portal_figures = common.summary(common.timed(portal, repeat=args.repeat))
        admin_figures = common.summary(common.timed(admin, repeat=args.repeat))
        ratio = round(portal_figures["median_ms"] / admin_figures["median_ms"], 2)
        print(f"[{args.scale}] {name}: " + common.show("portal", portal_figures) + f", queries page 1/{PAGE}: {counts}")
        print(
            f"[{args.scale}] {name}: "
            + common.show("admin changelist", admin_figures)
            + f", {len(admin_captured)} queries"
        )
        print(f"[{args.scale}] {name}: ratio portal/admin = {ratio} ({common.verdict(ratio, 0.5)}); "
              f"query count {'constant' if counts[0] == counts[1] else 'GROWS'}")  # fmt: skip
        common.record(
            "lists",
            scale=args.scale,
            case=name,
            portal=portal_figures,
            admin=admin_figures,
            ratio=ratio,
            queries=counts,
            admin_queries=len(admin_captured),
            filter=query,
            command=f"python -m bench.lists --scale {args.scale} --repeat {args.repeat}",
        )


if __name__ == "__main__":
    main()
