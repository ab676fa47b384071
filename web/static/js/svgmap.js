// Maps: an SVG view fetched and put inline, so the links of its nodes work
// inside the page. A map opens at the width of its frame unless its labels
// would fall below 11 px; it can be zoomed (buttons, + - 0 keys) and
// panned (dragging, arrow keys, scroll bars) or opened full size.

import { h } from './dom.js';

const SVGNS = 'http://www.w3.org/2000/svg';
const MIN_LABEL_PX = 11;
const MAX_SCALE = 1.6;

function sameSite(value) {
  try {
    return new URL(value, location.href).origin === location.origin;
  } catch (_) {
    return false;
  }
}

// cleanSVG keeps drawing and same-site links only (the server's SVG has
// no script; this holds even if one day it carried some), and drops
// Graphviz's internal names ("n10", "n10->n11") that screen readers
// would otherwise read out.
function cleanSVG(svg) {
  for (const el of Array.from(svg.querySelectorAll('script, foreignObject, iframe, embed, object, g > title'))) el.remove();
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) el.removeAttribute(a.name);
      else if ((name === 'href' || name === 'xlink:href') && !sameSite(a.value)) el.removeAttribute(a.name);
    }
  }
}

// MapError is the server's reason for not drawing a map, to show
// instead of it; a view too large gets the page's own words, as the
// server's name its parameters.
class MapError extends Error {
  constructor(code, message) {
    super(code === 'view_too_large'
      ? 'trop de métiers pour une carte lisible. Réduisez le nombre d’évolutions ou d’étapes, ou choisissez le référentiel « Métiers du numérique »'
      : message);
    this.code = code;
  }
}

async function fetchSVG(url) {
  const res = await fetch(url, { headers: { Accept: 'image/svg+xml' } });
  if (!res.ok) {
    let e = {};
    try {
      const body = await res.json();
      e = (body && body.error) || {};
    } catch (_) {
      e = {};
    }
    throw e.message && res.status < 500 ? new MapError(e.code, e.message) : new Error(String(res.status));
  }
  const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
  const svg = doc.documentElement;
  if (!svg || svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) throw new Error('bad svg');
  cleanSVG(svg);
  return svg;
}

// smallestFont is the smallest label size of svg, in its own units.
function smallestFont(svg) {
  let min = Infinity;
  for (const t of svg.querySelectorAll('text[font-size]')) {
    const f = parseFloat(t.getAttribute('font-size'));
    if (f > 0 && f < min) min = f;
  }
  return Number.isFinite(min) ? min : 14;
}

// summary describes a map in words: its caption and the jobs it names,
// read from the tooltips Graphviz wrote on the graph and its nodes.
function summary(svg) {
  const caption = svg.querySelector('g.graph > g > a[*|title]');
  const names = Array.from(svg.querySelectorAll('g.node a[*|title]'))
    .map((a) => (a.getAttributeNS('http://www.w3.org/1999/xlink', 'title') || a.getAttribute('title') || '').split(' — ')[0])
    .filter(Boolean);
  const text = caption ? caption.getAttributeNS('http://www.w3.org/1999/xlink', 'title') || '' : '';
  return (text ? text + '. ' : '') + (names.length ? 'Sur la carte : ' + names.join(', ') + '.' : '');
}

function svgText(tag, text) {
  const el = document.createElementNS(SVGNS, tag);
  el.textContent = text;
  return el;
}

function prepare(svg, label) {
  const node = document.importNode(svg, true);
  node.removeAttribute('width');
  node.removeAttribute('height');
  node.setAttribute('role', 'group');
  node.setAttribute('aria-label', label);
  node.classList.add('graph');
  // The server's SVG carries its own <title> and <desc>: the page names
  // the map itself, and keeps the server's summary when there is one.
  const own = node.querySelector(':scope > desc');
  const desc = (own && own.textContent.trim()) || summary(node);
  for (const el of Array.from(node.querySelectorAll(':scope > title, :scope > desc'))) el.remove();
  node.prepend(svgText('title', label), ...(desc ? [svgText('desc', desc)] : []));
  return node;
}

// Zoom sizes one map in its frame.
class Zoom {
  constructor(frame, node, natural, readable) {
    Object.assign(this, { frame, node, natural, readable, scale: 1 });
  }

  fit() { return this.frame.clientWidth / this.natural; }

  initial() { return Math.max(this.readable, Math.min(this.fit(), MAX_SCALE)); }

