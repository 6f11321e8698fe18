// console.js: the maintainers' console pages (no framework, no build step).
// Every page reads and writes through the JSON API under /api/ (worker/README.md).
const $ = (s) => document.querySelector(s);
const el = (tag, props = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k in e && typeof v !== 'string') e[k] = v; else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
};
const say = (text, error = false) => { const s = $('#status'); s.textContent = text; s.className = error ? 'error' : ''; };

async function api(path, options = {}) {
  const res = await fetch('/api/' + path, { credentials: 'same-origin', ...options,
    headers: { 'Content-Type': 'application/json', ...(options.headers || {}) } });
  if (res.status === 401 && document.body.dataset.page !== 'login') { location.href = '/logg-inn'; throw new Error('logg inn'); }
  const body = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  return { res, body };
}

const pages = {
  async login() {
    $('#login').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const { res, body } = await api('dev-login', { method: 'POST', body: JSON.stringify({ code: $('#code').value }) });
      if (res.ok) location.href = '/'; else say(body?.error || 'Innloggingen feilet.', true);
    });
  },

  async index() {
    const [{ body: records }, { body: stale }, { body: schema }] = await Promise.all([api('records'), api('stale'), api('schema')]);
    const field = (n) => schema.find((f) => f.name === n);
    for (const [id, name] of [['#kind', 'kind'], ['#state', 'status']]) {
      for (const o of field(name).options) $(id).append(el('option', { value: o.value }, o.label));
    }
    const label = (name, v) => field(name).options.find((o) => o.value === v)?.label || v;
    const months = (d) => { if (!d) return Infinity; const t = new Date(d.length === 4 ? d + '-12-31' : d.length === 7 ? d + '-28' : d); return (Date.now() - t) / 2.6e9; };
    const render = () => {
      const q = $('#q').value.trim().toLowerCase(), kind = $('#kind').value, st = $('#state').value,
        county = $('#county').value.trim(), age = $('#age').value;
      const rows = records.filter((r) => (!q || JSON.stringify(r).toLowerCase().includes(q)) && (!kind || r.kind === kind) &&
        (!st || r.status === st) && (!county || (r.municipality || '').startsWith(county)) &&
        (!age || (age === 'never' ? !r.last_verified : months(r.last_verified) > Number(age))));
      $('#records tbody').replaceChildren(...rows.map((r) => el('tr', {},
        el('td', {}, el('a', { href: '/rediger?id=' + encodeURIComponent(r.id) }, r.name)),
        el('td', {}, label('kind', r.kind)), el('td', {}, label('status', r.status)), el('td', {}, r.last_verified || 'aldri'))));
      say(`${rows.length} av ${records.length} kontaktpunkter.`);
    };
    $('#filters').addEventListener('input', render);
    $('#filters').addEventListener('submit', (ev) => ev.preventDefault());
    render();
    const link = (href, text) => (text ? el('a', { href }, text) : '');
    $('#stale tbody').replaceChildren(...stale.map((s) => el('tr', {},
      el('td', {}, el('input', { type: 'checkbox', className: 'pick', value: s.id, 'aria-label': 'Velg ' + s.name })),
      el('td', {}, el('a', { href: '/rediger?id=' + encodeURIComponent(s.id) }, s.name)),
      el('td', {}, s.never_verified ? 'aldri' : `${s.last_verified} (${s.months_since} mnd.)`),
      el('td', {}, link('tel:' + (s.phone || '').replace(/\s/g, ''), s.phone)), el('td', {}, link('mailto:' + s.email, s.email)),
      el('td', {}, link(s.url || s.source, s.url || (s.source ? 'kilde' : ''))),
      el('td', {}, el('button', { type: 'button', onclick: () => ask([s.id]), 'aria-label': 'Be om bekreftelse: ' + s.name }, 'Be om bekreftelse')))));
    $('#ask').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const ids = [...document.querySelectorAll('.pick:checked')].map((c) => c.value);
      if (ids.length) ask(ids); else say('Kryss av minst ett kontaktpunkt først.', true);
    });
  },

  async moderation() {
    const { body: items } = await api('moderation');
    const words = { change: 'Endring', closed: 'Melding om stenging', suggestion: 'Forslag' };
    $('#items').replaceChildren(...items.map((it) => {
      const id = 'm-' + it.id, decide = async (decision, extra = {}) => {
        const { res, body } = await api('moderation/' + it.id, { method: 'POST', body: JSON.stringify({ decision, ...extra }) });
        if (!res.ok) { say(body?.errors ? body.errors.map((e) => e.message).join(' ') : body?.error || 'Ikke lagret.', true); return; }
        art.remove();
        say(decision === 'approve' ? `${words[it.kind]} nr. ${it.id} er godkjent og med i neste publisering.` : `${words[it.kind]} nr. ${it.id} er avvist.`);
      };
      const reason = el('input', { id: id + '-reason' });
      const art = el('article', { 'aria-labelledby': id },
        el('h2', { id }, `${words[it.kind] || it.kind} nr. ${it.id}: ${it.name || it.record}`),
        el('p', {}, `Mottatt ${it.received_at}` + (it.proposal?.about === 'fix' ? ' · gjelder en rettelse' : '')),
        it.message ? el('p', {}, 'Melding: ', el('q', {}, it.message)) : '',
        el('table', {}, el('caption', {}, 'Hva som endres ved godkjenning'),
          el('thead', {}, el('tr', {}, ...['Felt', 'Nå', 'Foreslått'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, ...(it.changes || []).map((c) => el('tr', {}, el('td', {}, c.label), el('td', {}, c.old || '–'), el('td', {}, c.new || '–'))))),
        el('p', {}, it.kind === 'suggestion' ? '' : el('button', { type: 'button', onclick: () => decide('approve', { etag: it.etag }) }, 'Godkjenn'), ' ',
          el('a', { href: '/rediger?forslag=' + it.id }, it.kind === 'suggestion' ? 'Lag kontaktpunkt fra forslaget' : 'Rediger før godkjenning')),
        el('form', { onsubmit: (ev) => { ev.preventDefault(); decide('reject', { reason: reason.value }); } },
          el('label', { for: id + '-reason' }, 'Grunn til å avvise (påkrevd)'), reason, ' ', el('button', { type: 'submit' }, 'Avvis')));
      return art;
    }));
    say(items.length ? `${items.length} ${items.length === 1 ? 'sak venter' : 'saker venter'}.` : 'Ingenting venter på behandling.');
  },

  async edit() {
    const params = new URLSearchParams(location.search), id = params.get('id'), pending = params.get('forslag');
    const { body: schema } = await api('schema');
    let record = {}, etag = null;
    if (pending) {
      const { res, body } = await api('moderation/' + encodeURIComponent(pending));
      if (!res.ok) { say(body?.error || 'Fant ikke saken.', true); return; }
      record = body.proposed || {}; etag = body.etag || null;
      $('h1').textContent = `Behandle sak nr. ${body.id}: ${body.name || ''}`;
    } else if (id) {
      const { res, body } = await api('records/' + encodeURIComponent(id));
      if (!res.ok) { say(body?.error || 'Fant ikke kontaktpunktet.', true); return; }
      record = body; etag = res.headers.get('ETag');
      $('h1').textContent = 'Rediger: ' + record.name;
    } else {
      $('h1').textContent = 'Nytt kontaktpunkt';
    }
    $('#fields').replaceChildren(...schema.map((f) => input(f, record[f.name], f.name)));
    $('#record').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      for (const e of document.querySelectorAll('.field-error')) e.remove();
      for (const e of document.querySelectorAll('[aria-invalid]')) { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-describedby'); }
      const next = read(schema, '');
      const headers = etag ? { 'If-Match': etag } : { 'If-None-Match': '*' };
      const { res, body } = pending
        ? await api('moderation/' + encodeURIComponent(pending), { method: 'POST',
          body: JSON.stringify({ decision: 'approve', record: next, etag: etag || '', reason: $('#why').value }) })
        : await api('records/' + encodeURIComponent(next.id || ''), { method: 'PUT', headers,
          body: JSON.stringify({ record: next, why: $('#why').value }) });
      if (res.ok && pending) { say('Godkjent og lagret. Endringen er med i neste publisering.'); return; }
      if (res.ok) { etag = res.headers.get('ETag'); say('Lagret. Endringen er med i neste publisering.'); return; }
      if (res.status === 422) {
        for (const e of body.errors) showError(e.field, e.message);
        say(`Ikke lagret: ${body.errors.length} feil må rettes (se ved feltene).`, true);
        document.querySelector('[aria-invalid="true"]')?.focus();
        return;
      }
      say(body?.error || 'Ikke lagret.', true);
    });
  },

  async publish() {
    const { body: p } = await api('publish');
    $('#changes').textContent = p.changes;
    $('#errors').replaceChildren(...(p.errors || []).map((e) => el('li', { className: 'error' }, `${e.record || ''} ${e.field}: ${e.message}`)),
      ...(p.floor ? [el('li', { className: 'error' }, `For mange fjernes: ${p.floor}.`)] : []));
    $('#pallow-row').hidden = !p.floor;
    $('#publish').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const { res, body } = await api('publish', { method: 'POST', body: JSON.stringify({ version: p.version, why: $('#pwhy').value, allow_removals: $('#pallow').checked }) });
      say(res.ok ? `Publisert: versjon ${body.version}. Innbyggerne ser den innen 5 minutter.` : body.error, !res.ok);
    });
    const { body: versions } = await api('versions');
    $('#versions tbody').replaceChildren(...versions.map((v) => el('tr', {}, el('td', {}, v.version + (v.live ? ' (i bruk)' : '')),
      el('td', {}, v.published_at), el('td', {}, v.published_by),
      el('td', {}, v.live ? '' : el('button', { type: 'button', onclick: () => showRollback(v.version) }, 'Vis tilbakerulling')))));
  },

  async history() {
    const { body } = await api('history');
    const short = (s) => (s.length > 120 ? s.slice(0, 120) + '…' : s);
    $('#history tbody').replaceChildren(...body.map((h) => el('tr', {}, el('td', {}, h.at), el('td', {}, h.who), el('td', {}, h.action),
      el('td', {}, h.record || ''), el('td', {}, short(`${h.old || '–'} → ${h.new || '–'}`)), el('td', {}, h.why || ''))));
  },
};

