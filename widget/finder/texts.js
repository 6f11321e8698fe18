// The element's texts in its four languages, and how it writes dates and
// distances. A speaker (speaker(lang)) gives the text for a key, marked
// lang="nb" where it falls back to bokmål.
import { h } from './dom.js';

// Texts per language. A key missing in a language falls back to bokmål and
// is marked lang="nb" (WCAG 3.1.2): the Northern Sami texts are a short
// draft, and no Sami sentence is made up here.
export const T = {
  nb: {
    label: 'Finn selvhjelp nær deg', hint: 'Skriv kommune, postnummer, sted eller tema, for eksempel «sorg Bergen». Søket skjer på din enhet.',
    near: 'Nær meg', options: 'Forslag', kinds: { municipality: 'kommune', postcode: 'postnummer', postal_place: 'poststed', topic: 'tema', contact_point: 'kontaktpunkt', region: 'område', district: 'bydel' },
    count: (s, r) => (s ? `${s} forslag, ` : '') + `${r} kontaktpunkt${r === 1 ? '' : 'er'}.`, none: 'Ingen treff.',
    noneText: (q) => `Ingen treff for «${q}». Prøv en kommune, et postnummer eller et tema.`,
    results: 'Kontaktpunkter', for: 'for', nearest: 'Nærmest deg', loading: 'Laster søket …', always: 'Du kan alltid kontakte',
    phone: 'Telefon', email: 'E-post', web: 'Nettside',
    call: 'Ring', write: 'Skriv til', read: 'Les mer på', noContact: 'Ingen kontaktinformasjon er kjent. Spør Selvhjelp Norge:',
    closed: 'Stengt', since: (d) => `Ikke bekreftet siden ${d}`, never: 'Aldri bekreftet', confirmed: (d) => `Bekreftet ${d}`,
    rel_local: 'I kommunen', rel_area: 'I området', rel_nearby: 'I nærheten', rel_regional: 'I regionen', rel_far: 'Langt unna', rel_national: 'Nasjonalt',
    more: (n) => `Vis flere (${n})`, far: (n) => `Lenger unna (${n})`, lists: (x) => `Har grupper om ${x}`, readAll: 'Vis hele teksten', readLess: 'Vis mindre',
    where: 'Hvor bor du?', whereText: 'Skriv kommunen eller postnummeret ditt, så viser vi kontaktpunktene nær deg.', withTopic: (x) => `Kontaktpunkter som har grupper om ${x}`,
    start: 'Start en gruppe der du bor', startText: 'Vi kjenner ikke til et åpent kontaktpunkt i nærheten. Mange kommuner har hjulpet folk å starte en selvhjelpsgruppe, ofte gjennom frivilligsentralen eller frisklivssentralen. Spør kommunen din, eller skriv til Selvhjelp Norge.', startLink: 'Slik har kommuner fått i gang grupper (selvhjelp.no)', suggest: 'Kjenner du et tilbud her som ikke står i oversikten? Fortell oss om det',
    crisis: 'Trenger du hjelp nå?', crisisText: 'Ring 113 hvis livet er i fare. Du kan også snakke med noen nå, hele døgnet:', moreLines: (n) => `Flere hjelpetelefoner (${n})`, chat: 'chat og nettside', crisisSay: 'Hjelpetelefoner står øverst.',
    unreviewed: 'Oversettelsen over er ikke kontrollert av noen med språket som morsmål ennå.',
    acute: 'Akutt hjelp:', helpline: 'Hjelpetelefonen',
    geoDenied: 'Du delte ikke posisjonen din, så vi vet ikke hvor du er. Skriv kommune eller postnummer.', geoBusy: 'Finner posisjonen din …',
    remote: 'Søkemodulen kunne ikke lastes, så det du skriver sendes til selvhjelp-tjenesten for å søke.',
    failed: 'Søket er ikke tilgjengelig nå. Du kan kontakte', slow: 'Søket laster fortsatt. Du kan også kontakte',
    broken: 'Søket svarte ikke. Prøv igjen om litt, eller kontakt', brokenSay: 'Søket svarte ikke.', failedSay: 'Søket er ikke tilgjengelig nå.',
  },
  nn: {
    label: 'Finn sjølvhjelp nær deg', hint: 'Skriv kommune, postnummer, stad eller tema, til dømes «sorg Bergen». Søket skjer på eininga di.',
    near: 'Nær meg', options: 'Forslag', kinds: { municipality: 'kommune', postcode: 'postnummer', postal_place: 'poststad', topic: 'tema', contact_point: 'kontaktpunkt', region: 'område', district: 'bydel' },
    count: (s, r) => (s ? `${s} forslag, ` : '') + `${r} kontaktpunkt.`, none: 'Ingen treff.',
    noneText: (q) => `Ingen treff for «${q}». Prøv ein kommune, eit postnummer eller eit tema.`,
    results: 'Kontaktpunkt', for: 'for', nearest: 'Nærast deg', loading: 'Lastar søket …', always: 'Du kan alltid kontakte',
    phone: 'Telefon', email: 'E-post', web: 'Nettstad',
    call: 'Ring', write: 'Skriv til', read: 'Les meir på', noContact: 'Vi kjenner ikkje til kontaktinformasjon. Spør Selvhjelp Norge:',
    closed: 'Stengd', since: (d) => `Ikkje stadfesta sidan ${d}`, never: 'Aldri stadfesta', confirmed: (d) => `Stadfesta ${d}`,
    rel_local: 'I kommunen', rel_area: 'I området', rel_nearby: 'I nærleiken', rel_regional: 'I regionen', rel_far: 'Langt unna', rel_national: 'Nasjonalt',
    more: (n) => `Vis fleire (${n})`, far: (n) => `Lenger unna (${n})`, lists: (x) => `Har grupper om ${x}`, readAll: 'Vis heile teksten', readLess: 'Vis mindre',
    where: 'Kvar bur du?', whereText: 'Skriv kommunen eller postnummeret ditt, så viser vi kontaktpunkta nær deg.', withTopic: (x) => `Kontaktpunkt som har grupper om ${x}`,
    start: 'Start ei gruppe der du bur', startText: 'Vi kjenner ikkje til eit ope kontaktpunkt i nærleiken. Mange kommunar har hjelpt folk å starte ei sjølvhjelpsgruppe, ofte gjennom frivilligsentralen eller frisklivssentralen. Spør kommunen din, eller skriv til Selvhjelp Norge.', startLink: 'Slik har kommunar fått i gang grupper (selvhjelp.no)', suggest: 'Kjenner du eit tilbod her som ikkje står i oversikta? Fortel oss om det',
    crisis: 'Treng du hjelp no?', crisisText: 'Ring 113 viss livet er i fare. Du kan òg snakke med nokon no, heile døgnet:', moreLines: (n) => `Fleire hjelpetelefonar (${n})`, chat: 'chat og nettstad', crisisSay: 'Hjelpetelefonar står øvst.',
    unreviewed: 'Omsetjinga over er ikkje kontrollert av nokon med språket som morsmål enno.',
    acute: 'Akutt hjelp:',
    geoDenied: 'Du delte ikkje posisjonen din, så vi veit ikkje kvar du er. Skriv kommune eller postnummer.', geoBusy: 'Finn posisjonen din …',
    remote: 'Søkjemodulen kunne ikkje lastast, så det du skriv blir sendt til sjølvhjelpstenesta for å søkje.',
    failed: 'Søket er ikkje tilgjengeleg no. Du kan kontakte', slow: 'Søket lastar framleis. Du kan òg kontakte',
    broken: 'Søket svarte ikkje. Prøv igjen om litt, eller kontakt', brokenSay: 'Søket svarte ikkje.', failedSay: 'Søket er ikkje tilgjengeleg no.',
  },
  en: {
    label: 'Find self-help near you', hint: 'Type a municipality, postcode, place or topic, for example “grief Bergen”. The search runs on your device.',
    near: 'Near me', options: 'Suggestions', kinds: { municipality: 'municipality', postcode: 'postcode', postal_place: 'postal place', topic: 'topic', contact_point: 'contact point', region: 'area', district: 'district' },
    count: (s, r) => (s ? `${s} suggestion${s === 1 ? '' : 's'}, ` : '') + `${r} contact point${r === 1 ? '' : 's'}.`, none: 'No matches.',
    noneText: (q) => `No matches for “${q}”. Try a municipality, postcode or topic.`,
    results: 'Contact points', for: 'for', nearest: 'Nearest to you', loading: 'Loading search …', always: 'You can always contact',
    phone: 'Phone', email: 'E-mail', web: 'Website',
    call: 'Call', write: 'Write to', read: 'Read more at', noContact: 'No contact details are known. Ask Selvhjelp Norge:',
    closed: 'Closed', since: (d) => `Not confirmed since ${d}`, never: 'Never confirmed', confirmed: (d) => `Confirmed ${d}`,
    rel_local: 'In the municipality', rel_area: 'In the area', rel_nearby: 'Nearby', rel_regional: 'In the region', rel_far: 'Far away', rel_national: 'National',
    more: (n) => `Show more (${n})`, far: (n) => `Further away (${n})`, lists: (x) => `Has groups on ${x}`, readAll: 'Show the whole text', readLess: 'Show less',
    where: 'Where do you live?', whereText: 'Type your municipality or postcode to see the contact points near you.', withTopic: (x) => `Contact points with groups on ${x}`,
    start: 'Start a group where you live', startText: 'We know of no open contact point nearby. Many municipalities have helped people start a self-help group, often through the volunteer centre (frivilligsentral) or the healthy-living centre (frisklivssentral). Ask your municipality, or write to Selvhjelp Norge.', startLink: 'How municipalities got groups going (selvhjelp.no, in Norwegian)', suggest: 'Know of a place here that is not listed? Tell us (form in Norwegian)',
    crisis: 'Do you need help now?', crisisText: 'Call 113 if a life is in danger. You can also talk to someone now, day and night:', moreLines: (n) => `More helplines (${n})`, chat: 'chat and website', crisisSay: 'Helplines are shown first.',
    unreviewed: 'The translation above has not yet been checked by a native speaker.',
    acute: 'Urgent help:',
    geoDenied: 'You did not share your position, so we do not know where you are. Type a municipality or postcode.', geoBusy: 'Finding your position …',
    remote: 'The search module could not load, so what you type is sent to the self-help service to search.',
    failed: 'Search is not available right now. You can contact', slow: 'Search is still loading. You can also contact',
    broken: 'The search did not answer. Try again shortly, or contact', brokenSay: 'The search did not answer.', failedSay: 'Search is not available right now.',
  },
  // Northern Sami: kept short and plain; to be reviewed by a native speaker.
  se: {
    label: 'Oza iešveahki', hint: 'Čális gieldda, poastanummira, báikki dahje fáttá. Ohcan dáhpáhuvvá du ovttadagas.',
    near: 'Mu lahka', options: 'Evttohusat', kinds: { municipality: 'gielda', postcode: 'poastanummir', postal_place: 'poastabáiki', topic: 'fáddá', contact_point: 'kontákta' },
    count: (s, r) => (s ? `Evttohusat: ${s}. ` : '') + `Kontávttat: ${r}.`, none: 'Ii gávdnon mihkke.',
    results: 'Kontávttat', for: '–', nearest: 'Du lahka', loading: 'Viežžamin …',
    phone: 'Telefovdna', email: 'E-poasta', web: 'Neahttasiidu', closed: 'Giddejuvvon',
    rel_local: 'Gielddas', rel_nearby: 'Lahka', rel_regional: 'Regionála', rel_national: 'Riikkaviidosaš', geoBusy: 'Ohcamin du sajádaga …',
    remote: 'Ohcanmodula ii sáhttán viežžat. Dat maid čálát, sáddejuvvo bálvalussii.',
    failed: 'Ohcan ii doaimma dál. Váldde oktavuođa:', slow: 'Ohcan ii leat gárvvis. Váldde oktavuođa:',
  },
};

