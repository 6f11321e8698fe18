#!/usr/bin/env python3
"""Build the <class>.tsv files of this set from src/<class>.txt (fields separated by ' ¦ ')."""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, 'src')
for fn in sorted(os.listdir(SRC)):
    if not fn.endswith('.txt'):
        continue
    cls = fn[:-4]
    out = []
    for i, line in enumerate(open(os.path.join(SRC, fn), encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip():
            continue
        if line.startswith('#'):
            out.append(line)
            continue
        parts = [p.strip() for p in line.split(' ¦ ')]
        if len(parts) != 5:
            sys.exit(f'{fn}:{i}: expected 5 fields, got {len(parts)}: {line}')
        q, place, topics, crisis, note = parts
        for p in parts:
            if '\t' in p:
                sys.exit(f'{fn}:{i}: tab inside a field')
        out.append('\t'.join([cls, q, place, topics, crisis, note]))
    with open(os.path.join(HERE, cls + '.tsv'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')
    print(cls, sum(1 for l in out if not l.startswith('#')))
