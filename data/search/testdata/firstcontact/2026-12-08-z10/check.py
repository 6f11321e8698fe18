#!/usr/bin/env python3
"""Validate first-contact set z10 and print counts per class. Exit 1 on any problem."""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
MUNI = {m['number'] for m in json.load(open(DATA + 'municipalities.json', encoding='utf-8'))}
TOPICS = {t['id'] for t in json.load(open(DATA + 'topics.json', encoding='utf-8'))}
VOICES = ['nearer_or_elsewhere', 'other_topic', 'who_for', 'how_and_when', 'unhappy', 'back_again',
          'for_someone_else_now', 'keyword_fiddling']
MINIMUM = dict({v: 35 for v in VOICES}, crisis=170, calm_lookalikes=65)
TOTAL_MIN = 560
NORWEGIAN = {'nb', 'nn', 'no-dial'}
SCANDI_EN = {'en', 'sv', 'da'}

errors = []; rows = collections.defaultdict(list); seen = {}
def err(f, n, msg): errors.append('%s:%d: %s' % (f, n, msg))

files = sorted(f for f in os.listdir(HERE) if f.endswith('.tsv'))
for c in MINIMUM:
    if c + '.tsv' not in files: errors.append('missing file %s.tsv' % c)
for f in files:
    cls = f[:-4]
    if cls not in MINIMUM: errors.append('unexpected file %s' % f)
    for n, line in enumerate(open(os.path.join(HERE, f), encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'): continue
        c = line.split('\t')
        if len(c) != 6: err(f, n, '%d fields, want 6' % len(c)); continue
        k, q, place, topics, crisis, note = c
        if k != cls: err(f, n, 'class %r != file name %r' % (k, cls))
        if not q.strip() or q != q.strip(): err(f, n, 'empty or padded query')
        parts = place.split('|')
        if len(set(parts)) != len(parts): err(f, n, 'repeated place alternative %r' % place)
        for p in parts:
            if p in ('-', '?'): continue
            if not re.fullmatch(r'\d{4}', p) or p not in MUNI: err(f, n, 'unknown municipality %r' % p)
        if topics not in ('-', '?'):
            for t in topics.split(','):
                if t not in TOPICS: err(f, n, 'unknown topic %r' % t)
        if crisis not in ('yes', 'no'): err(f, n, 'crisis must be yes/no, got %r' % crisis)
        if cls == 'crisis' and crisis != 'yes': err(f, n, 'crisis.tsv line not yes')
        if cls == 'calm_lookalikes' and crisis != 'no': err(f, n, 'calm_lookalikes.tsv line not no')
        m = re.match(r'lang:([\w\-]+)', note)
        if not m: err(f, n, 'note must start with lang:xx')
        if cls == 'crisis' and not ('voice:' in note and 'cat:' in note): err(f, n, 'crisis note needs voice: and cat:')
        key = q.strip().lower()
        if key in seen: err(f, n, 'duplicate query (also %s)' % seen[key])
        seen[key] = '%s:%d' % (f, n)
        rows[cls].append(dict(q=q, place=place, topics=topics, crisis=crisis, lang=m.group(1) if m else '?'))

total = sum(len(v) for v in rows.values())
for c, mn in MINIMUM.items():
    if len(rows[c]) < mn: errors.append('%s: %d lines, minimum %d' % (c, len(rows[c]), mn))
if total < TOTAL_MIN: errors.append('total %d < %d' % (total, TOTAL_MIN))

# every topic at least 12 times across the voice classes
tc = collections.Counter(t for v in VOICES for r in rows[v] if r['topics'] not in '-?' for t in r['topics'].split(','))
for t in sorted(TOPICS):
    if tc[t] < 12: errors.append('topic %s used %d times in voice classes (< 12)' % (t, tc[t]))

def group(lang):
    base = lang.split('-')[0] if lang != 'no-dial' else 'no-dial'
    if lang in NORWEGIAN or base in ('nb', 'nn'): return 'norwegian'
    if base in SCANDI_EN: return 'en/sv/da'
    return 'other'

print('%-22s %6s %7s %7s %5s %5s %5s' % ('class', 'lines', 'crisis', 'place', 'no%', 'en/sc', 'other'))
for c in VOICES + ['crisis', 'calm_lookalikes']:
    r = rows[c]; g = collections.Counter(group(x['lang']) for x in r)
    pl = sum(1 for x in r if x['place'] != '-')
    print('%-22s %6d %7d %7d %5.0f %5d %5d' % (c, len(r), sum(x['crisis'] == 'yes' for x in r), pl,
          100 * g['norwegian'] / max(1, len(r)), g['en/sv/da'], g['other']))
allr = [x for v in rows.values() for x in v]
g = collections.Counter(group(x['lang']) for x in allr)
print('total %d lines; place named (place != "-") %.0f%%; Norwegian %.0f%%, en/sv/da %.0f%%, other %.0f%%' % (
    total, 100 * sum(x['place'] != '-' for x in allr) / total, 100 * g['norwegian'] / total,
    100 * g['en/sv/da'] / total, 100 * g['other'] / total))
others = collections.Counter(x['lang'].split('-')[0] for x in allr if group(x['lang']) == 'other')
print('other languages (%d): %s' % (len(others), ', '.join('%s %d' % kv for kv in sorted(others.items()))))
cris_other = {x['lang'].split('-')[0] for x in rows['crisis'] if group(x['lang']) == 'other'}
if len(cris_other) < 20: errors.append('crisis: only %d other languages' % len(cris_other))
if len(others) < 20: errors.append('only %d other languages' % len(others))
nonlatin = [x for x in allr if group(x['lang']) == 'other' and (x['lang'].endswith('-Latn') or re.search(r'[^\x00-\u024f\u1e00-\u1eff]', x['q']))]
print('crisis other languages: %d; non-Latin-script languages: %d lines, %d transliterated' % (
    len(cris_other), len(nonlatin), sum(x['lang'].endswith('-Latn') for x in nonlatin)))
print('topic uses in voice classes: ' + ', '.join('%s %d' % (t, tc[t]) for t in sorted(TOPICS)))
if errors:
    print('\n'.join(errors)); print('FAILED (%d problems)' % len(errors)); sys.exit(1)
print('OK')
