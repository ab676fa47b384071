// Which view shows, and the sequence that lets a slow answer know it has
// been overtaken by a newer search.

import { $ } from './dom.js';
import { pageURL } from './api.js';

const views = ['path', 'level', 'feeders', 'job', 'jobs', 'map', 'compare'];
let seq = 0;
let renderer = () => {};

export const nextSeq = () => ++seq;
export const isCurrent = (s) => s === seq;

export function showView(name, title) {
  for (const v of views) $('#view-' + v).hidden = v !== name;
  document.body.classList.remove('print-one');
  for (const a of document.querySelectorAll('.tabs a')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = (title ? title + ' – ' : '') + 'Parcours métiers du numérique';
}

// setRenderer names the function that draws the URL's view.
export function setRenderer(fn) { renderer = fn; }

// go records a new state in the history and draws it.
export function go(params, opts) {
  const url = typeof params === 'string' ? params : pageURL(params);
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  const keep = opts && opts.keepFocus;
  if (!keep) window.scrollTo(0, 0);
  return renderer(keep ? { reveal: true } : { focus: true });
}
