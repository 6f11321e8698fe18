#!/usr/bin/env python3
"""Check the first-contact set 2026-12-07-p against the data files.

Every non-comment line must have 6 tab-separated fields; the class must match the file name; the place is
'-', '?' or '|'-separated alternatives of '-' and 2024 municipality numbers from municipalities.json; topics are
'-', '?' or comma-separated ids from topics.json; crisis is yes/no (crisis.tsv all yes, calm_lookalikes.tsv all no).
Usage: python3 check.py [path/to/data]   (default /work/main/data)
"""
import collections, glob, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else '/work/main/data'
munis = {m['number'] for m in json.load(open(os.path.join(data, 'municipalities.json'), encoding='utf-8'))}
topics = {t['id'] for t in json.load(open(os.path.join(data, 'topics.json'), encoding='utf-8'))}

MIN = {'crisis': 170, 'calm_lookalikes': 65}
errors, total, seen = [], 0, collections.Counter()
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
        c, q, place, tops, crisis, note = f
        n += 1
        seen[q.strip().lower()] += 1
        if c != cls: errors.append(f'{where}: class {c!r} != {cls!r}')
        if not q.strip(): errors.append(f'{where}: empty query')
        if not note.strip(): errors.append(f'{where}: empty note')
        if place != '?':
            for alt in place.split('|'):
                if alt != '-' and alt not in munis:
                    errors.append(f'{where}: unknown municipality {alt!r}')
        if place != '-': placed += 1
        if tops not in ('-', '?'):
            for t in tops.split(','):
                if t not in topics: errors.append(f'{where}: unknown topic {t!r}')
        if crisis not in ('yes', 'no'): errors.append(f'{where}: crisis {crisis!r}')
        yes += crisis == 'yes'
        if cls == 'crisis' and crisis != 'yes': errors.append(f'{where}: crisis.tsv line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no': errors.append(f'{where}: calm line not no')
    if n < MIN.get(cls, 35): errors.append(f'{cls}: only {n} lines (< {MIN.get(cls, 35)})')
    print(f'{cls:32s} {n:4d} queries  {yes:4d} crisis=yes  {placed:4d} with a place')
    total += n
for q, k in seen.items():
    if k > 1: errors.append(f'duplicate query: {q!r}')
print(f'{"total":32s} {total:4d}')
if total < 500: errors.append(f'only {total} lines in total')
for e in errors: print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
