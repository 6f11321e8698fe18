#!/usr/bin/env python3
"""Validate the first-contact set z5 ("one life, many tongues") and print counts per class."""
import json, os, re, sys, unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
VOICES = ['seasonal_and_shift_workers', 'parents_far_from_home', 'elderly_brought_to_norway',
          'children_who_translate', 'illness_in_a_new_country', 'love_and_breakups_across_borders',
          'drink_drugs_and_gambling', 'grief_far_away']
CLASSES = VOICES + ['crisis', 'calm_lookalikes']
MINIMUM = {c: 40 for c in VOICES}
MINIMUM.update({'crisis': 170, 'calm_lookalikes': 65})
NB_EN = {'nb', 'nn', 'en'}
NON_LATIN = {'uk', 'ru', 'bg', 'ar', 'ti', 'am', 'prs', 'fa', 'ps', 'ur', 'hi', 'pa', 'bn', 'ne', 'ckb', 'th',
             'zh', 'ta', 'el', 'ja', 'ko', 'my', 'sr-Cyrl', 'mk', 'he', 'ka', 'hy', 'km', 'si'}

munis = {m['number']: m['name'] for m in json.load(open(DATA + 'municipalities.json'))}
topics = {t['id'] for t in json.load(open(DATA + 'topics.json'))}

# single-word place names (folded: æ→ae, ø→o, å→a, accents dropped), for the "ordinary word" warnings
def fold(s):
    s = s.lower().replace('æ', 'ae').replace('ø', 'o').replace('å', 'a')
    return ''.join(c for c in unicodedata.normalize('NFD', s) if not unicodedata.combining(c))
placewords = defaultdict(set)
for m in json.load(open(DATA + 'municipalities.json')):
    for n in [m['name']] + [x['name'] for x in m['names']]:
        placewords[fold(n)].add(m['number'])
for p in json.load(open(DATA + 'postcodes.json')):
    placewords[fold(p['place'])].add(p['municipality'])
for d in json.load(open(DATA + 'districts.json')):
    for n in [d['name']] + d.get('alt_names', []):
        placewords[fold(n)].add(d['municipality'])
for f in json.load(open(DATA + 'former_municipalities.json')):
    placewords[fold(f['name'])].update(f['successors'])

errors, warnings = [], []
seen = {}
stats = {}
topic_voice = Counter()

def nwords(q, lang):
    if lang in ('zh', 'ja', 'th', 'my', 'km'):
        letters = sum(1 for ch in q if unicodedata.category(ch).startswith('L'))
        return max(1, round(letters / 2.5))
    return len(q.split())

