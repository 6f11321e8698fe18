#!/usr/bin/env python3
"""Draw ~260 places at random for set 2026-12-07-x ("the whole map").

Kinds (each place used once):
  ~1/3 municipalities (uniform over the 357 of 2024, so small ones as often as Oslo)
  ~1/3 postal places / villages from postcodes.json (uniform over distinct place names
       that are not themselves a municipality name and lie in exactly one municipality)
  ~1/6 city districts (districts.json) or former municipalities merged away
       (former_municipalities.json, change sammenslaatt/delt, name no longer a municipality)
  ~1/6 bare postcodes (uniform over postcodes.json)
Each drawn place is then dealt to a class. Output: draw_output.tsv
"""
import json, random, collections

random.seed(20261207)
D = "/work/main/data/"
muns = json.load(open(D + "municipalities.json"))
pcs = json.load(open(D + "postcodes.json"))
dists = json.load(open(D + "districts.json"))
formers = json.load(open(D + "former_municipalities.json"))
mname = {m["number"]: m["name"] for m in muns}
mnames_lower = {n["name"].lower() for m in muns for n in m["names"]} | {m["name"].lower() for m in muns}

N_MUN, N_POST, N_DIST_FORMER, N_CODE = 87, 87, 43, 43

# municipalities
mun_draw = random.sample(muns, N_MUN)

# postal places
by_place = collections.defaultdict(set)
for p in pcs:
    by_place[p["place"]].add(p["municipality"])
places = sorted(pl for pl, ms in by_place.items()
                if len(ms) == 1 and pl.lower() not in mnames_lower)
post_draw = random.sample(places, N_POST)

# districts + former municipalities
former_ok = sorted({(f["name"], tuple(f["successors"])) for f in formers
                    if f["change"] in ("sammenslaatt", "delt")
                    and not any(part.strip().lower() in mnames_lower
                                for part in f["name"].split(" - "))})
drawn_post = {p.lower() for p in post_draw}
pool = [("district", d["name"], (d["municipality"],)) for d in dists
        if d["name"].lower() not in drawn_post and d["name"].lower() not in mnames_lower] + \
       [("former", n, s) for n, s in former_ok if n.lower() not in drawn_post]
df_draw = random.sample(pool, N_DIST_FORMER)

# postcodes
code_draw = random.sample(pcs, N_CODE)

rows = []
for m in mun_draw:
    rows.append(("municipality", m["name"], m["number"]))
for pl in post_draw:
    (mn,) = by_place[pl]
    rows.append(("postal_place", pl, mn))
for kind, n, s in df_draw:
    rows.append((kind, n, "|".join(s)))
for p in code_draw:
    rows.append(("postcode", p["code"] + " (" + p["place"] + ")", p["municipality"]))

random.shuffle(rows)
# deal to classes
quota = [
    ("scams_sextortion_and_online_harassment", 22),
    ("self_employed_and_small_business", 22),
    ("lonely_elderly_immigrants", 22),
    ("in_laws_and_stepfamilies", 22),
    ("hobbies_choirs_and_clubs", 22),
    ("one_question_at_a_time", 22),
    ("stepping_out_of_a_long_illness", 22),
    ("grandchildren_writing_for_grandparents", 22),
    ("crisis", 60),
    ("calm_lookalikes", 24),
]
assert sum(q for _, q in quota) == len(rows) == 260
i = 0
with open("/work/set-x/draw_output.tsv", "w") as f:
    f.write("#idx\tclass\tkind\tplace\tmunicipality\tmunicipality_name\n")
    for cls, q in quota:
        for _ in range(q):
            kind, name, num = rows[i]
            nm = "|".join(mname.get(x, "?") for x in num.split("|"))
            f.write(f"{i}\t{cls}\t{kind}\t{name}\t{num}\t{nm}\n")
            i += 1
print("wrote", i, "places;", collections.Counter(r[0] for r in rows))