  set(scale) {
    const keep = this.frame.scrollLeft / Math.max(1, this.frame.scrollWidth);
    this.scale = Math.min(4, Math.max(0.2, scale));
    this.node.style.width = Math.round(this.natural * this.scale) + 'px';
    this.frame.scrollLeft = keep * this.frame.scrollWidth;
    this.frame.classList.toggle('pannable', this.frame.scrollWidth > this.frame.clientWidth + 1 ||
      this.frame.scrollHeight > this.frame.clientHeight + 1);
  }

  onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '+' || e.key === '=') this.set(this.scale * 1.25);
    else if (e.key === '-') this.set(this.scale / 1.25);
    else if (e.key === '0') this.set(this.initial());
    else return;
    e.preventDefault();
  }
}

// pannable lets the pointer drag a frame's content; a drag is not a click
// on the node it started on.
function pannable(frame) {
  let start = null;
  let dragged = false;
  frame.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !frame.classList.contains('pannable')) return;
    start = { x: e.clientX, y: e.clientY, left: frame.scrollLeft, top: frame.scrollTop };
    dragged = false;
  });
  frame.addEventListener('pointermove', (e) => {
    if (!start) return;
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    if (!dragged && Math.hypot(dx, dy) < 6) return;
    dragged = true;
    frame.classList.add('dragging');
    frame.scrollLeft = start.left - dx;
    frame.scrollTop = start.top - dy;
  });
  const end = () => { start = null; frame.classList.remove('dragging'); };
  frame.addEventListener('pointerup', end);
  frame.addEventListener('pointercancel', end);
  frame.addEventListener('click', (e) => {
    if (!dragged) return;
    dragged = false;
    e.preventDefault();
    e.stopPropagation();
  }, true);
}

function zoomTools(zoom, url) {
  const button = (text, title, fn) => {
    const b = h('button', { type: 'button', class: 'small-button', title, 'aria-label': title }, text);
    b.addEventListener('click', fn);
    return b;
  };
  return h('p', { class: 'map-tools' },
    button('−', 'Réduire la carte', () => zoom.set(zoom.scale / 1.25)), ' ',
    button('+', 'Agrandir la carte', () => zoom.set(zoom.scale * 1.25)), ' ',
    button('Toute la largeur', 'Voir toute la largeur de la carte', () => zoom.set(zoom.fit())), ' ',
    h('a', { href: url, target: '_blank', rel: 'noopener' }, 'Ouvrir la carte seule'));
}

function frameFor(node, label) {
  return h('div', {
    class: 'map-frame', tabindex: '0', role: 'region',
    'aria-label': label + ' (flèches pour se déplacer, + et − pour zoomer)',
  }, node);
}

// loadSVG fetches an SVG view and shows it in box; isCurrent says whether
// the page still wants it when it arrives. narrower, when given, is the
// map offered instead of one too large to draw: { url, label, why,
// button }, why saying in plain words what was not drawn.
export async function loadSVG(box, url, label, isCurrent, narrower) {
  box.replaceChildren(h('p', { class: 'muted' }, 'Chargement de la carte…'));
  box.setAttribute('aria-busy', 'true');
  try {
    const svg = await fetchSVG(url);
    if (!isCurrent()) return;
    const node = prepare(svg, label);
    const frame = frameFor(node, label);
    box.replaceChildren(frame);
    const vb = node.viewBox && node.viewBox.baseVal;
    const natural = vb && vb.width ? vb.width : frame.clientWidth;
    const zoom = new Zoom(frame, node, natural, MIN_LABEL_PX / smallestFont(svg));
    box.append(zoomTools(zoom, url));
    zoom.set(zoom.initial());
    frame.addEventListener('keydown', (e) => zoom.onKey(e));
    pannable(frame);
  } catch (err) {
    if (!isCurrent()) return;
    if (err instanceof MapError && err.code === 'view_too_large' && narrower) {
      const b = h('button', { type: 'button', class: 'small-button' }, narrower.button);
      b.addEventListener('click', () => loadSVG(box, narrower.url, narrower.label, isCurrent));
      box.replaceChildren(h('div', { class: 'notice' }, h('p', null, 'Carte non dessinée : ' + narrower.why), h('p', null, b)));
      return;
    }
    box.replaceChildren(err instanceof MapError
      ? h('p', { class: 'notice' }, 'Carte non dessinée : ' + err.message.replace(/[.\s]*$/, '.'))
      : h('p', { class: 'muted' }, 'La carte n’est pas disponible pour le moment.'));
  } finally {
    box.removeAttribute('aria-busy');
  }
}
