#!/usr/bin/env python3
"""Validate the first-contact set in this folder and print counts per class."""
import json, os, re, sys, glob

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data'
VOICES = ['voice_messages_transcribed', 'asking_for_a_friend', 'new_in_norway_learning_norwegian',
          'lgbtq_and_identity', 'caregivers_of_elderly_parents', 'survivors_of_violence_long_ago',
          'students_exam_pressure', 'shift_and_health_workers']
MINIMUM = {**{v: 35 for v in VOICES}, 'crisis': 170, 'calm_lookalikes': 65}
TOTAL_MIN = 500

munis = {m['number']: m for m in json.load(open(os.path.join(DATA, 'municipalities.json'), encoding='utf-8'))}
muni_names = {}
for m in munis.values():
    for n in [m['name']] + [x['name'] for x in m.get('names', [])]:
        muni_names.setdefault(n.lower(), set()).add(m['number'])
topics = {t['id'] for t in json.load(open(os.path.join(DATA, 'topics.json'), encoding='utf-8'))}

errors, warnings = [], []
seen = {}
stats = {}
files = sorted(glob.glob(os.path.join(HERE, '*.tsv')))
names = [os.path.basename(f)[:-4] for f in files]
for need in MINIMUM:
    if need not in names:
        errors.append(f'missing file {need}.tsv')

for f in files:
    cls = os.path.basename(f)[:-4]
    st = stats.setdefault(cls, {'queries': 0, 'crisis': 0, 'place': 0})
    with open(f, encoding='utf-8') as fh:
        text = fh.read()
    if not text.startswith('#'):
        errors.append(f'{cls}: no description comment at top')
    for i, line in enumerate(text.split('\n'), 1):
        if not line.strip() or line.startswith('#'):
            continue
        where = f'{cls}.tsv:{i}'
        cols = line.split('\t')
        if len(cols) != 6:
            errors.append(f'{where}: {len(cols)} fields, want 6'); continue
        c, query, place, tops, crisis, note = cols
        if c != cls:
            errors.append(f'{where}: class {c!r} != file name {cls!r}')
        if not query.strip() or query != query.strip():
            errors.append(f'{where}: empty query or surrounding spaces')
        key = query.strip().lower()
        if key in seen:
            errors.append(f'{where}: duplicate query (also {seen[key]})')
        seen[key] = where
        # place
        if place not in ('-', '?'):
            for p in place.split('|'):
                if p == '-':
                    continue
                if not re.fullmatch(r'\d{4}', p) or p not in munis:
                    errors.append(f'{where}: unknown municipality {p!r}')
            if any(p != '-' for p in place.split('|')):
                st['place'] += 1
        elif place == '?':
            st['place'] += 1
        # topics
        if tops not in ('-', '?'):
            for t in tops.split(','):
                if t not in topics:
                    errors.append(f'{where}: unknown topic {t!r}')
        # crisis
        if crisis not in ('yes', 'no'):
            errors.append(f'{where}: crisis {crisis!r} not yes/no')
        if cls == 'crisis' and crisis != 'yes':
            errors.append(f'{where}: crisis.tsv line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no':
            errors.append(f'{where}: calm_lookalikes.tsv line not no')
        if crisis == 'yes':
            st['crisis'] += 1
            if 'lang:' not in note or 'cat:' not in note:
                warnings.append(f'{where}: crisis note lacks lang:/cat:')
        if not note.strip():
            errors.append(f'{where}: empty note')
        # each "→Name" in the note must be a municipality, and each number in place must be named in the note
        named = set()
        for nm in re.findall(r'(?<=\S)→([^;,(]+?)(?:\s*\(|;|,|$| or | also| is | either)', note):
            nm = nm.strip()
            if nm.lower() in muni_names:
                named |= muni_names[nm.lower()]
            else:
                warnings.append(f'{where}: note names {nm!r}, not a municipality')
        for p in place.split('|'):
            if re.fullmatch(r'\d{4}', p) and p in munis and p not in named:
                warnings.append(f'{where}: place {p} ({munis[p]["name"]}) not named in note')
        st['queries'] += 1

total = sum(s['queries'] for s in stats.values())
for cls, need in MINIMUM.items():
    if stats.get(cls, {}).get('queries', 0) < need:
        errors.append(f'{cls}: {stats.get(cls, {}).get("queries", 0)} queries, want at least {need}')
if total < TOTAL_MIN:
    errors.append(f'total {total} < {TOTAL_MIN}')

print(f'{"class":36} {"queries":>7} {"crisis":>7} {"place":>7}')
for cls in names:
    s = stats[cls]
    print(f'{cls:36} {s["queries"]:7} {s["crisis"]:7} {s["place"]:7}')
print(f'{"total":36} {total:7} {sum(s["crisis"] for s in stats.values()):7} {sum(s["place"] for s in stats.values()):7}')
for w in warnings:
    print('WARN', w)
for e in errors:
    print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
