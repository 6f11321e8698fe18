#!/usr/bin/env python3
"""Validate first-contact set 2026-12-07-q: every line of every <class>.tsv in this folder."""
import glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'main', 'data')
MUNI = {m['number'] for m in json.load(open(os.path.join(DATA, 'municipalities.json'), encoding='utf-8'))}
TOPICS = {t['id'] for t in json.load(open(os.path.join(DATA, 'topics.json'), encoding='utf-8'))}
VOICES = ['retirement_and_late_life', 'debt_and_money', 'body_and_appearance', 'siblings_and_adult_children',
          'social_media_replies', 'pain_and_medication', 'men_who_do_not_talk', 'sarcasm_and_black_humour']
MINIMUM = dict({v: 35 for v in VOICES}, crisis=170, calm_lookalikes=65)

errors, seen, stats = [], {}, {}
for path in sorted(glob.glob(os.path.join(HERE, '*.tsv'))):
    cls = os.path.basename(path)[:-4]
    if cls not in MINIMUM:
        errors.append(f'{path}: unexpected class file')
    st = stats.setdefault(cls, {'queries': 0, 'yes': 0, 'place': 0})
    has_comment = False
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        where = f'{cls}.tsv:{n}'
        if line.startswith('#'):
            has_comment = True
            continue
        if not line.strip():
            errors.append(f'{where}: empty line'); continue
        f = line.split('\t')
        if len(f) != 6:
            errors.append(f'{where}: {len(f)} fields, want 6'); continue
        c, query, place, topics, crisis, note = f
        if c != cls: errors.append(f'{where}: class {c!r} != file name')
        if not query.strip() or query != query.strip(): errors.append(f'{where}: empty or padded query')
        if place not in ('-', '?'):
            for p in place.split('|'):
                if p != '-' and p not in MUNI: errors.append(f'{where}: unknown municipality {p!r}')
            if any(p != '-' for p in place.split('|')): st['place'] += 1
        elif place == '?':
            st['place'] += 1
        if topics not in ('-', '?'):
            for t in topics.split(','):
                if t not in TOPICS: errors.append(f'{where}: unknown topic {t!r}')
        if crisis not in ('yes', 'no'): errors.append(f'{where}: crisis {crisis!r}')
        if cls == 'crisis' and crisis != 'yes': errors.append(f'{where}: crisis.tsv must be yes')
        if cls == 'calm_lookalikes' and crisis != 'no': errors.append(f'{where}: calm_lookalikes.tsv must be no')
        if not note.strip(): errors.append(f'{where}: empty note')
        if cls == 'crisis' and not all(k in note for k in ('lang:', 'voice:', 'cat:')):
            errors.append(f'{where}: crisis note needs lang:, voice:, cat:')
        key = query.strip().lower()
        if key in seen: errors.append(f'{where}: duplicate of {seen[key]}')
        seen[key] = where
        st['queries'] += 1
        st['yes'] += crisis == 'yes'
    if not has_comment: errors.append(f'{cls}.tsv: no description comment')

for cls, need in MINIMUM.items():
    got = stats.get(cls, {}).get('queries', 0)
    if got < need: errors.append(f'{cls}: {got} queries, need at least {need}')
total = sum(s['queries'] for s in stats.values())
if total < 500: errors.append(f'total {total} < 500')

print(f'{"class":32} {"queries":>7} {"yes":>5} {"place":>6}')
for cls in VOICES + ['crisis', 'calm_lookalikes']:
    s = stats.get(cls, {'queries': 0, 'yes': 0, 'place': 0})
    print(f'{cls:32} {s["queries"]:7} {s["yes"]:5} {s["place"]:6}')
print(f'{"total":32} {total:7} {sum(s["yes"] for s in stats.values()):5} {sum(s["place"] for s in stats.values()):6}')
for e in errors: print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
