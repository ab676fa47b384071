// Suggestions as you type: an ARIA combobox over /api/resolve. Choosing a
// job keeps its id in input.dataset, so the search names exactly that job.

import { apiURL, getJSON } from './api.js';
import { h, fold } from './dom.js';
import { allDiplomas, levelLabel } from './levels.js';

// diplomaItems offers up to three diplomas starting with q.
function diplomaItems(q) {
  const f = fold(q);
  return allDiplomas().filter((d) => fold(d.text).startsWith(f)).slice(0, 3)
    .map((d) => ({ value: d.text, meta: 'Diplôme · ' + levelLabel(d.level) }));
}

function jobItem(m) {
  const meta = [];
  if (m.kind === 'external') meta.push('hors répertoire');
  if (m.level) meta.push(levelLabel(m.level));
  if (m.name && fold(m.name) !== fold(m.title)) meta.push('« ' + m.name + ' »');
  return { value: m.title, id: m.id, meta: meta.join(' · ') };
}

function optionItem(list, it, i) {
  const li = h('li', { id: list.id + '-' + i, role: 'option', 'aria-selected': 'false', 'data-index': i },
    h('span', { class: 'opt-title' }, it.value));
  if (it.meta) li.append(h('span', { class: 'opt-meta' }, it.meta));
  return li;
}

function forget(input) {
  delete input.dataset.id;
  delete input.dataset.title;
}

// Combo holds the state of one combobox.
class Combo {
  constructor(input, withDiplomas) {
    this.input = input;
    this.list = document.getElementById(input.getAttribute('aria-controls'));
    this.withDiplomas = withDiplomas;
    this.items = [];
    this.active = -1;
    this.timer = 0;
    this.ctrl = null;
  }

  open() {
    if (!this.items.length) return this.close();
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  highlight(i) {
    this.active = i;
    Array.from(this.list.children).forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i < 0) return this.input.removeAttribute('aria-activedescendant');
    const li = this.list.children[i];
    this.input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  choose(i) {
    const it = this.items[i];
    if (!it) return;
    this.input.value = it.value;
    if (it.id) {
      this.input.dataset.id = it.id;
      this.input.dataset.title = it.value;
    } else {
      forget(this.input);
    }
    this.close();
  }

  show(items) {
    this.items = items;
    this.list.replaceChildren(...items.map((it, i) => optionItem(this.list, it, i)));
    this.active = -1;
    if (document.activeElement === this.input) this.open();
  }

  async suggest() {
    const q = this.input.value.trim();
    if (this.ctrl) this.ctrl.abort();
    if (q.length < 2) return this.show([]);
    const out = this.withDiplomas ? diplomaItems(q) : [];
    this.ctrl = new AbortController();
    try {
      const doc = await getJSON(apiURL('/api/resolve', { q, limit: 8 }), this.ctrl.signal);
      out.push(...(doc.matches || []).filter((m) => m.kind !== 'level').map(jobItem));
    } catch (err) {
      if (err.name === 'AbortError') return;
    }
    if (this.input.value.trim() === q) this.show(out);
  }

  move(e, step) {
    const n = this.items.length;
    if (!n) return;
    e.preventDefault();
    if (this.list.hidden) this.open();
    this.highlight(step > 0 ? (this.active + 1) % n : (this.active <= 0 ? n - 1 : this.active - 1));
  }

  onKey(e) {
    const shown = !this.list.hidden;
    if (e.key === 'ArrowDown') this.move(e, 1);
    else if (e.key === 'ArrowUp') this.move(e, -1);
    else if (e.key === 'Enter' && shown && this.active >= 0) {
      e.preventDefault();
      this.choose(this.active);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      this.close();
    } else if (e.key === 'Tab') this.close();
  }

  // cancel drops the suggestions still on their way: a search or a move
  // elsewhere makes them stale.
  cancel() {
    clearTimeout(this.timer);
    if (this.ctrl) this.ctrl.abort();
    this.close();
  }

  reset() {
    this.items = [];
    this.list.replaceChildren();
    this.cancel();
  }

  wire() {
    const { input, list } = this;
    input.addEventListener('input', () => {
      forget(input);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.suggest(), 120);
    });
    input.addEventListener('keydown', (e) => this.onKey(e));
    input.addEventListener('blur', () => this.cancel());
    input.addEventListener('focus', () => {
      if (this.items.length && input.value.trim().length >= 2 && !input.dataset.id) this.open();
    });
    // Keep the focus in the input while an option is clicked.
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const li = e.target.closest('[role="option"]');
      if (li) this.choose(Number(li.dataset.index));
    });
    return this;
  }
}

// combobox wires an input to its listbox and returns {cancel, reset}.
export function combobox(input, withDiplomas) {
  return new Combo(input, withDiplomas).wire();
}

// fieldValue is what a field asks for: the id of a chosen suggestion, or
// the text as typed.
export function fieldValue(input) {
  const v = input.value.trim();
  return input.dataset.id && input.dataset.title === input.value ? input.dataset.id : v;
}

// setField puts a value from the URL into a field, showing a job's title
// rather than its id.
export function setField(input, value) {
  // A view drawn with the field empty (the page's first drawing, after a
  // slow start) leaves alone what the person is typing in it.
  if (!value && document.activeElement === input && input.value) return;
  input.value = value || '';
  forget(input);
  if (!value || !/^[A-Za-z0-9+-]+$/.test(value)) return;
  getJSON(apiURL('/api/resolve', { q: value, limit: 1 })).then((doc) => {
    const m = (doc.matches || [])[0];
    if (m && m.matched === 'id' && m.id === value && input.value === value) {
      input.value = m.title;
      input.dataset.id = m.id;
      input.dataset.title = m.title;
    }
  }).catch(() => {});
}
