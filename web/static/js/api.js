// The API client and the page's URLs. The dataset is part of both.
//
// The page answers on the combined dataset (the repertoire and ROME 4.0
// joined by the bridge) unless its URL names another; the API's own
// default stays the repertoire, so every API URL of another dataset
// names it.

const API_DEFAULT = 'metiers';
let pageDefault = 'all';
let dataset = pageDefault;

export const currentDataset = () => dataset;
export function setDataset(ds) { dataset = ds; }

// defaultDataset is the dataset a page URL without "dataset" means.
export const defaultDataset = () => pageDefault;

// setDefaultDataset changes it, for a server that has no combined dataset.
export function setDefaultDataset(ds) { pageDefault = ds; }

function query(params, keepEmpty, omit) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || (!keepEmpty && v === '')) continue;
    q.set(k, String(v));
  }
  if (dataset !== omit) q.set('dataset', dataset);
  return q.toString();
}

// pageURL returns the page URL for params, adding the dataset.
export function pageURL(params) {
  const s = query(params, true, pageDefault);
  return s ? '/?' + s : '/';
}

export const jobURL = (id) => pageURL({ job: id });

export function apiURL(path, params) {
  const s = query(params, false, API_DEFAULT);
  return s ? path + '?' + s : path;
}

// ApiError is an error document of the API.
export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || (status >= 500 ? 'Le service a rencontré une erreur. Réessayez dans un instant.' : 'Requête refusée.'));
    this.status = status;
    this.code = e.code || '';
    this.suggestions = Array.isArray(e.suggestions) ? e.suggestions : [];
  }
}

const cache = new Map();

// getJSON fetches an API document, keeping the last answers so that the
// back button renders at once.
export async function getJSON(url, signal) {
  if (cache.has(url)) return cache.get(url);
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, { error: { message: 'Le service ne répond pas. Vérifiez la connexion et réessayez.' } });
  }
  let body = null;
  try {
    body = await res.json();
  } catch (_) {
    body = null;
  }
  if (!res.ok || body === null) throw new ApiError(res.status, body);
  if (cache.size > 60) cache.delete(cache.keys().next().value);
  cache.set(url, body);
  return body;
}
