#!/usr/bin/env python3
"""Look up a place name or postcode in the allowed data files (helper for writing the set)."""
import json, sys, unicodedata
D = '/work/main/data/'
M = json.load(open(D+'municipalities.json'))
P = json.load(open(D+'postcodes.json'))
F = json.load(open(D+'former_municipalities.json'))
DI = json.load(open(D+'districts.json'))
MN = {m['number']: m['name'] for m in M}
def norm(s): return s.casefold().strip()
for q in sys.argv[1:]:
    out = []
    if q.isdigit() and len(q) == 4:
        for p in P:
            if p['code'] == q: out.append(f"postcode {q} {p['place']} -> {p['municipality']} {MN.get(p['municipality'])}")
    for m in M:
        for n in m['names']:
            if norm(n['name']) == norm(q): out.append(f"municipality {m['number']} {m['name']} ({n['language']})")
    pl = sorted({(p['place'], p['municipality']) for p in P if norm(p['place']) == norm(q)})
    for a, b in pl: out.append(f"postal_place {a} -> {b} {MN.get(b)} codes={[p['code'] for p in P if p['place']==a and p['municipality']==b][:4]}")
    for f in F:
        if norm(f['name']) == norm(q): out.append(f"former {f['number']} {f['name']} {f['period']} -> {[(s, MN.get(s)) for s in f['successors']]}")
    for d in DI:
        if norm(d['name']) == norm(q) or any(norm(a) == norm(q) for a in (d.get('alt_names') or [])):
            out.append(f"district {d['name']} -> {d['municipality']} {MN.get(d['municipality'])}")
    print(q, '=>', out if out else 'NOT FOUND')
