#!/usr/bin/env python3
"""Validates first-contact set 2026-12-07-y. Run from this folder: python3 check.py"""
import json, os, re, sys, glob, collections

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/main/data/'
MUN = {m['number']: m['name'] for m in json.load(open(DATA + 'municipalities.json'))}
TOPICS = {t['id'] for t in json.load(open(DATA + 'topics.json'))}
VOICES = ['stopping_harm', 'national_minorities', 'group_starters', 'returning_home',
          'young_parents', 'out_of_work', 'visible_difference', 'asylum_waiting']
MIN = dict({v: 36 for v in VOICES}, crisis=170, calm_lookalikes=65)
# words that name a topic by its word (a line marked [described] must not use them for an expected topic)
NAMED = {
    'paa-tvers': r'mixed group|selvhjelpsgrupp|sjølvhjelpsgrupp|samtalegrupp|psykisk helse|mental health|blandet gruppe|support group|peer support|self.help',
    'angst': r'angst|anxiety|anxious|panikk|panic|fobi|phobia|ptsd',
    'depresjon': r'depres|deprimert|depressed',
    'sorg': r'sorg|grief|griev|bereave|etterlatt|etterlatne',
    'ensomhet': r'ensom|einsam|einsemd|lonel|isolasjon|isolert|isolat|utenforskap',
    'samlivsbrudd': r'samlivsbr|skilsmiss|skilt|skille|skilles|divorc|separasjon|separat|breakup|brudd',
    'parorende': r'pårørend|parorend|pårørand|demens|dement|alzheimer|carer|caregiver|next of kin',
    'rus': r'rus|alkohol|alcohol|avhengig|addict|narkotika|narkoman',
    'spiseforstyrrelser': r'spiseforstyrr|eteforstyrr|eating disorder|anoreksi|bulimi|anorexi',
    'kreft': r'kreft|cancer|leukemi|leukaemi|lymfom|lymphom',
    'kronisk-sykdom': r'kronisk|chronic|diabetes|psoriasis|fibromyalgi|\bme\b|\bms\b',
    'trafikkskade': r'trafikkskad|trafikkulyk|trafikkulukk',
    'arbeid': r'arbeidsledig|arbeidsløs|arbeidsliv|unemploy|sykmeld|sykemeld|sjukmeld|langtidssyk|utbrent|burnout|permitt|uføretryg|\bnav\b|\baap\b|ledig',
    'livskriser': r'livskris|life crisis|sinne|sinna|anger|vold(?!a\b)|violen|selvbilde|mobb|stress|vanskelige følelser',
    'livsstilsendring': r'overvekt|overweight|livsstil|lifestyle|fedme|obes',
}
LANG_NO = ('nb', 'nn', 'nb-dialect')

def words(q):
    return len(q.split())

