// Card rendering: the answer under the search box. A crisis card first when
// the query spoke of one, then the contact points (the nearest CARDS_SHOWN,
// the rest and the far ones behind <details>), or the way forward when there
// is nothing near. v is the view: { say (texts.js speaker), hl (heading
// level), suggest (the suggestion form's address or null), labels (the
// engine's names of topics and places), guard }.
import { filter, map, some } from './builtins.js';
import { add, h, hostOf, privateAddress, put, safeURL, telOf } from './dom.js';
import { formatDate, kilometres } from './texts.js';
import { nationalList, notes } from './engine-client.js';
import { cardFacts } from './facts.js';

const CARDS_SHOWN = 3; // cards shown before "Vis flere"
const CRISIS_SHOWN = 5; // helplines shown before "Flere hjelpetelefoner"
const HOURS_MAX = 40; // a helpline's opening hours longer than this are left to its page
// A citizen note longer than NOTE_CLAMP_CHARS shows its first lines (the
// styles' .clamp) and a button for the rest, so that three cards fit on a
// phone; fitNotes drops the button where the whole note fits anyway.
const NOTE_CLAMP_CHARS = 140;
// How a group can be started locally: a real page among the records' sources
// (Selvhjelp Norge on municipalities' contact points for self-help). A test
// checks that it is still a source in data/.
const GUIDE = 'https://selvhjelp.no/samarbeidet-med-og-mellom-kommunene-blomstrer/';
// The order of the cards near the place: local first, far ones last.
const REL_ORDER = { local: 0, nearby: 1, regional: 2, '': 2, national: 3, far: 4 };

// nothing: the query was read as neither place nor topic nor crisis.
export function nothing(r) { return r && r.typed && !r.place && !r.topic && !r.territory && !r.crisis && !r.near && !r.suggestions?.length; }

// topicName is a topic's name in the element's language (topics.json
// names), else bokmål marked lang="nb".
function topicName(v, tp) {
  const l = v.say.lang, names = v.labels?.topics?.[tp.id];
  if (names?.[l]) return h('span', null, names[l]);
  return v.say.nb(names?.nb || tp.name);
}

// placeName is the place as the element's language names it: in Sami the
// official Sami name where there is one ("Guovdageaidnu"), marked with its
// own language when it is Lule or Southern Sami.
function placeName(v, p) {
  if (p.region) return h('span', null, p.region.name);
  if (v.say.lang === 'se') {
    const names = v.labels?.places?.[p.municipality] || [];
    const n = names.find((x) => x.language === 'se') || names.find((x) => x.language === 'smj' || x.language === 'sma');
    if (n) return h('span', n.language === 'se' ? null : { lang: n.language }, n.name);
  }
  return h('span', null, p.district ? `${p.district} (${p.name})` : p.name);
}

