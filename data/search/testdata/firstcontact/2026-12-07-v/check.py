#!/usr/bin/env python3
"""Validate first-contact set 2026-12-07-v: every line of every <class>.tsv in this folder.

Checks: 6 tab-separated fields; class equals the file name; place is '-', '?' or '|'-separated alternatives of
'-' and 2024 municipality numbers from municipalities.json; topics is '?', '-' or comma-separated ids from
topics.json; crisis is yes/no (crisis.tsv all yes, calm_lookalikes.tsv all no); minimum counts; no duplicate
queries (across all files, compared case- and space-insensitively); the required comment header.
Also reports, per class, the length mix (1-3 words / one or two sentences / 25-80 words) and the share naming a place.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
VOICES = ['marriage_migrants', 'adoptees_and_grown_foster_children', 'single_parents',
          'hunters_anglers_and_outdoor_people', 'after_hospital_and_treatment', 'commuters_roads_and_ferries',
          'neighbours_and_landlords', 'numbers_dates_and_addresses']
MIN = dict({v: 35 for v in VOICES}, crisis=170, calm_lookalikes=65)
TOTAL_MIN = 500

munis = {m['number'] for m in json.load(open(DATA + 'municipalities.json', encoding='utf-8'))}
topics = {t['id'] for t in json.load(open(DATA + 'topics.json', encoding='utf-8'))}

errors = []
def err(where, msg): errors.append('%s: %s' % (where, msg))

def words(q):
    # CJK and Thai have no spaces: count characters/2 as a rough word count for them
    toks = q.split()
    n = len(toks)
    dense = sum(1 for c in q if '\u0e00' <= c <= '\u0e7f' or '\u3040' <= c <= '\u9fff' or '\uac00' <= c <= '\ud7af')
    if dense > 4:
        n = max(n, dense // 2)
    return n

def length_class(q):
    n = words(q)
    if n <= 3: return 'short'
    if n >= 25: return 'long'
    return 'medium'

seen = {}
counts = {}
files = sorted(glob.glob(os.path.join(HERE, '*.tsv')))
names = [os.path.basename(f)[:-4] for f in files]
for need in MIN:
    if need not in names:
        err(need + '.tsv', 'missing file')
for fn in files:
    cls = os.path.basename(fn)[:-4]
    if cls not in MIN:
        err(fn, 'unexpected class file')
    c = counts.setdefault(cls, {'n': 0, 'yes': 0, 'place': 0, 'short': 0, 'medium': 0, 'long': 0})
    lines = open(fn, encoding='utf-8').read().split('\n')
    if not lines or not lines[0].startswith('#'):
        err(fn, 'no comment header at the top')
    for ln, line in enumerate(lines, 1):
        where = '%s:%d' % (os.path.basename(fn), ln)
        if line.startswith('#') or line == '':
            continue
        f = line.split('\t')
        if len(f) != 6:
            err(where, '%d fields, want 6' % len(f)); continue
        k, q, place, tops, crisis, note = f
        if k != cls: err(where, 'class %r != file %r' % (k, cls))
        if not q.strip() or q != q.strip(): err(where, 'empty query or surrounding space')
        if len(q.split()) > 80: err(where, 'query longer than 80 words')
        # place
        if place not in ('-', '?'):
            alts = place.split('|')
            if len(set(alts)) != len(alts): err(where, 'repeated place alternative %r' % place)
            for a in alts:
                if a == '-': continue
                if not re.fullmatch(r'\d{4}', a) or a not in munis:
                    err(where, 'bad place %r' % a)
        # topics
        if tops not in ('?', '-'):
            ids = tops.split(',')
            if len(set(ids)) != len(ids): err(where, 'repeated topic')
            for t in ids:
                if t not in topics: err(where, 'unknown topic %r' % t)
        if crisis not in ('yes', 'no'): err(where, 'crisis %r' % crisis)
        if cls == 'crisis' and crisis != 'yes': err(where, 'crisis.tsv line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no': err(where, 'calm_lookalikes.tsv line not no')
        if not note.strip(): err(where, 'empty note')
        key = ' '.join(q.lower().split())
        if key in seen: err(where, 'duplicate query (first at %s)' % seen[key])
        else: seen[key] = where
        c['n'] += 1
        c['yes'] += crisis == 'yes'
        c['place'] += place != '-'
        c[length_class(q)] += 1

for cls, m in MIN.items():
    n = counts.get(cls, {}).get('n', 0)
    if n < m: err(cls, '%d lines, want at least %d' % (n, m))
total = sum(c['n'] for c in counts.values())
if total < TOTAL_MIN: err('total', '%d lines, want at least %d' % (total, TOTAL_MIN))
for cls in VOICES:
    c = counts.get(cls)
    if c and min(c['short'], c['medium'], c['long']) == 0:
        err(cls, 'length mix missing a length: %r' % c)

print('%-38s %5s %6s %6s %6s %6s %6s' % ('class', 'lines', 'crisis', 'place', 'short', 'medium', 'long'))
for cls in sorted(counts):
    c = counts[cls]
    print('%-38s %5d %6d %6d %6d %6d %6d' % (cls, c['n'], c['yes'], c['place'], c['short'], c['medium'], c['long']))
places = sum(c['place'] for c in counts.values())
print('%-38s %5d %6d %6d   (place named in %.0f%%)' % ('TOTAL', total, sum(c['yes'] for c in counts.values()), places,
                                                      100.0 * places / max(total, 1)))
if errors:
    print('\n%d problem(s):' % len(errors))
    for e in errors: print('  ' + e)
    sys.exit(1)
print('OK')
