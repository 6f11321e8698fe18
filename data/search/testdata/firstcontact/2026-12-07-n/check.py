#!/usr/bin/env python3
"""Check the first-contact set 2026-12-07-n.

Every non-comment line must have 6 tab-separated fields
(class, query, place, topics, crisis, note); the class must match the file name;
every place number must exist in municipalities.json; every topic id must exist
in topics.json; crisis must be yes/no. crisis.tsv must be all yes and
calm_lookalikes.tsv all no. Queries must not repeat.

Usage: python3 check.py [DATA_DIR]            (default /work/main/data)
       python3 check.py [DATA_DIR] --scan     also list query words that are place names
"""
import glob, json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if not a.startswith('--')]
data = args[0] if args else '/work/main/data'
munis = {m['number']: m['name'] for m in json.load(open(os.path.join(data, 'municipalities.json')))}
topics = {t['id'] for t in json.load(open(os.path.join(data, 'topics.json')))}

errors, counts, seen = [], {}, {}
for path in sorted(glob.glob(os.path.join(here, '*.tsv'))):
    cls = os.path.basename(path)[:-4]
    n = yes = placed = 0
    for i, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        f = line.split('\t')
        where = f'{os.path.basename(path)}:{i}'
        if len(f) != 6:
            errors.append(f'{where}: {len(f)} fields'); continue
        c, q, place, tps, crisis, note = f
        n += 1
        if c != cls: errors.append(f'{where}: class {c!r} != file {cls!r}')
        if not q.strip(): errors.append(f'{where}: empty query')
        if not note.strip(): errors.append(f'{where}: empty note')
        if q in seen: errors.append(f'{where}: duplicate query (also {seen[q]})')
        seen[q] = where
        if place != '?':
            for p in place.split('|'):
                if p == '-': continue
                if not re.fullmatch(r'\d{4}', p) or p not in munis:
                    errors.append(f'{where}: unknown place {p!r}')
        if place not in ('-', '?'): placed += 1
        if tps not in ('-', '?'):
            for t in tps.split(','):
                if t not in topics: errors.append(f'{where}: unknown topic {t!r}')
        if crisis not in ('yes', 'no'): errors.append(f'{where}: crisis {crisis!r}')
        yes += crisis == 'yes'
        if cls == 'crisis' and crisis != 'yes': errors.append(f'{where}: crisis.tsv line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no': errors.append(f'{where}: calm line not no')
    counts[cls] = (n, yes, placed)

total = [0, 0, 0]
print(f'{"class":28} {"queries":>7} {"crisis yes":>10} {"place given":>11}')
for cls, (n, y, p) in counts.items():
    print(f'{cls:28} {n:7} {y:10} {p:11}')
    total = [total[0] + n, total[1] + y, total[2] + p]
print(f'{"total":28} {total[0]:7} {total[1]:10} {total[2]:11}')
minimum = {'crisis': 170, 'calm_lookalikes': 65}
for cls, (n, _, _) in counts.items():
    if n < minimum.get(cls, 35): errors.append(f'{cls}: only {n} lines')
if total[0] < 500: errors.append(f'only {total[0]} lines in total')

if '--scan' in sys.argv:
    names = {}
    for m in json.load(open(os.path.join(data, 'municipalities.json'))):
        for nm in [m['name']] + [x['name'] for x in m.get('names', [])]:
            names.setdefault(nm.lower(), set()).add(m['number'])
    for p in json.load(open(os.path.join(data, 'postcodes.json'))):
        names.setdefault(p['place'].lower(), set()).add(p['municipality'])
    for d in json.load(open(os.path.join(data, 'districts.json'))):
        for nm in [d['name']] + d.get('alt_names', []):
            names.setdefault(nm.lower(), set()).add(d['municipality'])
    for path in sorted(glob.glob(os.path.join(here, '*.tsv'))):
        for line in open(path, encoding='utf-8'):
            if line.startswith('#') or not line.strip(): continue
            f = line.rstrip('\n').split('\t')
            words = re.findall(r"[\wæøåÆØÅ'-]+", f[1].lower())
            hits = set()
            for k in (1, 2, 3):
                for j in range(len(words) - k + 1):
                    w = ' '.join(words[j:j + k])
                    if w in names: hits.add(f'{w}->{"/".join(sorted(names[w]))}')
            if hits: print(f'{f[0]}\t{f[2]}\t{sorted(hits)}\t{f[1][:70]}')

if errors:
    print('\n'.join(errors)); sys.exit(1)
print('OK')
