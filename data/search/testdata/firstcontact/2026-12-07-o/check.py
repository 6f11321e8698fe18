#!/usr/bin/env python3
"""Check the set: 6 tab-separated fields, places exist in municipalities.json, topics exist in topics.json.
Also: `python3 check.py look WORD...` prints what a place word is in the data files (lookup aid)."""
import json, sys, os, glob, collections
D = '/work/main/data'
mun = {m['number']: m for m in json.load(open(f'{D}/municipalities.json'))}
topics = {t['id'] for t in json.load(open(f'{D}/topics.json'))}

def look(q):
    pc = json.load(open(f'{D}/postcodes.json'))
    dist = json.load(open(f'{D}/districts.json'))
    fm = json.load(open(f'{D}/former_municipalities.json'))
    reg = json.load(open(f'{D}/regions.json'))
    cnt = json.load(open(f'{D}/counties.json'))
    ql = q.lower(); out = []
    for n, m in mun.items():
        if ql == m['name'].lower() or any(ql == x['name'].lower() for x in m['names']):
            out.append(('municipality', n, m['name']))
    s = collections.defaultdict(list)
    for p in pc:
        if p['place'].lower() == ql or p['code'] == q:
            s[(p['municipality'], mun[p['municipality']]['name'], p['place'])].append(p['code'])
    for k, v in s.items(): out.append(('postcode', k, v[:5]))
    for d in dist:
        if d['name'].lower() == ql or any(a.lower() == ql for a in d.get('alt_names', [])):
            out.append(('district', d['municipality'], d['kind']))
    for f in fm:
        if f['name'].lower() == ql: out.append(('former', f['number'], f['successors'], f['period']))
    for r in reg:
        if r['name'].lower() == ql or any(a.lower() == ql for a in r.get('alt_names', [])):
            out.append(('region', r['kind'], len(r['municipalities'])))
    for c in cnt:
        if c['name'].lower() == ql: out.append(('county', c['number']))
    return out

def check():
    here = os.path.dirname(os.path.abspath(__file__))
    bad = 0; stats = {}
    for fn in sorted(glob.glob(os.path.join(here, '*.tsv'))):
        cls = os.path.basename(fn)[:-4]; n = y = pl = 0
        for i, line in enumerate(open(fn, encoding='utf-8'), 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'): continue
            f = line.split('\t')
            def err(msg):
                nonlocal bad; bad += 1; print(f'{fn}:{i}: {msg}: {line[:90]}')
            if len(f) != 6: err(f'{len(f)} fields'); continue
            c, q, place, tops, crisis, note = f
            if c != cls: err('class differs from file name')
            if not q.strip(): err('empty query')
            if crisis not in ('yes', 'no'): err('crisis not yes/no')
            if place not in ('-', '?'):
                for p in place.split('|'):
                    if p != '-' and p not in mun: err(f'unknown place {p}')
            if tops not in ('-', '?'):
                for t in tops.split(','):
                    if t not in topics: err(f'unknown topic {t}')
            if not note.strip(): err('empty note')
            n += 1; y += crisis == 'yes'; pl += any(p not in '-?' for p in place.split('|'))
        stats[cls] = (n, y, pl)
    tot = [0, 0, 0]
    for k, v in stats.items():
        print(f'{k:35s} {v[0]:4d} queries {v[1]:4d} crisis {v[2]:4d} placed')
        tot = [a + b for a, b in zip(tot, v)]
    print(f'{"TOTAL":35s} {tot[0]:4d} queries {tot[1]:4d} crisis {tot[2]:4d} placed')
    # duplicates
    seen = collections.Counter()
    for fn in glob.glob(os.path.join(here, '*.tsv')):
        for line in open(fn, encoding='utf-8'):
            if line.startswith('#') or not line.strip(): continue
            seen[line.split('\t')[1].strip().lower()] += 1
    for q, c in seen.items():
        if c > 1: bad += 1; print('duplicate query:', q)
    print('errors:', bad)
    return bad

if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[1] == 'look':
        for w in sys.argv[2:]: print(w, look(w))
    else:
        sys.exit(1 if check() else 0)
