#!/usr/bin/env python3
"""Validate the first-contact set z7 ("where they came from") and print counts per class."""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
VOICES = ['from_nav', 'from_municipality', 'from_hospital', 'from_school_health', 'from_gp',
          'from_faith_and_volunteers', 'from_police_and_shelters', 'from_a_friend']
CLASSES = VOICES + ['crisis', 'calm_lookalikes']
MINIMUM = {**{v: 45 for v in VOICES}, 'crisis': 170, 'calm_lookalikes': 65}
MIN_TOTAL = 500
MIN_TOPIC_IN_VOICES = 10

munis = {m['number'] for m in json.load(open(DATA + 'municipalities.json'))}
topics = {t['id'] for t in json.load(open(DATA + 'topics.json'))}

errors = []
def err(f, n, msg):
    errors.append(f'{f}:{n}: {msg}')

seen = {}
rows = collections.defaultdict(list)
for cls in CLASSES:
    path = os.path.join(HERE, cls + '.tsv')
    if not os.path.exists(path):
        err(cls + '.tsv', 0, 'missing file'); continue
    with open(path, encoding='utf-8') as fh:
        text = fh.read()
    if not text.startswith('#'):
        err(cls + '.tsv', 1, 'file must start with a # description')
    for n, line in enumerate(text.split('\n'), 1):
        if not line.strip() or line.startswith('#'):
            continue
        f = line.split('\t')
        if len(f) != 6:
            err(cls, n, f'{len(f)} fields, expected 6'); continue
        c, q, place, tps, crisis, note = f
        if c != cls: err(cls, n, f'class {c!r} != file name')
        if not q.strip() or q != q.strip(): err(cls, n, 'empty query or stray whitespace')
        words = len(q.split())
        if not 1 <= words <= 80: err(cls, n, f'query has {words} words (1-80)')
        # place: '-', '?', or alternatives of '-' / 4-digit municipality numbers
        if place != '?':
            alts = place.split('|')
            if len(set(alts)) != len(alts): err(cls, n, f'repeated place alternative {place}')
            for a in alts:
                if a == '-': continue
                if not re.fullmatch(r'\d{4}', a): err(cls, n, f'bad place {a!r}')
                elif a not in munis: err(cls, n, f'unknown municipality {a}')
        # topics: '?', '-', or comma-separated ids
        if tps not in ('?', '-'):
            ids = tps.split(',')
            if len(set(ids)) != len(ids): err(cls, n, f'repeated topic in {tps}')
            for t in ids:
                if t not in topics: err(cls, n, f'unknown topic {t!r}')
        if crisis not in ('yes', 'no'): err(cls, n, f'crisis must be yes/no, got {crisis!r}')
        if cls == 'crisis' and crisis != 'yes': err(cls, n, 'crisis.tsv lines must all be yes')
        if cls == 'calm_lookalikes' and crisis != 'no': err(cls, n, 'calm_lookalikes.tsv lines must all be no')
        if not note.strip(): err(cls, n, 'empty note')
        m = re.search(r'lang:([a-z]{2,3})', note)
        if cls == 'crisis' and not (m and 'voice:' in note and 'cat:' in note):
            err(cls, n, 'crisis note needs lang:, voice: and cat:')
        # every named municipality in a place must be explained by a lookup in the note
        if place not in ('-', '?') and '→' not in note:
            err(cls, n, 'place given but note names no lookup (x→Municipality)')
        key = q.strip().lower()
        if key in seen: err(cls, n, f'duplicate query (also {seen[key]})')
        seen[key] = f'{cls}:{n}'
        rows[cls].append(dict(q=q, place=place, topics=tps, crisis=crisis, note=note,
                              lang=(m.group(1) if m else 'no'), words=words))

total = sum(len(v) for v in rows.values())
for cls in CLASSES:
    if len(rows[cls]) < MINIMUM[cls]:
        err(cls, 0, f'{len(rows[cls])} queries, minimum {MINIMUM[cls]}')
if total < MIN_TOTAL: err('all', 0, f'{total} queries, minimum {MIN_TOTAL}')

topic_count = collections.Counter()
for v in VOICES:
    for r in rows[v]:
        if r['topics'] not in ('?', '-'):
            topic_count.update(r['topics'].split(','))
for t in sorted(topics):
    if topic_count[t] < MIN_TOPIC_IN_VOICES:
        err('voices', 0, f'topic {t} expected {topic_count[t]} times, minimum {MIN_TOPIC_IN_VOICES}')

NORWEGIAN = {'no', 'nb', 'nn'}
NORDIC_EN = {'en', 'sv', 'da', 'is', 'fi'}
print(f'{"class":28} {"queries":>7} {"crisis":>6} {"place":>6} {"nor%":>5} {"en/nord%":>8} {"other%":>6}  short/mid/long')
for cls in CLASSES:
    rs = rows[cls]
    if not rs: continue
    k = len(rs)
    nor = sum(r['lang'] in NORWEGIAN for r in rs)
    nrd = sum(r['lang'] in NORDIC_EN for r in rs)
    short = sum(r['words'] <= 5 for r in rs)
    long_ = sum(r['words'] > 30 or r['q'].count('.') + r['q'].count('?') + r['q'].count('!') + r['q'].count('።') >= 3 for r in rs)
    print(f'{cls:28} {k:7} {sum(r["crisis"] == "yes" for r in rs):6} {sum(r["place"] != "-" for r in rs):6}'
          f' {100*nor//k:5} {100*nrd//k:8} {100*(k-nor-nrd)//k:6}  {short}/{k-short-long_}/{long_}')
allrows = [r for c in CLASSES for r in rows[c]]
print(f'{"total":28} {total:7} {sum(r["crisis"] == "yes" for r in allrows):6} {sum(r["place"] != "-" for r in allrows):6}')
print('topics expected in voice classes:', dict(sorted(topic_count.items())))
langs = collections.Counter(r['lang'] for r in rows['crisis'])
other = [l for l in langs if l not in NORWEGIAN | {'en'}]
print(f'crisis languages: Norwegian {sum(langs[l] for l in NORWEGIAN)}/{len(rows["crisis"])}, '
      f'English {langs["en"]}, {len(other)} other languages: {", ".join(sorted(other))}')
if sum(langs[l] for l in NORWEGIAN) * 3 < len(rows['crisis']): err('crisis', 0, 'less than a third Norwegian')
if len(other) < 20: err('crisis', 0, 'fewer than 20 other languages')
print('all languages:', ', '.join(f'{l}:{c}' for l, c in collections.Counter(r['lang'] for r in allrows).most_common()))

if errors:
    print(f'\n{len(errors)} ERROR(S)'); print('\n'.join(errors[:200])); sys.exit(1)
print('\nOK')
