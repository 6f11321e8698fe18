#!/usr/bin/env python3
"""Validate the first-contact set 2026-12-07-z4 and print counts per class."""
import glob, json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data'
munis = {m['number']: m for m in json.load(open(os.path.join(DATA, 'municipalities.json')))}
topics = {t['id'] for t in json.load(open(os.path.join(DATA, 'topics.json')))}
VOICES = ['polish_lithuanian', 'ukrainian_russian', 'arabic', 'somali', 'tigrinya_amharic',
          'dari_farsi_pashto', 'thai_filipino_vietnamese', 'turkish_kurdish']
MIN = {**{v: 36 for v in VOICES}, 'crisis': 170, 'calm_lookalikes': 65}
errors, warnings = [], []
seen = {}
stats = {}
crisis_langs = {}

# names that could be read as places (municipalities, postal places, districts)
placewords = set()
for m in munis.values():
    for n in [m['name']] + [x['name'] for x in m.get('names', [])]:
        placewords.add(n.lower())
for p in json.load(open(os.path.join(DATA, 'postcodes.json'))):
    placewords.add(p['place'].lower())
for d in json.load(open(os.path.join(DATA, 'districts.json'))):
    placewords.add(d['name'].lower())
    for a in d.get('alt_names', []):
        placewords.add(a.lower())

files = sorted(glob.glob(os.path.join(HERE, '*.tsv')))
names = [os.path.basename(f)[:-4] for f in files]
for c in MIN:
    if c not in names:
        errors.append(f'missing class file {c}.tsv')
for fn in files:
    cls = os.path.basename(fn)[:-4]
    if cls not in MIN:
        errors.append(f'{fn}: unexpected class file')
    st = stats.setdefault(cls, {'n': 0, 'yes': 0, 'place': 0})
    has_comment = False
    for i, raw in enumerate(open(fn, encoding='utf-8'), 1):
        line = raw.rstrip('\n')
        where = f'{os.path.basename(fn)}:{i}'
        if line.startswith('#'):
            has_comment = True
            continue
        if not line.strip():
            errors.append(f'{where}: empty line'); continue
        f = line.split('\t')
        if len(f) != 6:
            errors.append(f'{where}: {len(f)} fields'); continue
        c, q, place, tps, crisis, note = f
        if c != cls:
            errors.append(f'{where}: class {c!r} != {cls!r}')
        if not q.strip() or q != q.strip():
            errors.append(f'{where}: empty or padded query')
        key = q.strip().lower()
        if key in seen:
            errors.append(f'{where}: duplicate query (also {seen[key]})')
        seen[key] = where
        if place not in ('-', '?'):
            for p in place.split('|'):
                if p == '-':
                    continue
                if not re.fullmatch(r'\d{4}', p) or p not in munis:
                    errors.append(f'{where}: bad place {p!r}')
        if tps not in ('-', '?'):
            for t in tps.split(','):
                if t not in topics:
                    errors.append(f'{where}: bad topic {t!r}')
        if crisis not in ('yes', 'no'):
            errors.append(f'{where}: crisis {crisis!r}')
        if cls == 'crisis' and crisis != 'yes':
            errors.append(f'{where}: crisis class line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no':
            errors.append(f'{where}: calm line not no')
        if not note.strip():
            errors.append(f'{where}: empty note')
        if cls == 'crisis':
            for tag in ('lang:', 'voice:', 'cat:'):
                if tag not in note:
                    errors.append(f'{where}: crisis note lacks {tag}')
            m = re.search(r'lang:([a-z]+)', note)
            if m:
                crisis_langs[m.group(1)] = crisis_langs.get(m.group(1), 0) + 1
        # any ordinary word that is a place name must be explained in the note
        if True:
            for tok in re.findall(r"[\wæøåÆØÅáčđŋšŧž]+", q.lower()):
                if tok in placewords and tok not in note.lower():
                    warnings.append(f'{where}: token {tok!r} is a place name, not in note')
        st['n'] += 1
        st['yes'] += crisis == 'yes'
        st['place'] += place != '-'
    if not has_comment:
        errors.append(f'{fn}: no description comment')

total = sum(s['n'] for s in stats.values())
for c, n in MIN.items():
    if stats.get(c, {'n': 0})['n'] < n:
        errors.append(f'{c}: {stats.get(c, {"n": 0})["n"]} < {n} lines')
if total < 500:
    errors.append(f'total {total} < 500')
ne = sum(v for k, v in crisis_langs.items() if k in ('nb', 'nn', 'en'))
ncr = stats.get('crisis', {'n': 0})['n']
other = [k for k in crisis_langs if k not in ('nb', 'nn', 'en')]
if ncr and ne * 5 > ncr:
    errors.append(f'crisis: {ne}/{ncr} in Norwegian/English, more than a fifth')
if len(other) < 25:
    errors.append(f'crisis: only {len(other)} other languages')

print(f'{"class":28} {"queries":>7} {"yes":>5} {"place":>6}')
for c in sorted(stats):
    s = stats[c]
    print(f'{c:28} {s["n"]:7} {s["yes"]:5} {s["place"]:6}')
print(f'{"total":28} {total:7} {sum(s["yes"] for s in stats.values()):5} {sum(s["place"] for s in stats.values()):6}')
print(f'crisis: {ne} of {ncr} in nb/nn/en; {len(other)} other languages: {" ".join(sorted(other))}')
for w in warnings:
    print('WARN', w)
for e in errors:
    print('ERROR', e)
if errors:
    sys.exit(1)
print('OK')
