#!/usr/bin/env python3
"""Validate the first-contact set 2026-12-07-z2 (every .tsv in this folder) and print counts per class."""
import json, pathlib, re, sys, unicodedata
from collections import Counter

HERE = pathlib.Path(__file__).parent
DATA = pathlib.Path('/work/main/data')
MUNI = {m['number']: m for m in json.loads((DATA / 'municipalities.json').read_text())}
TOPICS = {t['id'] for t in json.loads((DATA / 'topics.json').read_text())}
POST = json.loads((DATA / 'postcodes.json').read_text())
FORMER = json.loads((DATA / 'former_municipalities.json').read_text())
DISTR = json.loads((DATA / 'districts.json').read_text())

VOICES = ['after_abortion', 'young_widowed', 'bipolar_partners', 'adult_children_drink',
          'prostate_testicular', 'after_attempt', 'holidays', 'adult_child_disability']
MIN = {**{v: 36 for v in VOICES}, 'crisis': 170, 'calm_lookalikes': 65}
NORWEGIAN = ('nb', 'nn')

def fold(s):
    return unicodedata.normalize('NFC', s).casefold().strip()

# name -> set of municipality numbers, from every kind of place name in the data
RESOLVE = {}
def add(name, num):
    RESOLVE.setdefault(fold(name), set()).add(num)
for m in MUNI.values():
    for n in m['names']:
        add(n['name'], m['number'])
    add(m['name'], m['number'])
for p in POST:
    add(p['code'], p['municipality'])
    add(p['place'], p['municipality'])
for f in FORMER:
    for s in f['successors']:
        add(f['name'], s)
for d in DISTR:
    add(d['name'], d['municipality'])
    for a in d.get('alt_names') or []:
        add(a, d['municipality'])
NAME2NUM = {}
for m in MUNI.values():
    for n in [m['name']] + [x['name'] for x in m['names']]:
        NAME2NUM.setdefault(fold(n), set()).add(m['number'])
SINGLE = {k for k in RESOLVE if ' ' not in k and '-' not in k and not k.isdigit()}

errors, warnings = [], []
seen = {}
stats = {}
langs = Counter()
for path in sorted(HERE.glob('*.tsv')):
    cls = path.stem
    st = stats.setdefault(cls, {'n': 0, 'yes': 0, 'place': 0})
    for ln, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        where = f'{path.name}:{ln}'
        if not line.strip() or line.startswith('#'):
            continue
        f = line.split('\t')
        if len(f) != 6:
            errors.append(f'{where}: {len(f)} fields'); continue
        c, q, place, topics, crisis, note = f
        if c != cls:
            errors.append(f'{where}: class {c!r} != file name {cls!r}')
        if not q.strip() or q != q.strip():
            errors.append(f'{where}: empty query or stray whitespace')
        key = fold(q)
        if key in seen:
            errors.append(f'{where}: duplicate query (also {seen[key]})')
        seen[key] = where
        opts = place.split('|')
        for o in opts:
            if o not in ('-', '?') and o not in MUNI:
                errors.append(f'{where}: place {o!r} is not a 2024 municipality')
        if len(opts) != len(set(opts)):
            errors.append(f'{where}: repeated place option')
        if topics not in ('?', '-'):
            for t in topics.split(','):
                if t not in TOPICS:
                    errors.append(f'{where}: unknown topic {t!r}')
        if crisis not in ('yes', 'no'):
            errors.append(f'{where}: crisis must be yes/no')
        if cls == 'crisis' and crisis != 'yes':
            errors.append(f'{where}: crisis.tsv lines must be yes')
        if cls == 'calm_lookalikes' and crisis != 'no':
            errors.append(f'{where}: calm_lookalikes.tsv lines must be no')
        if not note.strip():
            errors.append(f'{where}: empty note')
        st['n'] += 1
        st['yes'] += crisis == 'yes'
        st['place'] += place != '-'
        # every municipality expected must be named in the note as place: X→Name
        lookups = []
        for seg in re.findall(r'place:([^;]*)', note):
            lookups += re.findall(r'([^,]+?)→([^,(]+)', seg)
        named = set()
        for typed, name in lookups:
            name = name.strip()
            nums = NAME2NUM.get(fold(name))
            if not nums:
                errors.append(f'{where}: note names unknown municipality {name!r}'); continue
            named |= nums
            t = fold(typed.split('place:')[-1].strip())
            if t in RESOLVE and not (RESOLVE[t] & nums):
                errors.append(f'{where}: {typed.strip()!r} resolves to {sorted(RESOLVE[t])}, note says {name}')
        if place not in ('-', '?') and 'place:' not in note:
            errors.append(f'{where}: place given but no "place:" lookup in note')
        for o in opts:
            if o in MUNI and o not in named:
                errors.append(f'{where}: expected {o} ({MUNI[o]["name"]}) not named in note')
        if cls == 'crisis':
            m = re.search(r'lang:([a-z/-]+)', note)
            if not m or 'voice:' not in note or 'cat:' not in note:
                errors.append(f'{where}: crisis note needs lang:, voice:, cat:')
            else:
                langs[m.group(1).split('-')[0].split('/')[0]] += 1
        # ordinary words that are also place names must be named in the note
        for tok in re.findall(r"[\wæøåÆØÅ]+", q):
            ft = fold(tok)
            if ft in SINGLE and place == '-' and f'"{ft}"' not in fold(note) and ft not in fold(note):
                warnings.append(f'{where}: token {tok!r} is a place name in the data ({sorted(RESOLVE[ft])}); not mentioned in note')

for cls, need in MIN.items():
    if cls not in stats:
        errors.append(f'missing class {cls}')
    elif stats[cls]['n'] < need:
        errors.append(f'{cls}: {stats[cls]["n"]} lines < {need}')
total = sum(s['n'] for s in stats.values())
if total < 500:
    errors.append(f'total {total} < 500')
nor = sum(v for k, v in langs.items() if k in NORWEGIAN)
other = [k for k in langs if k not in NORWEGIAN + ('en',)]
if stats.get('crisis') and nor * 3 < stats['crisis']['n']:
    errors.append(f'crisis: Norwegian {nor} < a third of {stats["crisis"]["n"]}')
if len(other) < 20:
    errors.append(f'crisis: only {len(other)} other languages')

print(f'{"class":24} {"queries":>7} {"crisis yes":>10} {"place given":>11}')
for cls, s in stats.items():
    print(f'{cls:24} {s["n"]:7} {s["yes"]:10} {s["place"]:11}')
print(f'{"total":24} {total:7} {sum(s["yes"] for s in stats.values()):10} {sum(s["place"] for s in stats.values()):11}')
print(f'crisis languages: Norwegian {nor}, English {langs["en"]}, {len(other)} others: {", ".join(sorted(other))}')
for w in warnings:
    print('WARN', w)
for e in errors:
    print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
