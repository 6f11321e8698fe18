#!/usr/bin/env python3
"""Validates the first-contact set 2026-12-07-z3. Prints counts per class; exits 1 on any error."""
import json, pathlib, re, sys, unicodedata, collections

HERE = pathlib.Path(__file__).parent
DATA = pathlib.Path('/work/main/data')
VOICES = ['minstepensjonister', 'storfamilier', 'edru_dager', 'ventelister',
          'utsendte_og_sjofolk', 'fosterforeldre', 'internasjonale_studenter', 'konkurs']
MINIMUM = {**{v: 36 for v in VOICES}, 'crisis': 170, 'calm_lookalikes': 65}

munis = json.load(open(DATA / 'municipalities.json', encoding='utf-8'))
mnum = {m['number']: m['name'] for m in munis}
postcodes = {p['code']: p['municipality'] for p in json.load(open(DATA / 'postcodes.json', encoding='utf-8'))}
topic_ids = {t['id'] for t in json.load(open(DATA / 'topics.json', encoding='utf-8'))}

def fold(s):
    return unicodedata.normalize('NFC', s).casefold().strip()

# name -> set of municipality numbers (municipality names incl. parallel names, postal places, districts, former names)
names = collections.defaultdict(set)
for m in munis:
    names[fold(m['name'])].add(m['number'])
    for n in m.get('names', []):
        names[fold(n['name'])].add(m['number'])
for p in json.load(open(DATA / 'postcodes.json', encoding='utf-8')):
    names[fold(p['place'])].add(p['municipality'])
for d in json.load(open(DATA / 'districts.json', encoding='utf-8')):
    for n in [d['name']] + d.get('alt_names', []):
        names[fold(n)].add(d['municipality'])
for f in json.load(open(DATA / 'former_municipalities.json', encoding='utf-8')):
    for s in f['successors']:
        if s in mnum:
            names[fold(f['name'])].add(s)
name_to_num = collections.defaultdict(set)
for num, n in mnum.items():
    name_to_num[fold(n)].add(num)

errors, warnings = [], []
rows = []
seen = {}
LOOKUP = re.compile(r'(other: |place: )([^→;]+?)→([^;(,:]+)')

