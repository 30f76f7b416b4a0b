"""Builds the outreach golden fixtures (issue 18) and, independently of the Rust code, the
figures their report must show with suppression off:

    python3 tests/golden/make_outreach_fixtures.py

- outreach.copenhagen: a year (2024) of Reden's outreach in clinic and escort prostitution in
  Copenhagen, shaped like seed 003: "forventes at skabe kontakt til 150 personer årligt. Det
  forventes, at 75 vil tage imod et rådgivningsforløb" (003 line 109; the yearly target, line
  145), counted "uden personfølsomme oplysninger" (line 123), with a running mapping of clinics
  and escort ads (line 194) and a nurse offering STI tests (line 198). The targets are met
  exactly: 150 new contacts and 75 counselled.
- outreach.national: a year (2018) of Reden International's outreach health project, shaped
  like seed 000: foreign women in clinic prostitution outside the big cities, STI testing, and
  "Målet at skabe kontakt til 250 kvinder i prostitution på landsbasis" (000 line 13); the
  mapping kept in Excel (line 50). 262 new contacts against the target of 250.

Everything else (venues, dates, nationalities) is invented, plain and deterministic.
"""

import datetime as dt
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
INACTIVE_AFTER_DAYS = 183


def spread(total, parts, weights):
    """`total` split over `parts` slots in proportion to the cycling weights, summing exactly."""
    w = [weights[i % len(weights)] for i in range(parts)]
    raw = [total * x / sum(w) for x in w]
    out = [int(r) for r in raw]
    rest = total - sum(out)
    for i in sorted(range(parts), key=lambda i: (out[i] - raw[i], i))[:rest]:
        out[i] += 1
    return out


def build(venues, dates, venue_of, met, new, counselled, sti, referred, nat_weights, targets):
    visits = []
    for i, d in enumerate(dates):
        v = venue_of(i)
        visit = {"date": d.isoformat()}
        if v["id"]:
            visit["venue"] = v["id"]
        else:
            visit["form"] = "online"  # no venue: the form is given, and online needs no place
        visit.update({
            "women_met": met[i],
            "new_contacts": new[i],
            "counselled": counselled[i],
            "health": {"sti_tests": sti[i], "referred_to_clinic": referred[i]},
        })
        # nationalities: most women met, by the cycling weights; one in five not recorded
        recorded = met[i] - met[i] // 5
        counts = spread(recorded, len(nat_weights), [w for _, w in nat_weights])
        rot = i % len(nat_weights)
        codes = [c for c, _ in nat_weights]
        nat = {}
        for k, n in enumerate(counts):
            if n:
                code = codes[(k + rot) % len(codes)] if k >= 2 else codes[k]
                nat[code] = nat.get(code, 0) + n
        visit["nationalities"] = nat
        visits.append(visit)
    mapped = [{k: v for k, v in x.items() if v is not None} for x in venues]
    return {"venues": mapped, "outreach_visits": visits, "outreach_targets": targets}


def oracle(doc, as_of):
    """The figures of the report with suppression off, computed here from the rules."""
    visits = [v for v in doc["outreach_visits"] if v["date"] <= as_of]
    venues = [v for v in doc["venues"] if v["first_seen"] <= as_of]
    years = sorted({v["date"][:4] for v in visits})

    def figures(vs):
        return {
            "visits": len(vs),
            "venues_visited": len({v["venue"] for v in vs if "venue" in v}),
            "women_met": sum(v["women_met"] for v in vs),
            "new_contacts": sum(v["new_contacts"] for v in vs),
            "counselled": sum(v["counselled"] for v in vs),
            "sti_tests": sum(v["health"]["sti_tests"] for v in vs),
            "referred_to_clinic": sum(v["health"]["referred_to_clinic"] for v in vs),
        }

    count = {}
    last = {}
    for v in visits:
        if "venue" in v:
            count[v["venue"]] = count.get(v["venue"], 0) + 1
            last[v["venue"]] = max(last.get(v["venue"], ""), v["date"])
    asof = dt.date.fromisoformat(as_of)

    def active(v):
        seen = [v["first_seen"], last.get(v["id"], v["first_seen"])]
        if "last_seen" in v:
            seen.append(min(v["last_seen"], as_of))
        return (asof - dt.date.fromisoformat(max(seen))).days <= INACTIVE_AFTER_DAYS

    act = [v for v in venues if active(v)]
    region = {101: "hovedstaden", 147: "hovedstaden", 461: "syddanmark", 561: "syddanmark",
              621: "syddanmark", 751: "midtjylland", 657: "midtjylland", 730: "midtjylland",
              851: "nordjylland", 860: "nordjylland", 370: "sjaelland", 316: "sjaelland"}
    months = {}
    for v in visits:
        months[v["date"][:7]] = months.get(v["date"][:7], 0) + v["new_contacts"]
    nat = {}
    for v in visits:
        for c, n in v["nationalities"].items():
            nat[c] = nat.get(c, 0) + n
    return {
        "as_of": as_of,
        "years": {y: figures([v for v in visits if v["date"][:4] == y]) for y in years},
        "total": figures(visits),
        "venues": len(venues),
        "by_visits": {
            "none": sum(1 for v in venues if v["id"] not in count),
            "one": sum(1 for v in venues if count.get(v["id"]) == 1),
            "several": sum(1 for v in venues if count.get(v["id"], 0) > 1),
        },
        "by_status": {"active": len(act), "no_longer_active": len(venues) - len(act)},
        "active_by_form": {f: sum(1 for v in act if v["form"] == f)
                           for f in ["clinic", "escort", "private", "street", "bar", "online"]},
        "active_by_region": {r: sum(1 for v in act if region.get(v.get("municipality")) == r)
                             for r in ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]}
                            | {"none": sum(1 for v in act if "municipality" not in v)},
        "new_contacts_per_month": months,
        "nationalities": dict(sorted(nat.items(), key=lambda x: (-x[1], x[0]))),
    }


