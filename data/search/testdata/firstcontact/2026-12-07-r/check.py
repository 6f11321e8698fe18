#!/usr/bin/env python3
"""Validate the first-contact set 2026-12-07-r: format, ids, crisis flags, minimum counts, duplicates."""
import json, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
munis = {m['number'] for m in json.load(open(DATA + 'municipalities.json', encoding='utf-8'))}
topics = {t['id'] for t in json.load(open(DATA + 'topics.json', encoding='utf-8'))}

VOICES = ['search_box_keywords', 'two_topics_at_once', 'negation_and_correction', 'named_groups_and_methods',
          'nynorsk_west_coast', 'trondelag_and_innlandet', 'transliterated_languages',
          'students_and_newcomers_to_a_town']
MIN = {c: 35 for c in VOICES}
MIN['crisis'] = 170
MIN['calm_lookalikes'] = 65

errors = []
seen = {}
stats = {}
total = 0
with_place = 0
files = sorted(glob.glob(os.path.join(HERE, '*.tsv')))
names = {os.path.basename(f)[:-4] for f in files}
for c in MIN:
    if c not in names:
        errors.append(f'missing file {c}.tsv')
for f in files:
    cls = os.path.basename(f)[:-4]
    if cls not in MIN:
        errors.append(f'{cls}.tsv: unexpected class file')
    n = yes = placed = 0
    has_comment = False
    for ln, raw in enumerate(open(f, encoding='utf-8'), 1):
        line = raw.rstrip('\n')
        if line.startswith('#'):
            has_comment = True
            continue
        if not line.strip():
            continue
        where = f'{cls}.tsv:{ln}'
        cols = line.split('\t')
        if len(cols) != 6:
            errors.append(f'{where}: {len(cols)} fields, want 6')
            continue
        c, q, place, tops, crisis, note = cols
        if c != cls:
            errors.append(f'{where}: class {c!r} != file name')
        if not q.strip() or q != q.strip():
            errors.append(f'{where}: empty query or surrounding spaces')
        if len(q.split()) > 80:
            errors.append(f'{where}: query over 80 words')
        if place not in ('-', '?'):
            for p in place.split('|'):
                if p == '-':
                    continue
                if not re.fullmatch(r'\d{4}', p) or p not in munis:
                    errors.append(f'{where}: unknown municipality {p!r}')
        if place not in ('-', '?') and any(p != '-' for p in place.split('|')):
            placed += 1
        if tops not in ('-', '?'):
            for t in tops.split(','):
                if t not in topics:
                    errors.append(f'{where}: unknown topic {t!r}')
        if crisis not in ('yes', 'no'):
            errors.append(f'{where}: crisis must be yes/no')
        if cls == 'crisis' and crisis != 'yes':
            errors.append(f'{where}: crisis.tsv line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no':
            errors.append(f'{where}: calm_lookalikes.tsv line not no')
        if not note.strip():
            errors.append(f'{where}: empty note')
        key = q.strip().lower()
        if key in seen:
            errors.append(f'{where}: duplicate query (also {seen[key]})')
        seen[key] = where
        n += 1
        yes += crisis == 'yes'
    if not has_comment:
        errors.append(f'{cls}.tsv: no description comment')
    if cls in MIN and n < MIN[cls]:
        errors.append(f'{cls}.tsv: {n} queries, want at least {MIN[cls]}')
    stats[cls] = (n, yes, placed)
    total += n
    with_place += placed

print(f'{"class":36} {"queries":>7} {"crisis":>6} {"place":>6}')
for cls in sorted(stats):
    n, y, p = stats[cls]
    print(f'{cls:36} {n:7} {y:6} {p:6}')
print(f'{"TOTAL":36} {total:7} {sum(s[1] for s in stats.values()):6} {with_place:6}')
if total < 500:
    errors.append(f'total {total} < 500')
for e in errors:
    print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