// ask makes a confirmation link for each record and shows, for each, a
// mailto: link that opens the maintainer's own mail program and the same
// text to copy (no mail server: nothing is sent by the console).
async function ask(ids) {
  const out = [];
  for (const id of ids) {
    const { res, body } = await api('records/' + encodeURIComponent(id) + '/confirmation-link', { method: 'POST', body: '{}' });
    if (!res.ok) { out.push(el('li', { className: 'error' }, `${id}: ${body?.error || 'ingen lenke'}`)); continue; }
    const tid = 'ask-' + id;
    out.push(el('li', {}, el('strong', {}, body.name), ' ',
      body.mailto ? el('a', { href: body.mailto }, `Åpne e-post til ${body.to}`) : el('span', {}, 'Ingen offentlig e-post: send lenken på annen måte.'),
      el('label', { for: tid }, 'Tekst å kopiere'), el('textarea', { id: tid, readOnly: true, rows: 8 }, body.text),
      el('p', {}, `Lenken virker til ${body.expires.slice(0, 10)}.`)));
  }
  $('#asks-list').replaceChildren(...out);
  $('#asks').hidden = false;
  $('#asks-h').focus();
  say(`${ids.length} bekreftelseslenke${ids.length === 1 ? '' : 'r'} laget; forespørselen er ført i historikken.`);
}