// langOf reads a lang attribute as browsers match language tags: the primary
// subtag decides (en-GB → en, nb-NO → nb, nn-NO → nn, sme → se, no → nb).
export function langOf(v) {
  const p = String(v || '').trim().toLowerCase().split(/[-_]/)[0];
  return { nb: 'nb', nob: 'nb', no: 'nb', nor: 'nb', nn: 'nn', nno: 'nn', en: 'en', eng: 'en', se: 'se', sme: 'se' }[p] || 'nb';
}


// formatDate gives a record's confirmation date at its own precision:
// "2017", "februar 2017"; numeric ("02.2017") in Northern Sami. The month
// names are built in rather than asked of Intl: the first
// Intl.DateTimeFormat, supportedLocalesOf or toLocaleString on a page loads
// the locale's ICU data, 30-100 ms on the host page's main thread inside the
// first render of the cards, and every new formatter ~1 ms per card (seen in
// scripts/bench-widget -trace). Chromium has no Sami or Nynorsk data anyway.
const MONTHS = { nb: 'januar februar mars april mai juni juli august september oktober november desember'.split(' '),
  en: 'January February March April May June July August September October November December'.split(' ') };
MONTHS.nn = MONTHS.nb;
export function formatDate(s, lang) {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(s || '');
  if (!m) return '';
  if (!m[2]) return m[1];
  const name = MONTHS[lang]?.[+m[2] - 1];
  return name ? `${name} ${m[1]}` : `${m[2]}.${m[1]}`;
}
// kilometres: whole kilometres grouped as the language writes them (1 234 km; 1,234 km).
export const kilometres = (n, lang) => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, lang === 'en' ? ',' : '\u00a0') + ' km';

// speaker is the element's voice in one language: s(key, ...args) is the
// text, or the bokmål text in <span lang="nb"> when the language has none
// (WCAG 3.1.2); str(key, ...args) is plain text (for attributes and the live
// region); nb(text) marks dataset text (written in bokmål) in another language.
const speakers = {};
export function speaker(lang) { return (speakers[lang] ||= voice(lang)); }
function voice(lang) {
  const t = T[lang];
  return {
    lang,
    kinds: t.kinds || T.nb.kinds,
    s(key, ...a) {
      let v = t[key], lg = lang;
      if (v === undefined) { v = T.nb[key]; lg = 'nb'; }
      if (typeof v === 'function') v = v(...a);
      return lg === lang ? v : h('span', { lang: lg }, v);
    },
    str(key, ...a) { const v = t[key] ?? T.nb[key]; return typeof v === 'function' ? v(...a) : v; },
    nb(text, tag = 'span', attrs = {}) { return h(tag, lang === 'nb' ? attrs : { ...attrs, lang: 'nb' }, text); },
  };
}
