#!/usr/bin/env python3
"""Build <class>.tsv from src/<class>.txt (fields separated by ' || ')."""
import sys, os, glob
os.chdir(os.path.dirname(os.path.abspath(__file__)))
for src in sorted(glob.glob('src/*.txt')):
    cls = os.path.basename(src)[:-4]
    out = []
    for n, line in enumerate(open(src, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip():
            continue
        if line.startswith('#'):
            out.append(line)
            continue
        f = [x.strip() for x in line.split(' || ')]
        if len(f) != 5:
            sys.exit('%s:%d: %d fields: %s' % (src, n, len(f), line))
        if any('\t' in x for x in f):
            sys.exit('%s:%d: tab inside' % (src, n))
        out.append('\t'.join([cls] + f))
    open(cls + '.tsv', 'w', encoding='utf-8').write('\n'.join(out) + '\n')
    print(cls, sum(1 for l in out if not l.startswith('#')))