for cls in CLASSES:
    path = os.path.join(HERE, cls + '.tsv')
    if not os.path.exists(path):
        errors.append(f'missing file {cls}.tsv'); continue
    st = stats[cls] = Counter(); langs = Counter()
    has_header = False
    for i, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        where = f'{cls}.tsv:{i}'
        if line.startswith('#'):
            has_header = True; continue
        if not line.strip():
            errors.append(f'{where}: empty line'); continue
        f = line.split('\t')
        if len(f) != 6:
            errors.append(f'{where}: {len(f)} fields'); continue
        c, q, place, tps, crisis, note = f
        if c != cls: errors.append(f'{where}: class {c!r}')
        if not q.strip() or q != q.strip(): errors.append(f'{where}: empty or padded query')
        key = ' '.join(q.lower().split())
        if key in seen: errors.append(f'{where}: duplicate of {seen[key]}')
        seen[key] = where
        # place
        if place not in ('-', '?'):
            alts = place.split('|')
            for a in alts:
                if a == '-': continue
                if not re.fullmatch(r'\d{4}', a) or a not in munis:
                    errors.append(f'{where}: unknown municipality {a!r}')
                elif ('→' + munis[a]) not in note:
                    errors.append(f'{where}: note lacks lookup →{munis[a]}')
            if len(set(alts)) != len(alts): errors.append(f'{where}: repeated place alternative')
        # topics
        if tps not in ('-', '?'):
            ids = tps.split(',')
            for t in ids:
                if t not in topics: errors.append(f'{where}: unknown topic {t!r}')
            if cls in VOICES:
                topic_voice.update(set(ids))
        # crisis
        if crisis not in ('yes', 'no'): errors.append(f'{where}: crisis {crisis!r}')
        if cls == 'crisis' and crisis != 'yes': errors.append(f'{where}: crisis class must be yes')
        if cls == 'calm_lookalikes' and crisis != 'no': errors.append(f'{where}: calm class must be no')
        # note
        m = re.search(r'lang:([a-z]{2,3}(?:-[A-Za-z]+)?)', note)
        if not m:
            errors.append(f'{where}: note lacks lang:xx'); lang = '?'
        else:
            lang = m.group(1)
        if crisis == 'yes' and not ('voice:' in note and 'cat:' in note):
            errors.append(f'{where}: crisis note needs voice: and cat:')
        n = nwords(q, lang)
        if n > 80: errors.append(f'{where}: {n} words')
        # ordinary-word warnings
        for tok in set(re.findall(r"[^\W\d_]+", q.lower())):
            ft = fold(tok)
            if ft in placewords:
                nums = placewords[ft]
                if not (nums & set(place.split('|'))) and f'"{tok}"' not in note.lower() and f'"{ft}"' not in note.lower():
                    warnings.append(f'{where}: token "{tok}" is a place ({",".join(sorted(nums))}) not expected and not noted')
        st['queries'] += 1
        st['crisis_yes'] += crisis == 'yes'
        st['place_given'] += place not in ('-', '?')
        st['nb_en'] += lang in NB_EN
        st['translit'] += 'translit' in note
        st['short'] += n <= 5
        st['medium'] += 5 < n <= 20
        st['long'] += n > 20
        langs[lang] += 1
    if not has_header: errors.append(f'{cls}.tsv: no # description at the top')
    st['languages'] = len([l for l in langs if l not in NB_EN])
    stats[cls + '/langs'] = langs
    if st['queries'] < MINIMUM[cls]:
        errors.append(f'{cls}: {st["queries"]} queries, need {MINIMUM[cls]}')
    share = st['nb_en'] / max(1, st['queries'])
    if cls in VOICES:
        if share > 0.25: errors.append(f'{cls}: {share:.0%} nb/nn/en (max 25%)')
        if st['languages'] < 12: errors.append(f'{cls}: only {st["languages"]} other languages (min 12)')
    if cls == 'crisis':
        if share > 0.20: errors.append(f'crisis: {share:.0%} nb/nn/en (max 20%)')
        if st['languages'] < 30: errors.append(f'crisis: only {st["languages"]} other languages (min 30)')
    if cls == 'calm_lookalikes' and share > 1/3:
        errors.append(f'calm_lookalikes: {share:.0%} nb/nn/en (max 1/3)')

total = sum(stats[c]['queries'] for c in CLASSES if c in stats)
if total < 500: errors.append(f'total {total} < 500')
for t in sorted(topics):
    if topic_voice[t] < 10: errors.append(f'topic {t} expected only {topic_voice[t]} times in voice classes (min 10)')

print(f'{"class":36} {"n":>4} {"yes":>4} {"place":>5} {"nb/en":>5} {"langs":>5} {"trl":>4} {"short":>5} {"med":>4} {"long":>4}')
for c in CLASSES:
    if c not in stats: continue
    s = stats[c]
    print(f'{c:36} {s["queries"]:4} {s["crisis_yes"]:4} {s["place_given"]:5} {s["nb_en"]:5} {s["languages"]:5} '
          f'{s["translit"]:4} {s["short"]:5} {s["medium"]:4} {s["long"]:4}')
print(f'total {total}; place given {sum(stats[c]["place_given"] for c in CLASSES if c in stats)}')
print('topics expected in voice classes:', ', '.join(f'{t} {topic_voice[t]}' for t in sorted(topics)))
if '-v' in sys.argv:
    for c in CLASSES:
        if c + '/langs' in stats:
            print(c, dict(sorted(stats[c + '/langs'].items())))
for w in warnings: print('WARN', w)
for e in errors: print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
