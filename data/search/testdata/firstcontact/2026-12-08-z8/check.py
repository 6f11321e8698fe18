#!/usr/bin/env python3
"""Validate first-contact set z8: every line of every class file, then print counts per class."""
import json, os, re, sys
from collections import Counter, defaultdict
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
MUNIS = {m['number'] for m in json.load(open(DATA + 'municipalities.json', encoding='utf-8'))}
TOPICS = {t['id'] for t in json.load(open(DATA + 'topics.json', encoding='utf-8'))}
VOICES = ['self', 'partner', 'young_child', 'teen_or_adult_child', 'parent', 'sibling', 'friend_or_colleague', 'helper']
MINIMUM = {**{v: 35 for v in VOICES}, 'crisis': 170, 'calm_lookalikes': 65}
TOTAL_MIN = 560
errors = []
seen = {}
counts = Counter(); crisis_yes = Counter(); with_place = Counter(); langs = defaultdict(Counter)
def err(where, msg): errors.append(f'{where}: {msg}')
for cls in MINIMUM:
    path = os.path.join(HERE, cls + '.tsv')
    if not os.path.exists(path):
        err(cls, 'file missing'); continue
    with open(path, encoding='utf-8') as fh:
        raw = fh.read()
    if '\r' in raw: err(cls, 'carriage return in file')
    for n, line in enumerate(raw.split('\n'), 1):
        where = f'{cls}.tsv:{n}'
        if not line.strip() or line.startswith('#'): continue
        f = line.split('\t')
        if len(f) != 6: err(where, f'{len(f)} fields, want 6'); continue
        c, q, place, topics, crisis, note = f
        if c != cls: err(where, f'class {c!r} != file name {cls!r}')
        if not q.strip() or q != q.strip(): err(where, 'empty query or surrounding whitespace')
        if len(q.split()) > 80: err(where, 'query longer than 80 words')
        if place not in ('-', '?'):
            parts = place.split('|')
            if len(set(parts)) != len(parts): err(where, f'repeated place {place}')
            for p in parts:
                if p == '-': continue
                if not re.fullmatch(r'\d{4}', p) or p not in MUNIS: err(where, f'unknown municipality {p!r}')
        if topics not in ('-', '?'):
            ids = topics.split(',')
            if len(set(ids)) != len(ids): err(where, f'repeated topic in {topics}')
            for t in ids:
                if t not in TOPICS: err(where, f'unknown topic {t!r}')
        if crisis not in ('yes', 'no'): err(where, f'crisis {crisis!r} not yes/no')
        if cls == 'crisis' and crisis != 'yes': err(where, 'crisis.tsv line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no': err(where, 'calm_lookalikes.tsv line not no')
        if not note.strip(): err(where, 'empty note')
        if cls == 'crisis' and not re.search(r'lang:\S+.*voice:.*cat:', note): err(where, 'crisis note lacks lang:/voice:/cat:')
        if cls in VOICES and topics not in ('-', '?') and cls != 'self':
            pass
        if cls == 'helper' and 'parorende' in topics.split(',') and 'pårørende' not in q.lower() and 'relatives' not in q.lower():
            err(where, 'helper line expects parorende without asking for relatives')
        if cls in ('partner', 'young_child', 'teen_or_adult_child', 'parent', 'sibling', 'friend_or_colleague') \
                and 'parorende' not in topics.split(',') and 'own' not in note and 'long past' not in note:
            err(where, 'relative/friend line without parorende and without a reason in the note')
        key = re.sub(r'\s+', ' ', q.strip().lower())
        if key in seen: err(where, f'duplicate query (also {seen[key]})')
        else: seen[key] = where
        m = re.search(r'lang:([A-Za-z-]+)', note)
        if not m: err(where, 'note lacks lang:')
        else: langs[cls][m.group(1)] += 1
        counts[cls] += 1
        crisis_yes[cls] += crisis == 'yes'
        with_place[cls] += place != '-'
for cls, mn in MINIMUM.items():
    if counts[cls] < mn: err(cls, f'{counts[cls]} lines, minimum {mn}')
total = sum(counts.values())
if total < TOTAL_MIN: err('total', f'{total} lines, minimum {TOTAL_MIN}')
print(f'{"class":22} {"queries":>7} {"crisis":>6} {"place":>6}')
for cls in MINIMUM:
    print(f'{cls:22} {counts[cls]:7} {crisis_yes[cls]:6} {with_place[cls]:6}')
print(f'{"total":22} {total:7} {sum(crisis_yes.values()):6} {sum(with_place.values()):6}')
def group(l):
    base = l.split('-')[0]
    return 'no' if base in ('nb', 'nn', 'dial') else base
all_l = Counter()
for c in langs.values(): all_l.update(c)
g = Counter()
for l, n in all_l.items():
    b = group(l)
    g['Norwegian' if b == 'no' else 'en/sv/da' if b in ('en', 'sv', 'da') else 'other'] += n
print('language groups:', ', '.join(f'{k} {v} ({100*v/total:.0f} %)' for k, v in g.most_common()))
others = sorted({group(l) for l in all_l} - {'no', 'en', 'sv', 'da'})
print(f'other languages ({len(others)}):', ' '.join(others))
crisis_other = sorted({group(l) for l in langs['crisis']} - {'no', 'en', 'sv', 'da'})
print(f'crisis: Norwegian {sum(n for l, n in langs["crisis"].items() if group(l) == "no")}/{counts["crisis"]}, other languages {len(crisis_other)}')
if len(crisis_other) < 20: errors.append('crisis: fewer than 20 other languages')
if errors:
    print('\n'.join(errors)); print(f'FAIL ({len(errors)} problems)'); sys.exit(1)
print('OK')
