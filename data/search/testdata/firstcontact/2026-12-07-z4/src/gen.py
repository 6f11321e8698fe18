#!/usr/bin/env python3
"""Generate the .tsv files from src/*.txt (query | place | topics | note [| yes])."""
import glob, os
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
classes = {}
order = []
for fn in sorted(glob.glob(os.path.join(HERE, '*.txt'))):
    cur = None
    for raw in open(fn, encoding='utf-8'):
        line = raw.rstrip('\n')
        if not line.strip():
            continue
        if line.startswith('@'):
            cur = line[1:].strip(); classes[cur] = {'comments': [], 'rows': []}; order.append(cur); continue
        if line.startswith('#'):
            classes[cur]['comments'].append(line); continue
        parts = line.split(' | ')
        assert len(parts) in (4, 5), (fn, line)
        q, place, topics, note = [p.strip() for p in parts[:4]]
        crisis = 'no'
        if len(parts) == 5:
            assert parts[4].strip() == 'yes', line
            crisis = 'yes'
        if cur == 'crisis':
            crisis = 'yes'
        classes[cur]['rows'].append((cur, q, place, topics, crisis, note))
for c in order:
    with open(os.path.join(OUT, c + '.tsv'), 'w', encoding='utf-8') as f:
        for cm in classes[c]['comments']:
            f.write(cm + '\n')
        for r in classes[c]['rows']:
            assert all('\t' not in x for x in r)
            f.write('\t'.join(r) + '\n')
    print(c, len(classes[c]['rows']))