export function renderResults(v, into, r) {
  const { say } = v, hl = v.hl;
  if (!r) { into.removeAttribute('aria-labelledby'); put(into); return null; }
  const out = [];
  const H = (n, attrs, ...kids) => h('h' + Math.min(n, 6), attrs, ...kids);
  if (r.crisis?.lines?.length) out.push(crisis(v, r.crisis, H));
  const results = r.results || [];
  const national = filter(results, (x) => x.relation === 'national');
  let heading, list = results, ask = null, start = null;
  if (r.denied || r.failed || nothing(r)) {
    if (!r.denied && !r.failed) out.push(h('p', { class: 'none' }, say.s('noneText', r.typed)));
    heading = say.s('always');
    list = national;
  } else if (r.near) {
    heading = say.s('nearest');
  } else if (r.topic && !r.place && !r.territory) {
    const tn = topicName(v, r.topic);
    ask = h('div', { class: 'box ask' }, H(hl, { class: 'bh' }, say.s('where')), h('p', null, say.s('whereText')));
    if (r.withTopic?.length) { heading = say.s('withTopic', ''); heading = [heading, tn]; list = [...r.withTopic, ...national]; }
    else { heading = say.s('always'); list = national; }
  } else if (r.place || r.territory) {
    const what = [r.place ? placeName(v, r.place) : r.territory.name, ...map(r.topics?.length ? r.topics : r.topic ? [r.topic] : [], (tp) => topicName(v, tp))];
    heading = [say.s('results'), ' ', say.s('for'), ' ', map(what, (w, i) => (i ? [', ', w] : w))];
    // Where no open contact point is near: how a group can be started locally.
    if (!some(results, (x) => (x.relation === 'local' || x.relation === 'nearby') && x.contact_point?.status !== 'closed')) start = startBox(v, H);
  } else {
    heading = say.s('always');
    list = national;
  }
  if (ask) out.push(ask);
  const open = filter(list, (x) => x.contact_point?.status !== 'closed');
  const near = filter(open, (x) => x.relation !== 'far').sort((a, b) => (REL_ORDER[a.relation] ?? 2) - (REL_ORDER[b.relation] ?? 2));
  const far = filter(open, (x) => x.relation === 'far');
  const rest = [...near.slice(CARDS_SHOWN), ...filter(list, (x) => x.contact_point?.status === 'closed')];
  const cards = (xs) => h('ul', { class: 'cards' }, map(xs, (x) => card(v, x, r, hl + 1)));
  // The cards behind a closed "Vis flere" / "Lenger unna" are built in the
  // next task, after the visible ones (or at once when the group is opened):
  // the first answer, with cold code, is otherwise one long task on the host
  // page (scripts/bench-widget -trace).
  const later = [];
  const group = (cls, summary, xs) => {
    const ul = h('ul', { class: 'cards' });
    let done = false;
    const fill = () => { if (!done && ul.isConnected) { done = true; add(ul, map(xs, (x) => card(v, x, r, hl + 1))); } };
    later.push(fill);
    const d = h('details', { class: cls }, h('summary', null, summary), ul);
    d.addEventListener('toggle', () => v.guard(() => { fill(); if (d.open) fitNotes(ul); }));
    return d;
  };
  if (list.length) {
    out.push(H(hl, { id: 'rh', class: 'rh' }, heading), cards(near.slice(0, CARDS_SHOWN)));
    if (rest.length) out.push(group('more', say.s('more', rest.length), rest));
    if (far.length) out.push(group('far', say.s('far', far.length), far));
  }
  if (start) out.push(start);
  if (list.length) into.setAttribute('aria-labelledby', 'rh'); else into.removeAttribute('aria-labelledby');
  put(into, out);
  // The next task fits the visible notes (a layout read, only when a note
  // is clamped) and builds the rest.
  if (into.querySelector('.cnote.clamp')) later.unshift(() => fitNotes(into));
  return later.length ? new Promise((resolve) => setTimeout(() => { try { v.guard(() => { for (let i = 0; i < later.length; i++) later[i](); }); } finally { resolve(); } }, 0)) : null;
}

// Languages written right to left, of those the crisis card may speak.
const RTL = ['ar', 'fa', 'ur', 'ckb', 'ps'];

// crisis is the crisis card: the element's lead, then, when the crisis was
// read in another language and the data has the card's line in it
// (c.language, c.text), that line marked with its language (and direction),
// with a note in the element's language while no native speaker has
// reviewed it; then the lines.
function crisis(v, c, H) {
  const { say } = v, lines = c.lines, l = c.language;
  const own = c.text && l && l !== say.lang && [
    h('p', { class: 'own', lang: l, dir: some(RTL, (x) => x === l) ? 'rtl' : null, 'data-reviewed': c.reviewed ? 'true' : 'false' }, c.text),
    !c.reviewed && h('p', { class: 'for' }, say.s('unreviewed'))];
  const line = (l) => {
    const web = safeURL(l.url);
    return h('li', null, l.number && [h('a', { class: 'num', href: telOf(l.number) }, l.number), ' '], say.nb(l.name, 'strong'),
      l.hours && l.hours.length <= HOURS_MAX && [' · ', say.nb(l.hours)], web && [' · ', h('a', { href: web }, say.s('chat'))],
      l.for && say.nb(l.for, 'span', { class: 'for' }));
  };
  const first = lines.slice(0, CRISIS_SHOWN), more = lines.slice(CRISIS_SHOWN);
  return h('section', { class: 'crisis', 'aria-labelledby': 'ch' }, H(v.hl, { id: 'ch', class: 'bh' }, say.s('crisis')),
    h('p', null, say.s('crisisText')), own, h('ul', null, map(first, line)),
    more.length > 0 && h('details', null, h('summary', null, say.s('moreLines', more.length)), h('ul', null, map(more, line))));
}

function startBox(v, H) {
  const { say } = v, nat = nationalList()[0];
  return h('div', { class: 'box start' }, H(v.hl, { class: 'bh' }, say.s('start')), h('p', null, say.s('startText')),
    h('p', null, h('a', { href: GUIDE }, say.s('startLink')), nat?.email && [' · ', h('a', { href: 'mailto:' + nat.email }, nat.email)]),
    v.suggest && h('p', null, h('a', { href: v.suggest }, say.s('suggest'))));
}

