// The element's styles: three palettes and the CSS, in one constructable
// stylesheet shared by every element on the page.

// Colours: the element paints its own background and text, so that a dark
// (or any) host page cannot make it unreadable. Every pair is ≥ 4.5:1 for
// text and ≥ 3:1 for borders and the focus ring (a browser test measures it).
const LIGHT = { text: '#1f2328', bg: '#fff', surface: '#f4f6f8', accent: '#1d5fa8', 'on-accent': '#fff', border: '#6b7280', muted: '#4b5563', focus: '#1d5fa8', mark: '#ffe08a', 'warning-background': '#fff4d6', warning: '#6b3d00', 'crisis-background': '#fdecea', crisis: '#8a1c14' };
const DARK = { text: '#f0f3f6', bg: '#1b1f24', surface: '#2a3038', accent: '#8cc4ff', 'on-accent': '#0d1117', border: '#8b949e', muted: '#b8c0cc', focus: '#8cc4ff', mark: '#ffe08a', 'warning-background': '#3a2c07', warning: '#ffd479', 'crisis-background': '#3b1512', crisis: '#ffb4ab' };
const NAV = { ...LIGHT, text: '#23262a', accent: '#0067c5', focus: '#00347d', border: '#6f7785', muted: '#49515e', surface: '#f1f1f1', mark: '#ffd799', 'warning-background': '#fff5e4' };
// The public names: --selvhjelp-color (text), --selvhjelp-background, and --selvhjelp-<key> for the rest.
const pub = (k) => (k === 'text' ? 'color' : k === 'bg' ? 'background' : k);
const vars = (p) => { let s = ''; for (const k in p) if (Object.hasOwn(p, k)) s += `--_${k}:var(--selvhjelp-${pub(k)},${p[k]});`; return s; };

const CSS = `
:host{display:block;${vars(LIGHT)}--_radius:var(--selvhjelp-radius,6px)}
:host([theme=dark]){${vars(DARK)}}
@media (prefers-color-scheme:dark){:host([theme=auto]){${vars(DARK)}}}
:host([theme=nav]){${vars(NAV)}--_radius:var(--selvhjelp-radius,4px)}
:host([hidden]){display:none}
.f{font-family:var(--selvhjelp-font,inherit);max-width:100%;box-sizing:border-box;color:var(--_text);background:var(--_bg);padding:.75em;border-radius:var(--_radius);line-height:1.4}
:host([theme=nav]) .f{font-family:var(--selvhjelp-font,"Source Sans 3","Source Sans Pro",Arial,sans-serif)}
*,*::before,*::after{box-sizing:inherit}
label{display:block;font-weight:600;margin:0 0 .25em}
.hint,.st,.meta,.acute{color:var(--_muted);font-size:.875em}
.hint{margin:.25em 0 0}
.row{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-start}
.cb{position:relative;flex:1 1 14em;min-width:0}
input{width:100%;font:inherit;color:var(--_text);background:var(--_bg);border:2px solid var(--_border);border-radius:var(--_radius);padding:.5em .625em;min-height:2.75em}
input::placeholder{color:var(--_muted)}
button{font:inherit;border:2px solid var(--_accent);border-radius:var(--_radius);background:var(--_bg);color:var(--_accent);padding:.5em .875em;min-height:2.75em;cursor:pointer;font-weight:600}
button:hover{background:var(--_accent);color:var(--_on-accent)}
input:focus-visible,button:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
a{color:var(--_accent)}
[role=listbox]{position:absolute;z-index:10;left:0;right:0;top:100%;margin:.25em 0 0;padding:.25em 0;list-style:none;color:var(--_text);background:var(--_bg);border:2px solid var(--_border);border-radius:var(--_radius);max-height:20em;overflow:auto;box-shadow:0 4px 12px rgba(0,0,0,.25)}
[role=option]{padding:.5em .625em;cursor:pointer;display:flex;flex-wrap:wrap;gap:0 .5em;align-items:baseline}
[role=option]:hover{background:var(--_surface)}
[role=option][aria-selected=true]{background:var(--_accent);color:var(--_on-accent);outline:2px solid transparent}
[role=option][aria-selected=true] :is(.k,.d){color:inherit}
.k,.d{font-size:.8125em;color:var(--_muted)}
.k{text-transform:lowercase;font-weight:600}
mark{background:var(--_mark);color:#111;font-weight:700;border-radius:2px}
.st{min-height:1.25em;margin:.5em 0}
.note,.box{background:var(--_warning-background);color:var(--_warning);border-left:4px solid currentColor;padding:.5em .75em;margin:.5em 0;border-radius:var(--_radius)}
.box{background:var(--_surface);color:var(--_text);border-color:var(--_border)}
.note a,.crisis a{color:inherit}
.box p,.crisis p{margin:.25em 0}
.rh,.bh{margin:.75em 0 .375em;font-size:1.0625em}
.box .bh,.crisis .bh{margin:0 0 .25em}
.cards{list-style:none;margin:0;padding:0;display:grid;gap:.5em}
.card{border:1px solid var(--_border);border-radius:var(--_radius);padding:.5em .75em;background:var(--_bg);overflow-wrap:anywhere}
.card .cn{margin:0;font-size:1em}
.card p{margin:.125em 0}
.badge{display:inline-block;font-size:.8125em;font-weight:600;padding:0 .375em;border:1px solid currentColor;border-radius:var(--_radius);margin:.125em .375em .125em 0;background:var(--_warning-background);color:var(--_warning)}
.badge.ok{background:var(--_bg);color:var(--_text)}
.meta{margin:0}
.kind{font-weight:600;font-size:.875em}.facts{font-size:.875em}
.cnote.clamp{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden}
.morenote{font:inherit;font-size:.875em;color:var(--_accent);background:none;border:0;padding:.25em 0;min-height:1.75em;cursor:pointer;text-decoration:underline}
details{margin:.5em 0}
summary{cursor:pointer;color:var(--_accent);font-weight:600;padding:.375em 0;min-height:2.75em;display:flex;align-items:center}
details .cards{margin-top:.25em}
.crisis{background:var(--_crisis-background);color:var(--_crisis);border:2px solid currentColor;border-radius:var(--_radius);padding:.625em .875em;margin:.5em 0}
.crisis ul{list-style:none;margin:.25em 0 0;padding:0;display:grid;gap:.375em}
.crisis .num{font-weight:700;font-size:1.125em;white-space:nowrap}
.crisis .for{display:block;font-size:.875em}
.acute{margin:.75em 0 0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (forced-colors:active){mark{forced-color-adjust:none;background:Mark;color:MarkText}
 [role=option][aria-selected=true]{forced-color-adjust:none;background:Highlight;color:HighlightText}
 .badge,.note,.box,.crisis{border-color:CanvasText}}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important;scroll-behavior:auto!important}}
`;

let sheet; // one constructable stylesheet shared by every element
export function styles() {
  try { if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); } return [sheet]; } catch { return []; }
}
