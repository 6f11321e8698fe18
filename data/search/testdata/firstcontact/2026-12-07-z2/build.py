#!/usr/bin/env python3
"""Build <class>.tsv from src/<class>.txt (fields separated by ' ¦ '; '#' lines are kept as comments)."""
import pathlib, sys
here = pathlib.Path(__file__).parent
for src in sorted((here / 'src').glob('*.txt')):
    cls = src.stem
    out = []
    for n, line in enumerate(src.read_text(encoding='utf-8').splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith('#'):
            out.append(line)
            continue
        parts = [p.strip() for p in line.split('¦')]
        if len(parts) != 5:
            sys.exit(f'{src.name}:{n}: expected 5 fields, got {len(parts)}: {line[:80]}')
        q, place, topics, crisis, note = parts
        out.append('\t'.join([cls, q, place, topics, crisis, note]))
    (here / f'{cls}.tsv').write_text('\n'.join(out) + '\n', encoding='utf-8')
    print(cls, sum(1 for l in out if not l.startswith('#')))