async function showRollback(version) {
  const { body } = await api('rollback?version=' + encodeURIComponent(version));
  $('#rollback').hidden = false;
  $('#rbchanges').textContent = body.changes;
  $('#rbgo').onclick = async () => {
    const { res, body: b } = await api('rollback', { method: 'POST', body: JSON.stringify({ version }) });
    say(res.ok ? `Rullet tilbake til ${b.version}.` : b.error, !res.ok);
  };
  $('#rbh').focus?.();
}

// input builds a field of the form from its description (GET /api/schema).
function input(f, value, path) {
  const id = 'f-' + path.replace(/[^a-z0-9]+/gi, '-');
  if (f.type === 'records') {
    const rows = [...(value || []), {}];
    return el('fieldset', { id }, el('legend', {}, f.label),
      ...rows.map((v, i) => el('div', { className: 'row' }, ...f.fields.map((sub) => input(sub, v[sub.name], `${path}[${i}].${sub.name}`)))));
  }
  const wrap = el('div', { className: 'field' });
  let control;
  if (f.type === 'bool') {
    control = el('input', { type: 'checkbox', id, checked: !!value });
  } else if (f.type === 'choice') {
    control = el('select', { id }, ...f.options.map((o) => el('option', { value: o.value, selected: o.value === value }, o.label)));
  } else {
    control = el('input', { id, value: Array.isArray(value) ? value.join(', ') : value ?? '' });
    if (f.type === 'list') control.setAttribute('aria-describedby', id + '-hint');
  }
  control.dataset.path = path;
  control.dataset.type = f.type;
  if (f.required) control.required = true;
  wrap.append(el('label', { for: id }, f.label + (f.required ? ' (påkrevd)' : '')), control);
  if (f.type === 'list') wrap.append(el('span', { id: id + '-hint' }, ' Skill med komma.'));
  return wrap;
}

// read collects the form into a record, leaving out empty values and empty rows.
function read(schema, prefix) {
  const out = {};
  for (const f of schema) {
    const path = prefix + f.name;
    if (f.type === 'records') {
      const list = [];
      for (let i = 0; document.querySelector(`[data-path^="${path}[${i}]."]`); i++) {
        const item = read(f.fields, `${path}[${i}].`);
        if (Object.keys(item).length) list.push(item);
      }
      if (list.length) out[f.name] = list;
      continue;
    }
    const c = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
    if (!c) continue;
    if (f.type === 'bool') { if (c.checked) out[f.name] = true; continue; }
    const v = c.value.trim();
    if (f.type === 'list') { if (v) out[f.name] = v.split(',').map((s) => s.trim()).filter(Boolean); continue; }
    if (v || f.required) out[f.name] = v;
  }
  return out;
}

// showError puts a validation message next to its field ("sources[0].url", "topics[1]").
function showError(field, message) {
  let c = document.querySelector(`[data-path="${CSS.escape(field)}"]`) ||
    document.querySelector(`[data-path="${CSS.escape(field.replace(/\[\d+\]$/, ''))}"]`) || $('#f-id');
  const id = (c.id || 'f') + '-error';
  c.setAttribute('aria-invalid', 'true');
  c.setAttribute('aria-describedby', id);
  c.parentElement.append(el('p', { id, className: 'error field-error' }, message));
}

pages[document.body.dataset.page]?.().catch((e) => say('Noe gikk galt: ' + e.message, true));
