#!/usr/bin/env python3
"""Builds <class>.tsv from src/<class>.txt (query ¦ place ¦ topics ¦ note [¦ yes|no])."""
import pathlib
here = pathlib.Path(__file__).parent
for src in sorted((here / 'src').glob('*.txt')):
    cls = src.stem
    out = []
    for raw in src.read_text(encoding='utf-8').splitlines():
        if not raw.strip():
            continue
        if raw.startswith('#'):
            out.append(raw)
            continue
        parts = [p.strip() for p in raw.split('¦')]
        if len(parts) == 4:
            crisis = 'yes' if cls == 'crisis' else 'no'
        elif len(parts) == 5:
            crisis = parts.pop()
        else:
            raise SystemExit(f'{src.name}: bad line: {raw}')
        q, place, topics, note = parts
        for f in (q, place, topics, note):
            assert '\t' not in f
        out.append('\t'.join([cls, q, place, topics, crisis, note]))
    (here / f'{cls}.tsv').write_text('\n'.join(out) + '\n', encoding='utf-8')
    print('wrote', cls)