def venue(id_, form, municipality, first, last=None):
    return {"id": id_, "form": form, "municipality": municipality, "first_seen": first, "last_seen": last}


def copenhagen():
    venues = [venue(f"CPH-K{i:02d}", "clinic", 147 if i % 4 == 0 else 101, "2023-09-01") for i in range(1, 13)]
    venues += [venue(f"CPH-E{i:02d}", "escort", 101, "2024-01-15") for i in range(1, 7)]
    venues += [venue("WEB-1", "online", None, "2023-06-01"), venue("WEB-2", "online", None, "2024-03-01")]
    # three clinics closed in the spring: last seen more than six months before the year's end
    for v in venues[:3]:
        v["last_seen"] = "2024-04-30"
    # one escort profile mapped but never visited
    dates = [dt.date(2024, 1, 4) + dt.timedelta(days=7 * i) for i in range(52)]

    def venue_of(i):
        if i % 12 == 11:
            return {"id": None}  # an online session, no ad site named
        if i % 6 == 5:  # an online session on a mapped ad site
            return venues[-1] if dates[i].isoformat() >= "2024-03-01" and i % 4 == 1 else venues[-2]
        cycle = [v for v in venues if v["form"] != "online" and v["id"] != "CPH-E06"]
        v = cycle[i % len(cycle)]
        if v.get("last_seen") and dates[i].isoformat() > v["last_seen"]:
            v = cycle[(i + 3) % len(cycle)]
        if v["first_seen"] > dates[i].isoformat():
            v = cycle[(i + 6) % len(cycle)]
        return v

    n = len(dates)
    met = [4 + (i * 7) % 5 for i in range(n)]
    new = spread(150, n, [3, 2, 4, 3, 1, 2])
    met = [max(m, c + 1) for m, c in zip(met, new)]
    counselled = [min(c, m) for c, m in zip(spread(75, n, [1, 2, 1, 2, 2, 1]), met)]
    sti = [min(m, 1 + i % 3) for i, m in enumerate(met)]
    referred = [1 if i % 4 == 0 else 0 for i in range(n)]
    nat = [("TH", 5), ("RO", 3), ("BG", 2), ("NG", 1), ("HU", 1), ("UA", 1), ("BR", 1), ("VN", 1)]
    doc = build(venues, dates, venue_of, met, new, counselled, sti, referred, nat,
                {"new_contacts": 150, "counselled": 75})
    return doc, "2024-12-31"


def national():
    places = [(461, "ODE"), (561, "ESB"), (851, "AAL"), (751, "AAR"), (370, "NAE"), (316, "HOL"),
              (657, "HER"), (621, "KOL"), (730, "RAN"), (860, "HJO")]
    venues = []
    for k, (code, prefix) in enumerate(places):
        for j in range(1, 4):
            venues.append(venue(f"{prefix}-{j}", "clinic" if j < 3 else "private", code, "2018-01-01"))
    # the three venues in Hjørring and two in Randers closed in the spring
    for v in venues[-5:]:
        v["last_seen"] = "2018-03-31"
    dates = [dt.date(2018, 1, 8) + dt.timedelta(days=4 * i) for i in range(80)]

    def venue_of(i):
        v = venues[(i * 7) % len(venues)]
        if v.get("last_seen") and dates[i].isoformat() > v["last_seen"]:
            v = venues[i % 20]
        return v

    n = len(dates)
    new = spread(262, n, [4, 3, 2, 4, 5])
    met = [c + 1 + i % 3 for i, c in enumerate(new)]
    counselled = [min(m, i % 3) for i, m in enumerate(met)]
    sti = [min(m, 2 + i % 2) for i, m in enumerate(met)]
    referred = [i % 2 for i in range(n)]
    nat = [("TH", 6), ("RO", 3), ("BG", 2), ("HU", 1), ("NG", 1), ("CN", 1), ("PL", 1)]
    doc = build(venues, dates, venue_of, met, new, counselled, sti, referred, nat,
                {"new_contacts": 250})
    return doc, "2018-12-31"


for name, (doc, as_of) in [("copenhagen", copenhagen()), ("national", national())]:
    (HERE / f"outreach.{name}.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    (HERE / f"outreach.{name}.expected.json").write_text(
        json.dumps(oracle(doc, as_of), indent=1, ensure_ascii=False) + "\n")