for cls in VOICES + ['crisis', 'calm_lookalikes']:
    path = HERE / f'{cls}.tsv'
    if not path.exists():
        errors.append(f'missing {path.name}')
        continue
    lines = path.read_text(encoding='utf-8').splitlines()
    if not lines or not lines[0].startswith('#'):
        errors.append(f'{path.name}: no description comment at the top')
    for i, line in enumerate(lines, 1):
        if not line.strip() or line.startswith('#'):
            continue
        where = f'{path.name}:{i}'
        f = line.split('\t')
        if len(f) != 6:
            errors.append(f'{where}: {len(f)} fields'); continue
        c, q, place, topics, crisis, note = f
        if c != cls: errors.append(f'{where}: class {c} != {cls}')
        if not q.strip() or q != q.strip(): errors.append(f'{where}: empty or padded query')
        if not note.strip(): errors.append(f'{where}: empty note')
        if not any(unicodedata.category(ch) == 'Nd' for ch in q):
            errors.append(f'{where}: no number in query')
        key = ' '.join(fold(q).split())
        if key in seen: errors.append(f'{where}: duplicate of {seen[key]}')
        seen[key] = where
        # place
        accepted = set()
        if place != '?':
            for a in place.split('|'):
                if a == '-': continue
                if re.fullmatch(r'\d{4}', a) and a in mnum: accepted.add(a)
                else: errors.append(f'{where}: bad place {a!r}')
        # topics
        if topics not in ('?', '-'):
            for t in topics.split(','):
                if t not in topic_ids: errors.append(f'{where}: bad topic {t!r}')
        if crisis not in ('yes', 'no'): errors.append(f'{where}: crisis {crisis!r}')
        if cls == 'crisis' and crisis != 'yes': errors.append(f'{where}: crisis.tsv must be yes')
        if cls == 'calm_lookalikes' and crisis != 'no': errors.append(f'{where}: calm_lookalikes.tsv must be no')
        if cls == 'crisis':
            for k in ('lang:', 'voice:', 'cat:'):
                if k not in note: errors.append(f'{where}: crisis note lacks {k}')
        # lookups named in the note must agree with the data and with the place column
        for kind, typed, name in LOOKUP.findall(note):
            typed, name = typed.strip(), name.strip()
            nums = name_to_num.get(fold(name))
            if not nums:
                errors.append(f'{where}: note names unknown municipality {name!r}'); continue
            if re.fullmatch(r'\d{4}', typed):
                got = {postcodes[typed]} if typed in postcodes else set()
                if not got: errors.append(f'{where}: {typed} is not a postcode')
                elif not (got & nums): errors.append(f'{where}: postcode {typed} lies in {mnum[postcodes[typed]]}, not {name}')
            else:
                got = names.get(fold(typed), set())
                base = re.sub(r'\s*\(.*', '', typed)
                got = got or names.get(fold(base), set())
                if not got:
                    warnings.append(f'{where}: "{typed}" not in the data as typed (foreign script, inflection or typo), read as {name}')
                elif not (got & nums):
                    errors.append(f'{where}: "{typed}" gives {sorted(mnum[n] for n in got)}, not {name}')
            if kind == 'place: ' and place != '?' and not (nums & accepted):
                errors.append(f'{where}: note reads {name} but place column is {place}')
        # every postcode-like number in the query must be explained in the note
        for tok in re.findall(r'(?<![\d/.,:+])\d{4}(?![\d/.,:])', q):
            if tok in postcodes and tok not in note:
                errors.append(f'{where}: {tok} is a postcode ({mnum.get(postcodes[tok])}) but the note does not mention it')
        # place-like words in the query that the note does not mention (review list)
        for w in re.findall(r'[^\W\d_]+', q):
            if fold(w) in names and fold(w) not in fold(note) and len(w) > 1:
                warnings.append(f'{where}: word "{w}" is a place name in the data ({sorted(mnum.get(n, n) for n in names[fold(w)])[:3]}), not mentioned in note')
        rows.append((cls, q, place, topics, crisis, note))

counts = collections.Counter(r[0] for r in rows)
for cls, mn in MINIMUM.items():
    if counts[cls] < mn: errors.append(f'{cls}: {counts[cls]} lines < {mn}')
if len(rows) < 500: errors.append(f'total {len(rows)} < 500')

print(f'{"class":28} {"queries":>7} {"crisis yes":>10} {"place given":>11} {"postcode":>8}')
for cls in MINIMUM:
    rs = [r for r in rows if r[0] == cls]
    yes = sum(r[4] == 'yes' for r in rs)
    pl = sum(r[2] != '-' for r in rs)
    pc = sum(bool(re.search(r'(?<!\d)\d{4}(?!\d)', r[1])) and any(t in postcodes and ('place: ' + t) in r[5] for t in re.findall(r'\d{4}', r[1])) for r in rs)
    print(f'{cls:28} {len(rs):7} {yes:10} {pl:11} {pc:8}')
print(f'{"total":28} {len(rows):7} {sum(r[4]=="yes" for r in rows):10} {sum(r[2]!="-" for r in rows):11}')
langs = collections.Counter(m.group(1).split('-')[0] for r in rows if r[0] == 'crisis' for m in [re.search(r'lang:([a-z]+(?:-[a-z]+)?)', r[5])] if m)
print('crisis languages:', len(langs), dict(sorted(langs.items(), key=lambda x: -x[1])))
if '-v' in sys.argv:
    for w in warnings: print('WARN', w)
else:
    print(f'{len(warnings)} review notes (run with -v to list)')
for e in errors: print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
