"""The cohort report's main tables written in pandas, as a project analyst would (the
comparison baseline for bench_report.py). Checked against overgang's numbers there."""

import numpy as np
import pandas as pd

AGE_BANDS = [(18, 25, "18-25"), (26, 30, "26-30"), (31, 35, "31-35"), (36, 45, "36-45"), (46, 200, "over_45")]


def frames(doc):
    """Long tables from a cohort document (the loading step, timed separately)."""
    people = pd.DataFrame([{k: p.get(k) for k in ("id", "gender", "age", "start", "end", "anti_trafficking_referral")} for p in doc["participants"]])
    who5 = pd.DataFrame([(p["id"], m["date"], *m["items"]) for p in doc["participants"] for m in p.get("who5", [])], columns=["id", "date", "i1", "i2", "i3", "i4", "i5"])
    gse = pd.DataFrame([(p["id"], m["date"], *m["items"]) for p in doc["participants"] for m in p.get("gse", [])], columns=["id", "date", *[f"i{k}" for k in range(1, 11)]])
    ten = pd.DataFrame([(p["id"], a["date"], area, step) for p in doc["participants"] for a in p.get("ten_step", []) for area, step in a["ratings"].items()], columns=["id", "date", "area", "step"])
    interventions = pd.DataFrame([(p["id"], i["category"]) for p in doc["participants"] for i in p.get("interventions", [])], columns=["id", "category"])
    return people, who5, gse, ten, interventions


def waves_and_pairs(scores, value):
    """Waves (k-th measurement by date) shown with at least 10 answers, and paired change."""
    w = scores.sort_values(["id", "date"], kind="stable").copy()
    w["wave"] = w.groupby("id").cumcount() + 1
    waves = w.groupby("wave")[value].agg(["count", "mean"])
    waves = waves[waves["count"] >= 10]
    first = w[w["wave"] == 1].set_index("id")[value]
    paired = []
    for k in waves.index[1:]:
        later = w[w["wave"] == k].set_index("id")[value]
        both = first.to_frame("a").join(later.to_frame("b"), how="inner")
        if len(both) >= 10:
            paired.append((int(k), len(both), float(both["a"].mean()), float(both["b"].mean())))
    return [(int(k), int(r["count"]), float(r["mean"])) for k, r in waves.iterrows()], paired, w


def tables(people, who5, gse, ten, interventions, as_of):
    out = {}
    out["count"] = len(people)
    age = people["age"].dropna()
    bands = pd.cut(age, bins=[17, 25, 30, 35, 45, 200], labels=[b[2] for b in AGE_BANDS])
    counts = bands.value_counts().reindex([b[2] for b in AGE_BANDS], fill_value=0)
    n = int(counts.sum())
    out["age_bands"] = {k: (int(v), int(np.floor(100 * v / n + 0.5))) for k, v in counts.items()}
    g = people["gender"].dropna().value_counts()
    out["gender"] = {k: int(g.get(k, 0)) for k in ("woman", "man", "non_binary")}
    start = pd.to_datetime(people["start"])
    end = pd.to_datetime(people["end"]).fillna(pd.Timestamp(as_of)).clip(upper=pd.Timestamp(as_of))
    days = (end - start).dt.days
    out["participation"] = (int((days >= 1).sum()), int((days < 1).sum()), float((days[days >= 1] / 30.4375).mean()))
    per = interventions.drop_duplicates().groupby("id")["category"].nunique().reindex(people["id"], fill_value=0)
    out["by_count"] = [int((per == k).sum()) for k in range(4)] + [int((per >= 4).sum())]
    out["by_category"] = interventions.drop_duplicates().groupby("category")["id"].nunique().to_dict()
    w = who5.dropna().copy()
    w["index"] = w[["i1", "i2", "i3", "i4", "i5"]].sum(axis=1) * 4
    out["who5_waves"], out["who5_paired"], w = waves_and_pairs(w, "index")
    per_person = w.groupby("id")["index"]
    two = per_person.count() >= 2
    out["risk_zone"] = (int(two.sum()), int((per_person.first()[two] <= 50).sum()), int((per_person.last()[two] <= 50).sum()))
    g = gse.copy()
    items = g[[f"i{k}" for k in range(1, 11)]]
    answered = items.notna().sum(axis=1)
    g["score"] = np.where(answered == 10, items.sum(axis=1), items.mean(axis=1) * 10)
    g = g[answered >= 7]
    out["gse_waves"], out["gse_paired"], _ = waves_and_pairs(g, "score")
    t = ten.sort_values(["id", "area", "date"], kind="stable").groupby(["id", "area"])["step"].agg(["first", "last", "count"])
    t = t[t["count"] >= 2]
    dev = t.assign(positive=t["last"] > t["first"]).groupby("area")["positive"].agg(["count", "sum"])
    out["ten_step"] = {a: (int(r["count"]), int(r["sum"])) for a, r in dev.iterrows()}
    return out
