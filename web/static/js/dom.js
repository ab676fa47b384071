// Building the page's elements. Text from the API always goes in as text
// nodes: nothing here parses markup.

export const $ = (sel, root = document) => root.querySelector(sel);

// h builds an element. Attributes go through setAttribute; children that
// are strings become text.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

// fold lowers case and drops accents, as the server does.
export const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// sentence turns an API message, written lower case as Go errors are,
// into a sentence.
export function sentence(msg) {
  const s = String(msg || '').trim();
  if (!s) return s;
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?…]$/.test(s) ? '' : '.');
}

export function plural(n, one, many) {
  return n + ' ' + (n > 1 ? many : one);
}

export function badge(text, kind, title) {
  return h('span', { class: 'badge' + (kind ? ' badge-' + kind : ''), title }, text);
}

// say tells screen readers what just happened.
export function say(text) {
  $('#status').textContent = text;
}

export function loading(box, text) {
  box.setAttribute('aria-busy', 'true');
  box.replaceChildren(h('p', { class: 'muted loading' }, text || 'Recherche…'));
}

export function loaded(box) {
  box.removeAttribute('aria-busy');
}
