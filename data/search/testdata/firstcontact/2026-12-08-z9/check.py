#!/usr/bin/env python3
"""Validate first-contact set z9: every line of every <class>.tsv in this folder.
Checks: 6 tab-separated fields; class = file name; place is '-', '?' or '|'-separated 4-digit 2024 municipality
numbers (with optional '-') that exist in municipalities.json; topics are '?', '-' or ids from topics.json;
crisis is yes/no, crisis.tsv all yes, calm_lookalikes.tsv all no; minimum counts; no duplicate queries;
a lang: tag in every note. Prints counts per class, topic use across the voice classes, languages and place share.
"""
import json, os, sys, glob, collections, re

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
MUNIS = {m['number'] for m in json.load(open(DATA + 'municipalities.json'))}
TOPICS = {t['id'] for t in json.load(open(DATA + 'topics.json'))}
VOICES = ['just_diagnosed', 'after_a_death', 'the_break_up', 'lost_work_or_money', 'moving',
          'holidays_and_seasons', 'after_a_crisis', 'late_at_night']
MINIMUM = dict({v: 35 for v in VOICES}, crisis=170, calm_lookalikes=65)
TOTAL_MIN = 560
TOPIC_MIN = 15
NORWEGIAN = ('nb', 'nn')
SCANDI_EN = ('en', 'sv', 'da')

errors = []
def err(f, n, msg):
    errors.append('%s:%d: %s' % (os.path.basename(f), n, msg))

rows = []
seen = {}
for f in sorted(glob.glob(os.path.join(HERE, '*.tsv'))):
    cls = os.path.basename(f)[:-4]
    if cls not in MINIMUM:
        errors.append('%s: unexpected class file' % f)
    for n, line in enumerate(open(f, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        fields = line.split('\t')
        if len(fields) != 6:
            err(f, n, '%d fields, want 6' % len(fields)); continue
        c, q, place, topics, crisis, note = fields
        if c != cls:
            err(f, n, 'class %r != file name %r' % (c, cls))
        if not q.strip() or q != q.strip():
            err(f, n, 'empty query or stray spaces')
        if place not in ('-', '?'):
            parts = place.split('|')
            if len(parts) != len(set(parts)):
                err(f, n, 'repeated alternative in place %r' % place)
            for p in parts:
                if p == '-':
                    continue
                if not re.fullmatch(r'\d{4}', p) or p not in MUNIS:
                    err(f, n, 'place %r is not a 2024 municipality number' % p)
            if all(p == '-' for p in parts):
                err(f, n, 'place %r' % place)
        if topics not in ('-', '?'):
            ids = topics.split(',')
            for t in ids:
                if t not in TOPICS:
                    err(f, n, 'unknown topic %r' % t)
            if len(ids) != len(set(ids)):
                err(f, n, 'repeated topic')
        if crisis not in ('yes', 'no'):
            err(f, n, 'crisis must be yes/no, is %r' % crisis)
        if cls == 'crisis' and crisis != 'yes':
            err(f, n, 'crisis.tsv line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no':
            err(f, n, 'calm_lookalikes.tsv line not no')
        if cls in VOICES and crisis != 'no':
            err(f, n, 'voice-class line marked crisis yes (this set keeps crisis lines in crisis.tsv)')
        m = re.search(r'lang:([A-Za-z-]+)', note)
        if not m:
            err(f, n, 'note lacks lang: tag')
        if cls == 'crisis' and not ('voice:' in note and 'cat:' in note):
            err(f, n, 'crisis note lacks voice:/cat:')
        key = q.strip().lower()
        if key in seen:
            err(f, n, 'duplicate query (also %s)' % seen[key])
        seen[key] = '%s:%d' % (os.path.basename(f), n)
        rows.append(dict(cls=cls, q=q, place=place, topics=topics, crisis=crisis,
                         lang=m.group(1) if m else '?'))

counts = collections.Counter(r['cls'] for r in rows)
for cls, mn in MINIMUM.items():
    if counts[cls] < mn:
        errors.append('%s: %d lines, minimum %d' % (cls, counts[cls], mn))
if len(rows) < TOTAL_MIN:
    errors.append('total %d lines, minimum %d' % (len(rows), TOTAL_MIN))

topic_use = collections.Counter()
for r in rows:
    if r['cls'] in VOICES and r['topics'] not in ('-', '?'):
        topic_use.update(r['topics'].split(','))
for t in sorted(TOPICS):
    if topic_use[t] < TOPIC_MIN:
        errors.append('topic %s used %d times across the voice classes, minimum %d' % (t, topic_use[t], TOPIC_MIN))

def base(lang):
    return lang.split('-')[0]

def group(lang):
    b = base(lang)
    if b in NORWEGIAN:
        return 'norwegian'
    if b in SCANDI_EN:
        return 'en/sv/da'
    return 'other'

print('%-22s %6s %7s %7s %6s %6s %6s' % ('class', 'lines', 'crisis', 'place', 'no', 'ensvda', 'other'))
for cls in VOICES + ['crisis', 'calm_lookalikes']:
    rs = [r for r in rows if r['cls'] == cls]
    g = collections.Counter(group(r['lang']) for r in rs)
    print('%-22s %6d %7d %7d %6d %6d %6d' % (cls, len(rs), sum(r['crisis'] == 'yes' for r in rs),
          sum(r['place'] != '-' for r in rs), g['norwegian'], g['en/sv/da'], g['other']))
print('%-22s %6d %7d %7d' % ('TOTAL', len(rows), sum(r['crisis'] == 'yes' for r in rows),
      sum(r['place'] != '-' for r in rows)))
print('place share: %.0f %%' % (100.0 * sum(r['place'] != '-' for r in rows) / max(1, len(rows))))

for label, sel in (('voice classes', [r for r in rows if r['cls'] in VOICES]),
                   ('crisis', [r for r in rows if r['cls'] == 'crisis']),
                   ('calm_lookalikes', [r for r in rows if r['cls'] == 'calm_lookalikes'])):
    g = collections.Counter(group(r['lang']) for r in sel)
    others = sorted({base(r['lang']) for r in sel if group(r['lang']) == 'other'})
    translit = sum(1 for r in sel if r['lang'].endswith('-Latn'))
    print('%s: norwegian %.0f %%, en/sv/da %.0f %%, other %.0f %% in %d languages (%s); transliterated %d' % (
        label, 100.0 * g['norwegian'] / len(sel), 100.0 * g['en/sv/da'] / len(sel), 100.0 * g['other'] / len(sel),
        len(others), ' '.join(others), translit))
print('topic use across the voice classes:', ', '.join('%s %d' % (t, topic_use[t]) for t in sorted(TOPICS)))

if errors:
    for e in errors:
        print('ERROR', e)
    print('FAILED: %d errors' % len(errors))
    sys.exit(1)
print('OK')