def main():
    errors = []
    seen = {}
    stats = collections.OrderedDict()
    topic_count = collections.Counter()
    with_topic = described = 0
    lens = collections.Counter()
    place_lines = total = 0
    crisis_langs = collections.Counter()
    per_class_topics = collections.defaultdict(collections.Counter)
    per_class_desc = collections.defaultdict(lambda: [0, 0])
    files = sorted(glob.glob(os.path.join(HERE, '*.tsv')))
    classes = [os.path.basename(f)[:-4] for f in files]
    for need in MIN:
        if need not in classes:
            errors.append(f'missing class file {need}.tsv')
    for f in files:
        cls = os.path.basename(f)[:-4]
        st = stats.setdefault(cls, collections.Counter())
        for n, line in enumerate(open(f, encoding='utf-8'), 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            where = f'{cls}.tsv:{n}'
            cols = line.split('\t')
            if len(cols) != 6:
                errors.append(f'{where}: {len(cols)} fields'); continue
            c, q, place, topics, crisis, note = cols
            if c != cls:
                errors.append(f'{where}: class {c!r} != file name')
            if not q.strip() or q != q.strip():
                errors.append(f'{where}: empty or padded query')
            if q in seen:
                errors.append(f'{where}: duplicate query (also {seen[q]})')
            seen[q] = where
            # place
            if place != '?':
                alts = place.split('|')
                for a in alts:
                    if a == '-':
                        continue
                    if not re.fullmatch(r'\d{4}', a) or a not in MUN:
                        errors.append(f'{where}: bad municipality {a!r}')
                if len(set(alts)) != len(alts):
                    errors.append(f'{where}: repeated alternative in place')
            nums = [a for a in place.split('|') if a not in ('-', '?')]
            if nums or place == '?':
                if not re.search(r'place|region', note):
                    errors.append(f'{where}: place given but the note names no lookup')
            for typed, names in re.findall(r'(?<![\w(])place: ([^→;]+)→([^;(]+)', note):
                for nm in names.strip().split('|'):
                    if nm not in {MUN[x] for x in nums}:
                        errors.append(f'{where}: note says {typed}→{nm} but place is {place}')
            if nums or place == '?':
                place_lines += 1
            total += 1
            # topics
            if topics not in ('?', '-'):
                ids = topics.split(',')
                for t in ids:
                    if t not in TOPICS:
                        errors.append(f'{where}: unknown topic {t!r}')
                if len(set(ids)) != len(ids):
                    errors.append(f'{where}: repeated topic')
                topic_count.update(ids)
                per_class_topics[cls].update(ids)
                per_class_desc[cls][1] += 1
                per_class_desc[cls][0] += note.startswith('[described]')
                with_topic += 1
                if note.startswith('[described]'):
                    described += 1
                    ql = q.lower()
                    for t in ids:
                        m = re.search(r'(?<!\w)(?:' + NAMED.get(t, 'x^') + ')', ql)
                        if m:
                            errors.append(f'{where}: marked described but names {t} ({m.group(0)!r})')
                elif not note.startswith('[named]'):
                    errors.append(f'{where}: topic line without [described]/[named]')
            elif note.startswith('[described]') or note.startswith('[named]'):
                errors.append(f'{where}: [described]/[named] on a line without topics')
            # crisis
            if crisis not in ('yes', 'no'):
                errors.append(f'{where}: crisis {crisis!r}')
            if cls == 'crisis' and crisis != 'yes':
                errors.append(f'{where}: crisis class must be yes')
            if cls == 'calm_lookalikes' and crisis != 'no':
                errors.append(f'{where}: calm_lookalikes must be no')
            if cls == 'crisis':
                m = re.search(r'lang:([\w()-]+); voice:[^;]+; cat:(\w+)', note)
                if not m:
                    errors.append(f'{where}: crisis note needs lang/voice/cat')
                else:
                    crisis_langs[m.group(1).split('(')[0]] += 1
            w = words(q)
            if w > 80:
                errors.append(f'{where}: {w} words (> 80)')
            lens['1-5' if w <= 5 else '6-24' if w <= 24 else '25-80'] += 1
            st['queries'] += 1
            st['crisis yes'] += crisis == 'yes'
            st['place given'] += bool(nums) or place == '?'
    for cls, need in MIN.items():
        if stats.get(cls, {}).get('queries', 0) < need:
            errors.append(f'{cls}: {stats.get(cls, {}).get("queries", 0)} queries, need {need}')
    if total < 500:
        errors.append(f'only {total} queries in total')
    for t in sorted(TOPICS):
        if topic_count[t] < 20:
            errors.append(f'topic {t} expected {topic_count[t]} times (< 20)')
    if described * 3 < with_topic * 2:
        errors.append(f'described {described}/{with_topic} < 2/3')
    no = sum(v for k, v in crisis_langs.items() if k.startswith(LANG_NO))
    other = [k for k in crisis_langs if not k.startswith(LANG_NO) and k != 'en']
    ncr = sum(crisis_langs.values())
    if no * 3 < ncr:
        errors.append(f'crisis: Norwegian {no}/{ncr} < 1/3')
    if len(other) < 20:
        errors.append(f'crisis: only {len(other)} other languages')
    if not 0.40 <= place_lines / total <= 0.60:
        errors.append(f'place share {place_lines}/{total} not about half')
    for b in ('1-5', '6-24', '25-80'):
        if not 0.27 <= lens[b] / total <= 0.45:
            errors.append(f'length bin {b}: {lens[b]} of {total}, not about a third')
    for v in VOICES:
        if len(per_class_topics[v]) < 15:
            errors.append(f'{v}: only {len(per_class_topics[v])} topics expected, spread over all 15 wanted')

    print(f'{"class":22} {"queries":>7} {"crisis yes":>10} {"place given":>11}')
    for cls, st in stats.items():
        print(f'{cls:22} {st["queries"]:7} {st["crisis yes"]:10} {st["place given"]:11}')
    print(f'{"total":22} {total:7} {sum(s["crisis yes"] for s in stats.values()):10} {place_lines:11}')
    print('topics expected:', ', '.join(f'{t} {topic_count[t]}' for t in sorted(TOPICS)))
    for cls in stats:
        d, n = per_class_desc[cls]
        print(f'  {cls:22} topics {len(per_class_topics[cls]):2}/15, described {d}/{n}')
    print(f'lines expecting a topic: {with_topic}, described {described} ({described / max(with_topic, 1):.0%})')
    print('lengths (words):', dict(lens))
    print(f'crisis languages: {len(crisis_langs)} (Norwegian {no}/{ncr}, English {crisis_langs["en"]}, other {len(other)}):',
          ' '.join(f'{k}:{v}' for k, v in crisis_langs.most_common()))
    if errors:
        print(f'\n{len(errors)} ERROR(S):')
        for e in errors:
            print(' ', e)
        sys.exit(1)
    print('OK')

if __name__ == '__main__':
    main()