function relation(say, x, r) {
  if (!x.relation) return '';
  if (x.relation === 'local' && r.place?.region) return say.s('rel_area');
  return say.s('rel_' + x.relation);
}

function badge(say, c) {
  const lang = say.lang;
  if (c.status === 'closed') return h('span', { class: 'badge' }, say.s('closed'));
  const d = formatDate(c.last_verified, lang);
  if (c.status === 'active' && d) return h('span', { class: 'badge ok' }, say.s('confirmed', d));
  return h('span', { class: 'badge' }, d ? say.s('since', d) : say.s('never'));
}

// note is the citizen note in the element's language (citizen_notes:
// nn, en), else the bokmål citizen_note marked lang="nb" (so in Sami too).
function note(say, c) {
  const l = say.lang;
  const t = filter(notes(c.citizen_notes), (n) => n.language === l)[0];
  const text = t ? t.text : c.citizen_note;
  if (!text) return null;
  const long = text.length > NOTE_CLAMP_CHARS, attrs = { class: long ? 'cnote clamp' : 'cnote' };
  const p = t ? h('p', attrs, text) : say.nb(text, 'p', attrs);
  return long ? [p, h('button', { type: 'button', class: 'morenote', 'aria-expanded': 'false' }, say.s('readAll'))] : p;
}

// toggleNote opens or closes a clamped note when its button is pressed (one
// listener on the answer: the cards are rebuilt on every search).
export function toggleNote(e, say) {
  const b = e.target?.closest?.('.morenote'), p = b?.previousElementSibling;
  if (!p) return;
  const open = b.getAttribute('aria-expanded') !== 'true';
  p.classList.toggle('clamp', !open);
  b.setAttribute('aria-expanded', String(open));
  put(b, say.s(open ? 'readLess' : 'readAll'));
}

// fitNotes drops the clamp and its button from the laid-out notes under root
// that fit in their lines anyway (a wide screen); one layout read for all.
function fitNotes(root) {
  const fits = filter(root.querySelectorAll('.cnote.clamp'), (p) => p.clientHeight > 0 && p.scrollHeight <= p.clientHeight + 1);
  for (const p of fits) { p.classList.remove('clamp'); p.nextElementSibling?.remove(); }
}

// card shows only what is meant for citizens: name, relation and
// distance, state, the citizen note and how to get in touch. Never the
// maintainers' status_note or note, and never a c/o address.
function card(v, x, r, level) {
  const { say } = v, c = x.contact_point || {}, lang = say.lang;
  const web = c.url && safeURL(c.url);
  const tel = c.phone && c.phone.replace(/[^\d+]/g, '').length >= 3 && c.phone;
  const mail = c.email && /^[^\s@"<>]+@[^\s@"<>]+$/.test(c.email) && c.email;
  const addr = !privateAddress(c.address) && filter([c.address, filter([c.postcode, c.postal_place], Boolean).join(' ')], Boolean).join(', ');
  const showKm = ['nearby', 'regional', 'far'].includes(x.relation) && x.distance_km > 0;
  const km = showKm && (x.distance_km < 1 ? '< 1 km' : kilometres(x.distance_km, lang));
  const rel = relation(say, x, r);
  const todo = filter([
    tel && [say.s('call'), ' ', h('a', { href: telOf(c.phone) }, tel)],
    mail && [say.s('write'), ' ', h('a', { href: 'mailto:' + mail }, mail)],
    web && [say.s('read'), ' ', h('a', { href: web }, hostOf(web))],
  ], Boolean);
  const nat = nationalList()[0];
  const topic = x.lists_topic && r.topic && topicName(v, r.topic);
  if (topic) topic.textContent = topic.textContent.toLowerCase();
  return h('li', { class: 'card', 'data-relation': x.relation || null, 'data-status': c.status || null },
    h('h' + Math.min(level, 6), { class: 'cn' }, c.name),
    h('p', { class: 'meta' }, rel, rel && km ? ' · ' : '', km, (rel || km) ? ' ' : '', badge(say, c)),
    cardFacts(c, lang),
    note(say, c),
    topic && h('p', null, say.s('lists', ''), topic),
    addr && h('p', null, addr),
    todo.length ? h('p', { class: 'todo' }, map(todo, (t, i) => (i ? [' · ', t] : t)))
      : c.status !== 'closed' && nat && h('p', { class: 'todo' }, say.s('noContact'), ' ', nat.email ? h('a', { href: 'mailto:' + nat.email }, nat.email) : safeURL(nat.url) && h('a', { href: safeURL(nat.url) }, hostOf(nat.url))));
}
