#!/usr/bin/env python3
"""Validate set 2026-12-07-x: 6 fields, class = file name, municipality numbers exist, topic ids exist,
crisis yes/no (crisis.tsv all yes, calm_lookalikes.tsv all no), minimum counts, no duplicate queries. Prints counts."""
import json, os, re, sys, collections
here = os.path.dirname(os.path.abspath(__file__))
D = "/work/main/data/"
muns = {m["number"] for m in json.load(open(D + "municipalities.json"))}
topics = {t["id"] for t in json.load(open(D + "topics.json"))}
VOICES = ["scams_sextortion_and_online_harassment", "self_employed_and_small_business", "lonely_elderly_immigrants",
          "in_laws_and_stepfamilies", "hobbies_choirs_and_clubs", "one_question_at_a_time",
          "stepping_out_of_a_long_illness", "grandchildren_writing_for_grandparents"]
MIN = {v: 35 for v in VOICES}; MIN["crisis"] = 170; MIN["calm_lookalikes"] = 65
errors, seen, stats = [], {}, collections.OrderedDict()
for cls in VOICES + ["crisis", "calm_lookalikes"]:
    path = os.path.join(here, cls + ".tsv")
    if not os.path.exists(path):
        errors.append(f"missing {cls}.tsv"); continue
    n = yes = placed = 0
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        where = f"{cls}.tsv:{i}"
        if len(f) != 6:
            errors.append(f"{where}: {len(f)} fields"); continue
        c, q, place, tops, crisis, note = f
        if c != cls: errors.append(f"{where}: class {c!r}")
        if not q.strip(): errors.append(f"{where}: empty query")
        if place not in ("-", "?"):
            for p in place.split("|"):
                if p != "-" and p not in muns:
                    errors.append(f"{where}: unknown municipality {p!r}")
        if tops not in ("-", "?"):
            for t in tops.split(","):
                if t not in topics: errors.append(f"{where}: unknown topic {t!r}")
        if crisis not in ("yes", "no"): errors.append(f"{where}: crisis {crisis!r}")
        if cls == "crisis" and crisis != "yes": errors.append(f"{where}: crisis.tsv must be yes")
        if cls == "calm_lookalikes" and crisis != "no": errors.append(f"{where}: calm_lookalikes.tsv must be no")
        if not note.strip(): errors.append(f"{where}: empty note")
        key = q.strip().lower()
        if key in seen: errors.append(f"{where}: duplicate of {seen[key]}")
        seen[key] = where
        n += 1; yes += crisis == "yes"
        placed += any(re.fullmatch(r"\d{4}", p) for p in place.split("|"))
    if n < MIN[cls]: errors.append(f"{cls}: {n} lines < {MIN[cls]}")
    stats[cls] = (n, yes, placed)
total = sum(v[0] for v in stats.values())
if total < 500: errors.append(f"total {total} < 500")
print(f"{'class':45} {'queries':>7} {'yes':>5} {'place':>6}")
for cls, (n, y, p) in stats.items():
    print(f"{cls:45} {n:7} {y:5} {p:6}")
print(f"{'total':45} {total:7} {sum(v[1] for v in stats.values()):5} {sum(v[2] for v in stats.values()):6}")
if errors:
    print("\n".join(errors)); sys.exit(1)
print("OK")
