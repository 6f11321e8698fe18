"""Place index built only from /work/main/data/*.json (allowed files)."""
import json, collections, re, unicodedata
D = '/work/main/data/'
def load(n): return json.load(open(D + n + '.json'))
MUN = {m['number']: m for m in load('municipalities')}
IDX = collections.defaultdict(set)   # lower name -> set of (municipality, kind)
def add(name, num, kind):
    IDX[name.lower()].add((num, kind))
for m in MUN.values():
    add(m['name'], m['number'], 'municipality')
    for n in m.get('names', []): add(n['name'], m['number'], 'municipality/' + n.get('language', ''))
for p in load('postcodes'):
    add(p['place'], p['municipality'], 'postal_place')
    add(p['code'], p['municipality'], 'postcode')
for d in load('districts'):
    add(d['name'], d['municipality'], 'district')
    for a in d.get('alt_names', []): add(a, d['municipality'], 'district')
for f in load('former_municipalities'):
    for s in f['successors']:
        add(f['name'], s, 'former')
REG = {}
for r in load('regions'):
    REG[r['name'].lower()] = r
    for a in r.get('alt_names', []): REG[a.lower()] = r
for c in load('counties'):
    REG.setdefault(c['name'].lower(), c)
def lk(name):
    return sorted(IDX.get(name.lower(), set()))
def munname(num): return MUN[num]['name']
if __name__ == '__main__':
    import sys
    for a in sys.argv[1:]:
        r = lk(a)
        print(a, '->', [(n, munname(n) if n in MUN else n, k) for n, k in r], '| region' if a.lower() in REG else '')
