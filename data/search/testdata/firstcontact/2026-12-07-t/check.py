#!/usr/bin/env python3
"""Validate the first-contact set 2026-12-07-t and print counts per class.

Checks every non-comment line of every *.tsv in this folder:
- exactly 6 tab-separated fields; class equals the file name without .tsv
- query non-empty, 1-80 words
- place: '-', '?', or alternatives joined by '|' of '-' and 4-digit numbers that exist in
  /work/main/data/municipalities.json
- topics: '?', '-', or comma-separated ids that exist in /work/main/data/topics.json
- crisis: yes/no; crisis.tsv all yes; calm_lookalikes.tsv all no
- note non-empty; crisis notes carry lang:, voice: and cat:
- no duplicate queries across the set (case- and space-insensitive)
- minimum counts: each voice class >= 35, crisis >= 170, calm_lookalikes >= 65, total >= 500
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data'
VOICES = ['sami_and_far_north', 'plain_language', 'parents_of_adult_children',
          'farmers_fishermen_and_rural_work', 'after_prison_and_the_law',
          'refugees_and_war_trauma', 'professionals_referring_others', 'typos_and_autocorrect']
MINIMUM = {**{v: 35 for v in VOICES}, 'crisis': 170, 'calm_lookalikes': 65}

munis = {m['number'] for m in json.load(open(os.path.join(DATA, 'municipalities.json')))}
topics = {t['id'] for t in json.load(open(os.path.join(DATA, 'topics.json')))}

errors = []
seen = {}
stats = {}
for path in sorted(glob.glob(os.path.join(HERE, '*.tsv'))):
    cls = os.path.basename(path)[:-4]
    if cls not in MINIMUM:
        errors.append(f'{path}: unexpected class file')
    st = stats.setdefault(cls, {'n': 0, 'yes': 0, 'place': 0})
    with open(path, encoding='utf-8') as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip('\n')
            where = f'{os.path.basename(path)}:{ln}'
            if line.startswith('#') or not line.strip():
                continue
            cols = line.split('\t')
            if len(cols) != 6:
                errors.append(f'{where}: {len(cols)} fields, want 6')
                continue
            c, query, place, tops, crisis, note = cols
            if c != cls:
                errors.append(f'{where}: class {c!r} != file {cls!r}')
            if not query.strip() or query != query.strip():
                errors.append(f'{where}: empty query or stray spaces')
            nwords = len(query.split())
            if not 1 <= nwords <= 80:
                errors.append(f'{where}: {nwords} words')
            if place not in ('-', '?'):
                alts = place.split('|')
                if len(set(alts)) != len(alts):
                    errors.append(f'{where}: repeated place alternative {place}')
                for a in alts:
                    if a == '-':
                        continue
                    if not re.fullmatch(r'\d{4}', a) or a not in munis:
                        errors.append(f'{where}: unknown municipality {a!r}')
                if alts != ['-']:
                    st['place'] += 1
            if tops not in ('-', '?'):
                ids = tops.split(',')
                if len(set(ids)) != len(ids):
                    errors.append(f'{where}: repeated topic')
                for t in ids:
                    if t not in topics:
                        errors.append(f'{where}: unknown topic {t!r}')
            if crisis not in ('yes', 'no'):
                errors.append(f'{where}: crisis {crisis!r}')
            if cls == 'crisis' and crisis != 'yes':
                errors.append(f'{where}: crisis.tsv line not yes')
            if cls == 'calm_lookalikes' and crisis != 'no':
                errors.append(f'{where}: calm_lookalikes.tsv line not no')
            if not note.strip():
                errors.append(f'{where}: empty note')
            if cls == 'crisis' and not all(k in note for k in ('lang:', 'voice:', 'cat:')):
                errors.append(f'{where}: crisis note lacks lang:/voice:/cat:')
            key = ' '.join(query.casefold().split())
            if key in seen:
                errors.append(f'{where}: duplicate query (first at {seen[key]})')
            else:
                seen[key] = where
            st['n'] += 1
            st['yes'] += crisis == 'yes'

for cls, mn in MINIMUM.items():
    n = stats.get(cls, {}).get('n', 0)
    if n < mn:
        errors.append(f'{cls}: {n} lines, minimum {mn}')
total = sum(s['n'] for s in stats.values())
if total < 500:
    errors.append(f'total {total} lines, minimum 500')

print(f'{"class":36} {"queries":>7} {"crisis yes":>10} {"place given":>11}')
for cls in VOICES + ['crisis', 'calm_lookalikes']:
    s = stats.get(cls, {'n': 0, 'yes': 0, 'place': 0})
    print(f'{cls:36} {s["n"]:7} {s["yes"]:10} {s["place"]:11}')
tp = sum(s['place'] for s in stats.values())
ty = sum(s['yes'] for s in stats.values())
print(f'{"total":36} {total:7} {ty:10} {tp:11}')
if errors:
    print(f'\n{len(errors)} error(s):')
    for e in errors:
        print('  ' + e)
    sys.exit(1)
print('\nOK')
