#!/usr/bin/env python3
"""Validate the first-contact set 2026-12-07-w and print counts per class."""
import json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data'
munis = {m['number'] for m in json.load(open(os.path.join(DATA, 'municipalities.json')))}
topics = {t['id'] for t in json.load(open(os.path.join(DATA, 'topics.json')))}
VOICES = ['leaving_a_faith_or_closed_community', 'behavioural_addictions',
          'sensory_loss_tinnitus_sight_and_hearing', 'immigrant_parents_of_teenagers',
          'honour_culture_and_social_control', 'midlife_menopause_and_empty_nest',
          'hoarding_clutter_and_home_chaos', 'stammering_tics_and_social_fear']
MIN = {v: 35 for v in VOICES}
MIN.update({'crisis': 170, 'calm_lookalikes': 65})
errors, seen, total = [], {}, 0
rows = {}
for cls in MIN:
    path = os.path.join(HERE, cls + '.tsv')
    if not os.path.exists(path):
        errors.append(f'missing {cls}.tsv'); continue
    n = yes = placed = 0
    with open(path, encoding='utf-8') as fh:
        lines = fh.read().split('\n')
    if not lines[0].startswith('#'):
        errors.append(f'{cls}: no description comment at top')
    for i, line in enumerate(lines, 1):
        if not line.strip() or line.startswith('#'):
            continue
        f = line.split('\t')
        where = f'{cls}.tsv:{i}'
        if len(f) != 6:
            errors.append(f'{where}: {len(f)} fields'); continue
        c, q, place, tps, crisis, note = f
        if c != cls: errors.append(f'{where}: class {c!r}')
        if not q.strip() or q != q.strip(): errors.append(f'{where}: empty or padded query')
        if place != '?':
            for p in place.split('|'):
                if p != '-' and p not in munis:
                    errors.append(f'{where}: unknown municipality {p!r}')
            if len(set(place.split('|'))) != len(place.split('|')):
                errors.append(f'{where}: repeated place alternative')
        if tps not in ('?', '-'):
            for t in tps.split(','):
                if t not in topics: errors.append(f'{where}: unknown topic {t!r}')
        if crisis not in ('yes', 'no'): errors.append(f'{where}: crisis {crisis!r}')
        if cls == 'crisis' and crisis != 'yes': errors.append(f'{where}: crisis class must be yes')
        if cls == 'calm_lookalikes' and crisis != 'no': errors.append(f'{where}: calm class must be no')
        if not note.strip(): errors.append(f'{where}: empty note')
        key = q.strip().lower()
        if key in seen: errors.append(f'{where}: duplicate of {seen[key]}')
        seen[key] = where
        n += 1; yes += crisis == 'yes'; placed += place != '-'
    rows[cls] = (n, yes, placed)
    total += n
    if n < MIN[cls]: errors.append(f'{cls}: {n} lines < {MIN[cls]}')
if total < 500: errors.append(f'total {total} < 500')
print(f"{'class':45} {'queries':>7} {'crisis':>6} {'place':>6}")
for cls, (n, y, p) in rows.items():
    print(f'{cls:45} {n:7} {y:6} {p:6}')
print(f"{'TOTAL':45} {total:7} {sum(r[1] for r in rows.values()):6} {sum(r[2] for r in rows.values()):6}")
if errors:
    print('\n'.join(errors)); print('FAIL'); sys.exit(1)
print('OK')
