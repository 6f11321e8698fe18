#!/usr/bin/env python3
"""Validate the first-contact set in this folder and print counts per class."""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data'
VOICE = ['age_13_15', 'age_16_19', 'age_20_29', 'age_30_44', 'age_45_59',
         'age_60_74', 'age_75_plus', 'writing_for_someone']
MINIMUM = {c: 40 for c in VOICE}
MINIMUM.update({'crisis': 170, 'calm_lookalikes': 65})
TOTAL_MIN = 500

munis = {m['number']: m['name'] for m in json.load(open(os.path.join(DATA, 'municipalities.json')))}
topics = {t['id'] for t in json.load(open(os.path.join(DATA, 'topics.json')))}

errors = []
seen = {}
stats = {}
topic_in_voice = collections.Counter()

def err(where, msg):
    errors.append(f'{where}: {msg}')

for cls in VOICE + ['crisis', 'calm_lookalikes']:
    path = os.path.join(HERE, cls + '.tsv')
    if not os.path.exists(path):
        err(cls, 'file missing'); continue
    n = yes = placed = 0
    with open(path, encoding='utf-8') as fh:
        for i, line in enumerate(fh, 1):
            where = f'{cls}.tsv:{i}'
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            f = line.split('\t')
            if len(f) != 6:
                err(where, f'{len(f)} fields'); continue
            c, q, place, tps, crisis, note = f
            n += 1
            if c != cls: err(where, f'class {c!r} != {cls!r}')
            if not q.strip(): err(where, 'empty query')
            words = len(q.split())
            if words < 1 or words > 80: err(where, f'{words} words (1-80 allowed)')
            # place
            if place not in ('-', '?'):
                for tok in place.split('|'):
                    if tok in ('-', '?'): continue
                    if not re.fullmatch(r'\d{4}', tok): err(where, f'bad place token {tok!r}')
                    elif tok not in munis: err(where, f'unknown municipality {tok}')
                    elif munis[tok] not in note: err(where, f'note does not name {munis[tok]} ({tok})')
            if place != '-': placed += 1
            # topics
            if tps not in ('-', '?'):
                for t in tps.split(','):
                    if t not in topics: err(where, f'unknown topic {t!r}')
                    elif cls in VOICE: topic_in_voice[t] += 1
            # crisis
            if crisis not in ('yes', 'no'): err(where, f'crisis {crisis!r}')
            if cls == 'crisis' and crisis != 'yes': err(where, 'crisis class must be yes')
            if cls == 'calm_lookalikes' and crisis != 'no': err(where, 'calm_lookalikes must be no')
            if crisis == 'yes': yes += 1
            if not note.strip(): err(where, 'empty note')
            if crisis == 'yes' and not all(k in note for k in ('lang:', 'voice:', 'cat:')):
                err(where, 'crisis note needs lang:, voice:, cat:')
            key = q.strip().lower()
            if key in seen: err(where, f'duplicate of {seen[key]}')
            else: seen[key] = where
    stats[cls] = (n, yes, placed)
    if n < MINIMUM[cls]: err(cls, f'{n} lines, minimum {MINIMUM[cls]}')

total = sum(v[0] for v in stats.values())
if total < TOTAL_MIN: err('total', f'{total} lines, minimum {TOTAL_MIN}')
for t in sorted(topics):
    if topic_in_voice[t] < 10: err('topics', f'{t} expected only {topic_in_voice[t]} times in voice classes (need 10)')

print(f'{"class":22s} {"queries":>7s} {"crisis":>7s} {"place":>6s}')
for cls, (n, yes, placed) in stats.items():
    print(f'{cls:22s} {n:7d} {yes:7d} {placed:6d}')
print(f'{"total":22s} {total:7d} {sum(v[1] for v in stats.values()):7d} {sum(v[2] for v in stats.values()):6d}')
print('topics expected in voice classes:', ', '.join(f'{t}={topic_in_voice[t]}' for t in sorted(topics)))
if errors:
    print(f'\n{len(errors)} problem(s):')
    for e in errors: print('  ' + e)
    sys.exit(1)
print('OK')
