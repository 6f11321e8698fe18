#!/usr/bin/env python3
"""Validate the first-contact set 2026-12-07-u: every line of every <class>.tsv in this folder."""
import json, os, sys, glob, re
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
munis = {m['number'] for m in json.load(open(DATA + 'municipalities.json'))}
topics = {t['id'] for t in json.load(open(DATA + 'topics.json'))}
VOICES = ['agder_telemark_vestfold', 'oslo_multiethnolect_youth', 'breakups_jealousy_and_dating',
          'weight_food_and_lifestyle', 'accidents_and_rehabilitation', 'nordic_neighbours',
          'employers_and_colleagues', 'vague_and_unsure']
MIN = {c: 35 for c in VOICES}
MIN.update({'crisis': 170, 'calm_lookalikes': 65})
errors = []
seen = {}
counts = {}
total = placed = 0
def err(f, n, msg):
    errors.append('%s:%d: %s' % (f, n, msg))
files = sorted(glob.glob(os.path.join(HERE, '*.tsv')))
names = [os.path.basename(f)[:-4] for f in files]
for c in MIN:
    if c not in names:
        errors.append('missing class file %s.tsv' % c)
for f in files:
    cls = os.path.basename(f)[:-4]
    fn = os.path.basename(f)
    if cls not in MIN:
        errors.append('%s: unexpected class file' % fn)
    c = counts.setdefault(cls, {'queries': 0, 'crisis_yes': 0, 'place': 0})
    raw = open(f, 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        errors.append('%s: not UTF-8 (%s)' % (fn, e)); continue
    has_comment = False
    for n, line in enumerate(text.split('\n'), 1):
        if line == '':
            continue
        if line.startswith('#'):
            has_comment = True
            continue
        if '\r' in line:
            err(fn, n, 'carriage return')
        parts = line.split('\t')
        if len(parts) != 6:
            err(fn, n, 'expected 6 tab-separated fields, got %d' % len(parts)); continue
        k, q, place, tops, crisis, note = parts
        if k != cls:
            err(fn, n, 'class %r != file name %r' % (k, cls))
        if not q.strip() or q != q.strip():
            err(fn, n, 'empty query or surrounding whitespace')
        words = len(q.split())
        if words > 80:
            err(fn, n, 'query has %d words (max 80)' % words)
        if q in seen:
            err(fn, n, 'duplicate query (also %s)' % seen[q])
        seen[q] = '%s:%d' % (fn, n)
        if place not in ('-', '?'):
            alts = place.split('|')
            if len(set(alts)) != len(alts):
                err(fn, n, 'repeated alternative in place %r' % place)
            for a in alts:
                if a == '-':
                    continue
                if not re.fullmatch(r'\d{4}', a) or a not in munis:
                    err(fn, n, 'unknown municipality %r' % a)
            if any(a != '-' for a in alts):
                c['place'] += 1; placed += 1
        elif place == '?':
            c['place'] += 1; placed += 1
        if tops not in ('-', '?'):
            for t in tops.split(','):
                if t not in topics:
                    err(fn, n, 'unknown topic %r' % t)
            if len(set(tops.split(','))) != len(tops.split(',')):
                err(fn, n, 'repeated topic')
        if crisis not in ('yes', 'no'):
            err(fn, n, 'crisis must be yes/no, got %r' % crisis)
        if cls == 'crisis' and crisis != 'yes':
            err(fn, n, 'crisis.tsv line must be yes')
        if cls == 'calm_lookalikes' and crisis != 'no':
            err(fn, n, 'calm_lookalikes.tsv line must be no')
        if cls == 'crisis' and not all(x in note for x in ('lang:', 'voice:', 'cat:')):
            err(fn, n, 'crisis note needs lang:, voice:, cat:')
        if not note.strip():
            err(fn, n, 'empty note')
        c['queries'] += 1; total += 1
        if crisis == 'yes':
            c['crisis_yes'] += 1
    if not has_comment:
        errors.append('%s: no # description at the top' % fn)
for cls, m in MIN.items():
    got = counts.get(cls, {}).get('queries', 0)
    if got < m:
        errors.append('%s: %d queries, need at least %d' % (cls, got, m))
if total < 500:
    errors.append('total %d queries, need at least 500' % total)
share = placed / total if total else 0
if not 0.40 <= share <= 0.60:
    errors.append('share of queries naming a place is %.2f, expected about half' % share)
print('%-30s %8s %10s %12s' % ('class', 'queries', 'crisis yes', 'place given'))
for cls in sorted(counts):
    c = counts[cls]
    print('%-30s %8d %10d %12d' % (cls, c['queries'], c['crisis_yes'], c['place']))
print('%-30s %8d %10d %12d' % ('TOTAL', total, sum(c['crisis_yes'] for c in counts.values()), placed))
print('place share: %.2f' % share)
if errors:
    print('\n'.join(errors))
    print('FAIL: %d problem(s)' % len(errors))
    sys.exit(1)
print('OK')
