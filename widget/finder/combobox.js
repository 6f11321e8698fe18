// The combobox's keyboard and ARIA controller, in the manner of GitHub's
// combobox-nav: it owns the editable input (role=combobox) and its listbox,
// which option is active (aria-activedescendant, aria-selected) and whether
// the list is open (aria-expanded), and turns keys, clicks and taps into
// two callbacks: commit(i) (an option chosen) and clear() (Escape in a
// closed list with text). What the options say is the caller's (option(s, i, selected)).
// APG pattern: https://www.w3.org/WAI/ARIA/apg/patterns/combobox/ (editable, list autocomplete).
import { map } from './builtins.js';
import { put } from './dom.js';

export class Combobox {
  options = []; // the suggestions shown, in order
  active = -1; // the option the arrow keys are on, or -1 (the focus is in the text)

  // on(el, type, fn) attaches a listener (the element's, which keeps every failure inside it).
  constructor(input, list, { on, option, commit, clear }) {
    this.input = input;
    this.list = list;
    this.option = option;
    this.commit = commit;
    this.clear = clear;
    on(input, 'keydown', (e) => this.key(e));
    on(input, 'blur', () => this.close());
    on(list, 'pointerdown', (e) => e.preventDefault()); // keep focus in the input
    on(list, 'click', (e) => { const o = e.target.closest('[role=option]'); if (o) return this.commit(+o.dataset.i); });
  }

  get open() { return !this.list.hidden; }

  // render draws the options and opens the list when there are any and the input has the focus.
  render() {
    const { input, list } = this;
    put(list, map(this.options, (s, i) => this.option(s, i, i === this.active)));
    const open = this.options.length > 0 && input.matches(':focus');
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    const on = open && list.children[this.active];
    if (on) { input.setAttribute('aria-activedescendant', on.id); on.scrollIntoView?.({ block: 'nearest' }); } else input.removeAttribute('aria-activedescendant');
  }

  // leave: typing moves the focus back to the text (APG editable combobox):
  // no option stays active.
  leave() {
    if (this.active < 0) return;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.render();
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  key(e) {
    const n = this.options.length, open = this.open;
    const move = (i) => { e.preventDefault(); this.active = i; this.render(); };
    switch (e.key) {
      case 'ArrowDown': if (n) move(open ? (this.active + 1) % n : 0); break;
      case 'ArrowUp': if (n) move(open ? (this.active <= 0 ? n - 1 : this.active - 1) : n - 1); break;
      // APG editable combobox: Home and End move the caret in the box; an
      // active option gives the focus back to the text.
      case 'Home': case 'End': if (this.active >= 0) { this.active = -1; this.render(); } break;
      case 'Enter':
        if (open && this.active >= 0) { e.preventDefault(); return this.commit(this.active); }
        if (open) { e.preventDefault(); this.close(); }
        break;
      case 'Escape':
        if (open) { e.preventDefault(); this.close(); } else if (this.input.value) {
          e.preventDefault();
          this.input.value = '';
          return this.clear();
        }
        break;
    }
  }
}
