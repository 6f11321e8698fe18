#!/usr/bin/env python3
"""Build the .tsv files of the set from tools/src/*.txt (fields separated by ' ¦ ')."""
import glob, os
SRC = os.path.join(os.path.dirname(__file__), 'src')
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for fn in sorted(glob.glob(SRC + '/*.txt')):
    cls = os.path.basename(fn)[:-4]
    out = []
    for ln, line in enumerate(open(fn, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip():
            continue
        if line.startswith('#'):
            out.append(line); continue
        parts = [p.strip() for p in line.split(' ¦ ')]
        if len(parts) != 5:
            raise SystemExit('%s:%d: %d parts: %s' % (fn, ln, len(parts), line[:80]))
        q, place, topics, crisis, note = parts
        for p in parts:
            assert '\t' not in p
        out.append('\t'.join([cls, q, place, topics, crisis, note]))
    open(os.path.join(OUT, cls + '.tsv'), 'w', encoding='utf-8').write('\n'.join(out) + '\n')
    print(cls, sum(1 for l in out if not l.startswith('#')))
