#!/usr/bin/env python3
"""Lookup helper for set-u. Reads only the allowed data files.
usage: lookup.py find TEXT        - names containing TEXT (case-insensitive)
       lookup.py exact NAME       - exact name hits
       lookup.py code NNNN        - postcode or municipality number
       lookup.py flag FILE...     - flag every word, word pair and triple in queries that is a name in the data
"""
import json, sys, re, unicodedata
D = '/work/main/data/'
def L(f): return json.load(open(D + f))
muni = {m['number']: m for m in L('municipalities.json')}
idx = {}  # lower name -> list of (kind, info)
def add(name, kind, info):
    if not name: return
    idx.setdefault(name.lower(), []).append((kind, info))
for m in muni.values():
    add(m['name'], 'municipality', m['number'])
    add(m.get('official_name'), 'municipality(official)', m['number'])
    for n in m.get('names', []): add(n['name'], 'municipality(%s)' % n['language'], m['number'])
    add(m.get('admin_centre'), 'admin_centre', m['number'])
for f in L('former_municipalities.json'):
    add(f['name'], 'former(%s,%s)' % (f['number'], f['period']), '|'.join(f['successors']))
pcs = L('postcodes.json')
pcode = {p['code']: p for p in pcs}
for p in pcs:
    add(p['place'], 'postal_place', p['municipality'])
for d in L('districts.json'):
    add(d['name'], 'district/' + d['kind'], d['municipality'])
    for a in d.get('alt_names') or []: add(a, 'district/' + d['kind'], d['municipality'])
for r in L('regions.json'):
    add(r['name'], 'region/' + r['kind'], '%d munis' % len(r['municipalities']))
    for a in r.get('alt_names') or []: add(a, 'region/' + r['kind'], '%d munis' % len(r['municipalities']))
for c in L('counties.json'):
    for n in c['names']: add(n['name'], 'county', c['number'])
for t in L('territories.json'):
    add(t['name'], 'territory', t['number'])

def fmt(hits):
    out = {}
    for k, v in hits:
        for num in v.split('|'):
            nm = muni[num]['name'] if num in muni else v
            out.setdefault((k, num, nm), 0)
            out[(k, num, nm)] += 1
    return '; '.join('%s %s %s%s' % (k, n, nm, ' x%d' % c if c > 1 else '') for (k, n, nm), c in out.items())

def fold(s):
    return s.lower().replace('æ', 'ae').replace('ø', 'o').replace('å', 'aa')

fidx = {}
for k, v in idx.items():
    fidx.setdefault(fold(k), set()).add(k)
    fidx.setdefault(''.join(c for c in unicodedata.normalize('NFD', k) if not unicodedata.combining(c)).replace('ø','o').replace('æ','ae'), set()).add(k)

def flag_query(q):
    res = []
    toks = re.findall(r"[\w\.\-']+", q.lower())
    toks = [t.strip(".-'") for t in toks]
    for n in (1, 2, 3):
        for i in range(len(toks) - n + 1):
            w = ' '.join(toks[i:i + n])
            if not w: continue
            if w in idx:
                res.append('%r: %s' % (w, fmt(idx[w])))
            elif w in fidx:
                for k in fidx[w]:
                    res.append('%r~%r: %s' % (w, k, fmt(idx[k])))
            # strip common suffixes for inflected forms
            for suf in ('s', 'a', 'en', 'et', 'e', 'ingen', 'ing', 'ene'):
                if n == 1 and w.endswith(suf) and w[:-len(suf)] in idx and len(w) > len(suf) + 2:
                    res.append('%r(-%s): %s' % (w, suf, fmt(idx[w[:-len(suf)]])))
    for c in re.findall(r'\b\d{4}\b', q):
        if c in pcode:
            p = pcode[c]
            res.append('postcode %s: %s %s %s' % (c, p['place'], p['municipality'], muni[p['municipality']]['name']))
        else:
            res.append('4-digit %s: NOT a postcode' % c)
    return res

if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'find':
        t = sys.argv[2].lower()
        for k in sorted(idx):
            if t in k or t in fold(k): print(k, '=>', fmt(idx[k]))
    elif cmd == 'exact':
        for a in sys.argv[2:]:
            print(a, '=>', fmt(idx.get(a.lower(), [])) or 'NONE')
    elif cmd == 'code':
        for c in sys.argv[2:]:
            if c in pcode: print('postcode', pcode[c])
            if c in muni: print('muni', c, muni[c]['name'], muni[c]['county'])
    elif cmd == 'flag':
        for f in sys.argv[2:]:
            for ln, line in enumerate(open(f, encoding='utf-8'), 1):
                if line.startswith('#') or not line.strip(): continue
                parts = line.rstrip('\n').split('\t')
                q = parts[1] if len(parts) > 1 else line
                hits = flag_query(q)
                print('%s:%d [%s] %s' % (f.split('/')[-1], ln, parts[2] if len(parts) > 2 else '', q))
                for h in hits: print('    ', h)
