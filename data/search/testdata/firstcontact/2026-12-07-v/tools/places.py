#!/usr/bin/env python3
"""Place index over the allowed data files, plus a flagger for query files.

Usage:
  places.py find NAME...        exact/folded lookup of names (and postcodes)
  places.py grep SUBSTR         substring search over all names
  places.py flag FILE.tsv...    flag every word, word pair and triple in queries that matches a name
  places.py muni NNNN...        show municipality numbers
"""
import json, re, sys, unicodedata, difflib
D = '/work/main/data/'
def load(n): return json.load(open(D + n + '.json', encoding='utf-8'))
MUN = load('municipalities'); FORMER = load('former_municipalities'); PC = load('postcodes')
DIST = load('districts'); REG = load('regions'); CTY = load('counties'); TER = load('territories')
MNAME = {m['number']: m['name'] for m in MUN}
CNAME = {c['number']: c['name'] for c in CTY}

def fold(s):
    s = s.lower().replace('æ', 'ae').replace('ø', 'o').replace('å', 'a').replace('ä', 'a').replace('ö', 'o')
    s = ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
    return s

INDEX = {}   # lower name -> list of (kind, target)
def add(name, kind, target):
    INDEX.setdefault(name.lower(), []).append((kind, target))
for m in MUN:
    add(m['name'], 'municipality', m['number'])
    add(m['official_name'], 'municipality(official)', m['number'])
    for n in m['names']: add(n['name'], 'municipality:' + n['language'], m['number'])
    if m.get('admin_centre'): add(m['admin_centre'], 'admin_centre', m['number'])
for f in FORMER:
    add(f['name'], 'former(%s,%s)' % (f['number'], f['period']), '/'.join(f['successors']))
for p in PC:
    add(p['place'], 'postal_place', p['municipality'])
for d in DIST:
    add(d['name'], 'district:' + d['kind'], d['municipality'])
    for a in d.get('alt_names', []): add(a, 'district:' + d['kind'], d['municipality'])
for r in REG:
    add(r['name'], 'region:' + r['kind'], '%d munis' % len(r['municipalities']))
    for a in r.get('alt_names', []): add(a, 'region:' + r['kind'], '%d munis' % len(r['municipalities']))
for c in CTY:
    for n in c['names']: add(n['name'], 'county', c['number'])
    add(c['official_name'], 'county', c['number'])
for t in TER: add(t['name'], 'territory', t['number'])
FINDEX = {}
for k, v in INDEX.items(): FINDEX.setdefault(fold(k), []).extend(v)
PCODE = {p['code']: p for p in PC}

def show(hits):
    out = []
    seen = set()
    for kind, tgt in hits:
        key = (kind, tgt)
        if key in seen: continue
        seen.add(key)
        if tgt in MNAME: out.append('%s→%s %s' % (kind, tgt, MNAME[tgt]))
        elif '/' in tgt: out.append('%s→%s' % (kind, ','.join(t + ' ' + MNAME.get(t, '?') for t in tgt.split('/'))))
        else: out.append('%s→%s' % (kind, tgt))
    # collapse many postal places
    return '; '.join(out)

def lookup(name):
    n = name.lower()
    res = []
    if re.fullmatch(r'\d{4}', n) and n in PCODE:
        p = PCODE[n]; res.append('POSTCODE %s %s → %s %s' % (p['code'], p['place'], p['municipality'], MNAME.get(p['municipality'])))
    if n in INDEX: res.append('EXACT ' + show(INDEX[n]))
    elif fold(n) in FINDEX: res.append('FOLDED ' + show(FINDEX[fold(n)]))
    return res

WORD = re.compile(r"[\wæøåÆØÅ'.\-]+", re.U)
def tokens(q):
    toks = [t.strip(".'-") for t in WORD.findall(q)]
    return [t for t in toks if t]

def flag_query(q):
    toks = tokens(q)
    hits = []
    for n in (3, 2, 1):
        for i in range(len(toks) - n + 1):
            w = ' '.join(toks[i:i + n])
            r = lookup(w)
            if r: hits.append((w, r))
    # hyphenated compounds split
    return hits

def main():
    cmd = sys.argv[1]
    if cmd == 'find':
        for a in sys.argv[2:]:
            r = lookup(a)
            print(a, '=>', r if r else 'NOTHING', end='')
            if not r:
                close = difflib.get_close_matches(a.lower(), list(INDEX.keys()), n=6, cutoff=0.75)
                print('  close:', close, end='')
            print()
    elif cmd == 'grep':
        s = sys.argv[2].lower()
        for k in sorted(INDEX):
            if s in k or fold(s) in fold(k): print(k, '=>', show(INDEX[k]))
    elif cmd == 'muni':
        for a in sys.argv[2:]:
            m = [x for x in MUN if x['number'] == a]
            print(a, m[0]['name'], m[0]['official_name'], CNAME.get(m[0]['county']) if m else 'NONE')
    elif cmd == 'flag':
        for fn in sys.argv[2:]:
            for ln, line in enumerate(open(fn, encoding='utf-8'), 1):
                if line.startswith('#') or not line.strip(): continue
                f = line.rstrip('\n').split('\t')
                q = f[1]
                hits = flag_query(q)
                print('%s:%d [place=%s] %s' % (fn.split('/')[-1], ln, f[2] if len(f) > 2 else '', q[:110]))
                for w, r in hits: print('     %-22s %s' % (w, ' | '.join(r))[:400])
if __name__ == '__main__': main()
