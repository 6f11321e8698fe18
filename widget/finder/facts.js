// The kind of a contact point and its practical facts on a card (issue 20):
// one line a citizen reads on a 390 px phone, only what the record states.
import { filter, map } from './builtins.js';
import { h } from './dom.js';

// What a kind of contact point is, and the practical facts, in words a
// citizen understands. Northern Sami has none yet (no one has checked a Sami
// text): the bokmål words are shown marked lang="nb", as for other texts.
const FACTS = {
  nb: { kind: { national_office: 'Nasjonalt kontor', foundation: 'Stiftelse', district_office: 'Distriktskontor', centre: 'Selvhjelpssenter',
    local: 'Kontaktpunkt for selvhjelpsgrupper', peer_group: 'Selvhjelps- eller likepersongruppe', organisation: 'Organisasjon med likepersongrupper',
    led_group: 'Samtalegruppe med leder', drop_in: 'Åpent treff', relatives_centre: 'Pårørendesenter, ansatte leder gruppene', meeting_directory: 'Møter over hele landet' },
  when: 'Når', age: 'Alder', free: 'Gratis', online: 'På nett', in_person: 'Oppmøte', both: 'På nett eller oppmøte', join: 'Slik blir du med' },
  nn: { kind: { national_office: 'Nasjonalt kontor', foundation: 'Stifting', district_office: 'Distriktskontor', centre: 'Sjølvhjelpssenter',
    local: 'Kontaktpunkt for sjølvhjelpsgrupper', peer_group: 'Sjølvhjelps- eller likepersongruppe', organisation: 'Organisasjon med likepersongrupper',
    led_group: 'Samtalegruppe med leiar', drop_in: 'Ope treff', relatives_centre: 'Pårørandesenter, tilsette leier gruppene', meeting_directory: 'Møte over heile landet' },
  when: 'Når', age: 'Alder', free: 'Gratis', online: 'På nett', in_person: 'Oppmøte', both: 'På nett eller oppmøte', join: 'Slik blir du med' },
  en: { kind: { national_office: 'National office', foundation: 'Foundation', district_office: 'District office', centre: 'Self-help centre',
    local: 'Contact point for self-help groups', peer_group: 'Self-help or peer group', organisation: 'Organisation with peer groups',
    led_group: 'Group with a leader', drop_in: 'Drop-in meeting place', relatives_centre: 'Centre for relatives, groups led by staff', meeting_directory: 'Meetings all over the country' },
  when: 'When', age: 'Age', free: 'Free', online: 'Online', in_person: 'In person', both: 'Online or in person', join: 'How to join' },
};

// cardFacts is a card's kind and its practical facts on one line (when,
// age, cost, online), then how to join and a current notice: only what the
// record states. Free text from the data is bokmål, marked so elsewhere.
export function cardFacts(c, lang) {
  const t = FACTS[lang], f = t || FACTS.nb, mark = (x) => (lang === 'nb' ? x : h('span', { lang: 'nb' }, x));
  const word = (k) => (t ? f[k] : h('span', { lang: 'nb' }, f[k]));
  const kind = f.kind[c.kind];
  const age = c.min_age ? c.min_age + '+' : c.age_note && mark(c.age_note);
  const line = filter([
    c.schedule && [word('when'), ': ', mark(c.schedule)],
    age && [word('age'), ' ', age],
    c.free ? word('free') : c.cost && mark(c.cost),
    f[c.attendance] && word(c.attendance),
  ], Boolean);
  const notice = c.notice && !(c.notice_until && c.notice_until < new Date().toISOString().slice(0, 10)) && c.notice;
  return [
    kind && h('p', { class: 'kind' }, t ? kind : h('span', { lang: 'nb' }, kind)),
    line.length > 0 && h('p', { class: 'facts' }, map(line, (x, i) => (i ? [' · ', x] : x))),
    c.how_to_join && h('p', { class: 'facts' }, word('join'), ': ', mark(c.how_to_join)),
    notice && h('p', { class: 'note' }, mark(notice)),
  ];
}
