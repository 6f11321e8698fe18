#!/usr/bin/env python3
"""Validate first-contact set 2026-12-07-z: every .tsv line in this folder, plus the set's own brief."""
import json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data'
munis = {m['number']: m for m in json.load(open(os.path.join(DATA, 'municipalities.json'), encoding='utf-8'))}
topics = {t['id'] for t in json.load(open(os.path.join(DATA, 'topics.json'), encoding='utf-8'))}

VOICES = ['prison_families', 'lgbtq_parents', 'lonely_men', 'daily_treatment',
          'perfectionism', 'abroad_for_family', 'faith_volunteers', 'sleep_nights']
MIN = {c: 36 for c in VOICES}
MIN.update({'crisis': 170, 'calm_lookalikes': 65})
FORMS = {'plain', 'relation', 'landmark', 'old', 'colloquial', 'inflected', 'dialect',
         'midsentence', 'signature', 'ps', 'script'}
NORWEGIAN = re.compile(r'^(nb|nn)')

errors = []
def err(msg):
    errors.append(msg)

def check_place(p, where):
    if p == '?':
        return
    items = p.split('|')
    if len(items) != len(set(items)):
        err(f'{where}: repeated item in place {p!r}')
    for it in items:
        if it == '-':
            continue
        if not re.fullmatch(r'\d{4}', it) or it not in munis:
            err(f'{where}: place {it!r} is not a 2024 municipality number')
    if items == ['-'] or p == '':
        return

def check_topics(t, where):
    if t in ('?', '-'):
        return
    ids = t.split(',')
    if len(ids) != len(set(ids)):
        err(f'{where}: repeated topic in {t!r}')
    for i in ids:
        if i not in topics:
            err(f'{where}: unknown topic id {i!r}')

files = sorted(f for f in os.listdir(HERE) if f.endswith('.tsv'))
expected = set(MIN)
found = {f[:-4] for f in files}
for missing in sorted(expected - found):
    err(f'missing class file {missing}.tsv')
for extra in sorted(found - expected):
    err(f'unexpected class file {extra}.tsv')

seen = {}
stats = {}
all_counties = set()
crisis_langs = Counter()
total = 0
total_place = 0
for fn in files:
    cls = fn[:-4]
    rows = []
    with open(os.path.join(HERE, fn), encoding='utf-8') as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    if not lines or not lines[0].startswith('#'):
        err(f'{fn}: must start with a # description line')
    for n, line in enumerate(lines, 1):
        where = f'{fn}:{n}'
        if line.startswith('#'):
            continue
        if not line.strip():
            err(f'{where}: empty line')
            continue
        cols = line.split('\t')
        if len(cols) != 6:
            err(f'{where}: {len(cols)} fields, expected 6')
            continue
        c, q, place, tops, crisis, note = cols
        if c != cls:
            err(f'{where}: class {c!r} is not {cls!r}')
        if not q.strip() or q != q.strip():
            err(f'{where}: empty query or surrounding spaces')
        words = len(q.split())
        if words > 80:
            err(f'{where}: query has {words} words (max 80)')
        check_place(place, where)
        check_topics(tops, where)
        if crisis not in ('yes', 'no'):
            err(f'{where}: crisis must be yes/no, got {crisis!r}')
        if cls == 'crisis' and crisis != 'yes':
            err(f'{where}: crisis.tsv lines must all be yes')
        if cls == 'calm_lookalikes' and crisis != 'no':
            err(f'{where}: calm_lookalikes.tsv lines must all be no')
        if not note.strip():
            err(f'{where}: empty note')
        key = re.sub(r'\s+', ' ', q.strip().lower())
        if key in seen:
            err(f'{where}: duplicate query (first at {seen[key]})')
        else:
            seen[key] = where
        gives_place = place != '-'
        form = None
        m = re.search(r'form=(\w+)', note)
        if gives_place:
            if 'place:' not in note:
                err(f'{where}: place given but note lacks "place: <as typed>→<municipality>"')
            if not m:
                err(f'{where}: place given but note lacks form=<kind>')
            elif m.group(1) not in FORMS:
                err(f'{where}: unknown form {m.group(1)!r}')
            else:
                form = m.group(1)
            for it in place.split('|'):
                if it in munis:
                    all_counties.add(munis[it]['county'])
        if cls == 'crisis':
            lm = re.search(r'lang:([\w/-]+)', note)
            if not lm or 'voice:' not in note or 'cat:' not in note:
                err(f'{where}: crisis note needs lang:, voice: and cat:')
            else:
                crisis_langs[lm.group(1)] += 1
        rows.append((place, crisis, form))
    nq = len(rows)
    np_ = sum(1 for r in rows if r[0] != '-')
    own = sum(1 for r in rows if r[0] != '-' and r[2] not in (None, 'plain'))
    stats[cls] = (nq, sum(1 for r in rows if r[1] == 'yes'), np_, own)
    total += nq
    total_place += np_
    if nq < MIN.get(cls, 0):
        err(f'{fn}: {nq} queries, need at least {MIN[cls]}')
    if np_ and own * 2 < np_:
        err(f'{fn}: only {own} of {np_} place-giving lines use the person\'s own terms (need at least half)')

# crisis languages
if crisis_langs:
    ncr = sum(crisis_langs.values())
    nor = sum(v for k, v in crisis_langs.items() if NORWEGIAN.match(k))
    others = {re.split(r'[-/ ]', k)[0] for k in crisis_langs if not NORWEGIAN.match(k) and k != 'en'}
    if nor * 3 < ncr:
        err(f'crisis: {nor} of {ncr} lines in Norwegian, need at least a third')
    if len(others) < 20:
        err(f'crisis: {len(others)} other languages, need at least 20')
if total < 500:
    err(f'total {total} queries, need at least 500')
share = total_place / total if total else 0
if not 0.4 <= share <= 0.6:
    err(f'{total_place} of {total} queries name a place ({share:.0%}); aim for about half')
all_c = {m['county'] for m in munis.values()}
if all_c - all_counties:
    err(f'no place from counties {sorted(all_c - all_counties)}')

print(f"{'class':<20}{'queries':>8}{'crisis yes':>11}{'place given':>12}{'own terms':>10}")
for cls in sorted(stats, key=lambda c: (c not in VOICES, VOICES.index(c) if c in VOICES else c)):
    q, y, p, o = stats[cls]
    print(f'{cls:<20}{q:>8}{y:>11}{p:>12}{o:>10}')
print(f"{'total':<20}{total:>8}{sum(s[1] for s in stats.values()):>11}{total_place:>12}{sum(s[3] for s in stats.values()):>10}")
if crisis_langs:
    print('crisis languages:', ', '.join(f'{k} {v}' for k, v in sorted(crisis_langs.items(), key=lambda kv: -kv[1])))
print(f'counties with a place: {len(all_counties)} of {len(all_c)}')
if errors:
    for e in errors:
        print('ERROR', e)
    print(f'FAILED: {len(errors)} errors')
    sys.exit(1)
print('OK')
