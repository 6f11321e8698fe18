"""Generates the <class>.tsv files of set 2026-12-07-y from the hand-written source in src_*.py.
Place specs: '-' none | '?' any | 'T:typed' place as typed (looked up in the data) |
'P:typed' a place the writer used to live in / comes from (-|NNNN) | 'R:typed' region/county (?) |
'A:typed' a place abroad (-). Several specs joined with ';' (the first T: wins).
Mark: D = topic described in everyday words, N = named by its word; '' when topics are ?/-."""
import re, sys, importlib
import places as P

def resolve(typed):
    hits = sorted({n for n, k in P.lk(typed) if n in P.MUN})
    muni = sorted({n for n, k in P.lk(typed) if n in P.MUN and k.startswith('municipality')})
    if muni:
        hits = muni   # a municipality's own name wins over a postal place of the same name elsewhere
    if not hits:
        sys.exit(f'place not found in data: {typed!r}')
    return hits

def kinds(typed):
    ks = {k.split('/')[0] for n, k in P.lk(typed)}
    hits = P.lk(typed)
    if any(k.startswith('municipality/') and k != 'municipality/nb' for n, k in hits):
        return 'parallel name'
    for k in ('municipality', 'district', 'postcode', 'postal_place', 'former'):
        if k in ks:
            return {'postal_place': 'postal place', 'former': 'former municipality'}.get(k, k)
    return '/'.join(sorted(ks))

TOKRE = re.compile(r"[\wæøåÆØÅ'-]+", re.U)
def place_words(query, used):
    """Words (1-3 grams) of the query that are place names in the data but not the place meant."""
    toks = [t.strip("'-") for t in TOKRE.findall(query)]
    toks = [t for t in toks if t]
    out = []
    usedl = {u.lower() for u in used}
    for n in (3, 2, 1):
        for i in range(len(toks) - n + 1):
            g = ' '.join(toks[i:i + n])
            gl = g.lower()
            if gl in usedl or any(gl in u.split() or gl in u for u in usedl):
                continue
            if any(gl in o.lower().split() for o in out):
                continue
            if P.lk(gl):
                out.append(g)
    return out

def build(cls, rows, default_crisis):
    lines = []
    seen = set()
    for r in rows:
        q, spec, topics, mark, note = r[:5]
        crisis = r[5] if len(r) > 5 else default_crisis
        assert '\t' not in q and '\n' not in q, q
        assert q not in seen, f'dup {q}'
        seen.add(q)
        parts = []
        place = None
        used = []
        for s in [x for x in spec.split(';') if x]:
            if s in ('-', '?'):
                place = place or s
                continue
            kind, typed = s.split(':', 1)
            used.append(typed)
            if kind == 'T':
                nums = resolve(typed)
                if place in (None, '-', '?') or place.startswith('-|'):
                    place = '|'.join(nums)
                parts.append(f'place: {typed}→' + '|'.join(P.munname(n) for n in nums) + f' ({kinds(typed)})')
            elif kind == 'P':
                nums = resolve(typed)
                if place is None:
                    place = '-|' + '|'.join(nums)
                parts.append(f'place (lived/comes from, not home now): {typed}→' + '|'.join(P.munname(n) for n in nums))
            elif kind == 'R':
                assert typed.lower() in P.REG, typed
                place = place or '?'
                parts.append(f'region: {typed} (any reading)')
            elif kind == 'X':
                typed, num = typed.split('=')
                used[-1] = typed
                assert num in P.MUN and not P.lk(typed), typed
                if place is None:
                    place = '-|' + num
                parts.append(f'place in another language, not in the data: {typed}→{P.munname(num)} (place or none)')
            elif kind == 'E':
                nums = resolve(typed)
                if place is None:
                    place = '-|' + '|'.join(nums)
                parts.append(f'place of someone/something else, not clearly home: {typed}→' + '|'.join(P.munname(n) for n in nums) + ' (place or none)')
            elif kind == 'O':
                nums = resolve(typed) if P.lk(typed) else []
                parts.append(f'other place mentioned, not where they live: {typed}' + ('→' + '|'.join(P.munname(n) for n in nums) if nums else ''))
            elif kind == 'A':
                place = place or '-'
                parts.append(f'abroad: {typed}')
            else:
                sys.exit('bad spec ' + s)
        if place is None:
            place = '-'
        head = []
        if topics not in ('?', '-'):
            assert mark in ('D', 'N'), (q, mark)
            head = ['[described]' if mark == 'D' else '[named]']
        else:
            assert mark == '', q
        for w in place_words(q, used):
            hits = P.lk(w)
            mn = sorted({P.munname(n) if n in P.MUN else n for n, k in hits})
            if w.isdigit():
                parts.append(f'number "{w}" is not meant as postcode {w} ({"/".join(mn)})')
            else:
                parts.append(f'ordinary word "{w.lower()}", not {"/".join(mn)} (municipality)')
        full = '; '.join(p for p in head + [note] + parts if p)
        lines.append('\t'.join([cls, q, place, topics, crisis, full]))
    return lines

if __name__ == '__main__':
    for name in sys.argv[1:]:
        mod = importlib.import_module('src_' + name)
        lines = build(name, mod.ROWS, mod.CRISIS)
        with open(f'{name}.tsv', 'w', encoding='utf-8') as f:
            f.write(''.join('# ' + h + '\n' for h in mod.HEADER))
            f.write('# class\tquery\tplace\ttopics\tcrisis\tnote\n')
            f.write('\n'.join(lines) + '\n')
        print(name, len(lines))
