// Which view shows, and the sequence that lets a slow answer know it has
// been overtaken by a newer search.

import { $, loaded, loading } from './dom.js';
import { getJSON, pageURL } from './api.js';

const views = ['path', 'level', 'feeders', 'job', 'jobs', 'map', 'compare'];
let seq = 0;
let renderer = () => {};

export const nextSeq = () => ++seq;
export const isCurrent = (s) => s === seq;

// fetchView reads the document at url for the search seq, out showing
// that it loads meanwhile (text, when given, says what). It returns the
// document, out then ready for the answer. When the API answered an
// error, it shows it with showError(err) and returns null; it returns
// null too when a newer search has overtaken seq, out then being the
// newer search's.
export async function fetchView(out, url, seq, showError, text) {
  loading(out, text);
  let doc = null;
  let err = null;
  try {
    doc = await getJSON(url);
  } catch (e) {
    err = e;
  }
  if (!isCurrent(seq)) return null;
  loaded(out);
  if (err) showError(err);
  return doc;
}

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
