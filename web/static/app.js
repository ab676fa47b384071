// The counsellors' page: a path finder, a level explorer, job pages, a
// job list and the map. Plain ES2020, no framework, no build step.
//
// The state lives in the URL (/?from=…&to=…, /?level=…, /?job=…, /?jobs=,
// /?map=…, with &dataset=…): every search pushes a history entry and
// popstate renders the entry again, so links can be shared and the back
// button works. Text from the API is inserted as text nodes only.
'use strict';

(() => {
  const DEFAULT_DATASET = 'metiers';

  const LEVELS = {
    cap: 'CAP, BEP', bac: 'Bac', 'bac+2': 'Bac +2', 'bac+3': 'Bac +3', 'bac+4': 'Bac +4', 'bac+5': 'Bac +5',
  };

  // Diplomas people type, offered in the "from" field and the level field;
  // the server reads each of them as a level.
  const DIPLOMAS = [
    ['CAP', 'cap'], ['BEP', 'cap'], ['Bac', 'bac'], ['Bac pro', 'bac'], ['BTS', 'bac+2'], ['DUT', 'bac+2'],
    ['Bac +2', 'bac+2'], ['BUT', 'bac+3'], ['Licence', 'bac+3'], ['Licence pro', 'bac+3'], ['Bachelor', 'bac+3'],
    ['Bac +3', 'bac+3'], ['Master 1', 'bac+4'], ['Bac +4', 'bac+4'], ['Master', 'bac+5'],
    ['Diplôme d’ingénieur', 'bac+5'], ['Mastère spécialisé', 'bac+5'], ['Bac +5', 'bac+5'], ['Doctorat', 'bac+5'],
  ];

  const EDGE_TYPES = { evolution: 'Évolution', proche: 'Métier proche', access: 'Accès avec le diplôme' };

  const MATCHES = {
    title: 'intitulé exact d’un métier',
    synonym: 'synonyme écrit sur une fiche',
    alias: 'correspondance relue à la main',
    domain: 'intitulé d’une fiche ROME dont relève le métier',
    external: 'aucun métier du répertoire ne correspond, rôle cité tel quel',
    level: 'niveau minimum d’accès de la fiche',
    rome: 'mobilité listée par le ROME',
  };

  const $ = (sel, root = document) => root.querySelector(sel);

  // h builds an element. Attributes go through setAttribute (or a
  // property for the few listed); children that are strings become text.
  function h(tag, attrs, ...children) {
    const ns = tag === 'svg' ? 'http://www.w3.org/2000/svg' : null;
    const el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
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
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

  const levelLabel = (id) => (id && LEVELS[id]) || id || '';

  // ---- URLs and state ----

  let dataset = DEFAULT_DATASET;

  // pageURL returns the page URL for params, adding the dataset.
  function pageURL(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined) q.set(k, String(v));
    }
    if (dataset !== DEFAULT_DATASET) q.set('dataset', dataset);
    const s = q.toString();
    return s ? '/?' + s : '/';
  }

  const jobURL = (id) => pageURL({ job: id });

  function apiURL(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
    }
    if (dataset !== DEFAULT_DATASET) q.set('dataset', dataset);
    const s = q.toString();
    return s ? path + '?' + s : path;
  }

  // ApiError is an error document of the API.
  class ApiError extends Error {
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
  async function getJSON(url, signal) {
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

  // ---- Inline SVG ----

  // loadSVG fetches an SVG view and puts its <svg> into box, so that the
  // links of its nodes work inside the page. A map too wide to read when
  // fitted is shown at its own size, in a scrolling box, with a button to
  // switch between the two.
  async function loadSVG(box, url, label, isCurrent) {
    box.replaceChildren(h('p', { class: 'muted' }, 'Chargement de la carte…'));
    box.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(url, { headers: { Accept: 'image/svg+xml' } });
      if (!res.ok) throw new Error(String(res.status));
      const text = await res.text();
      if (!isCurrent()) return;
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = doc.documentElement;
      if (!svg || svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) throw new Error('bad svg');
      cleanSVG(svg);
      const node = document.importNode(svg, true);
      node.removeAttribute('width');
      node.removeAttribute('height');
      node.setAttribute('role', 'group');
      node.setAttribute('aria-label', label);
      node.classList.add('graph');
      const frame = h('div', { class: 'map-frame' }, node);
      const tools = h('p', { class: 'map-tools' });
      box.replaceChildren(frame, tools);
      const vb = node.viewBox && node.viewBox.baseVal;
      // Graphviz sizes are in points; one point per pixel keeps labels legible.
      const natural = vb && vb.width ? vb.width : 0;
      const fits = !natural || frame.clientWidth >= natural * 0.6;
      const setZoom = (zoom) => {
        node.style.width = zoom ? natural + 'px' : '';
        node.style.maxWidth = zoom ? 'none' : '';
        frame.classList.toggle('zoomed', zoom);
        zoomButton.textContent = zoom ? 'Voir toute la carte' : 'Agrandir la carte';
        zoomButton.setAttribute('aria-pressed', String(zoom));
      };
      const zoomButton = h('button', { type: 'button', class: 'small-button' });
      zoomButton.addEventListener('click', () => setZoom(!frame.classList.contains('zoomed')));
      if (natural && frame.clientWidth < natural) {
        tools.append(zoomButton, ' ');
        setZoom(!fits);
      }
      tools.append(h('a', { href: url, target: '_blank', rel: 'noopener' }, 'Ouvrir la carte seule'));
    } catch (_) {
      if (isCurrent()) box.replaceChildren(h('p', { class: 'muted' }, 'La carte n’est pas disponible pour le moment.'));
    } finally {
      box.removeAttribute('aria-busy');
    }
  }

  // cleanSVG keeps drawing and same-site links only. The server's SVG has
  // no script; this holds even if one day it carried some.
  function cleanSVG(svg) {
    for (const el of Array.from(svg.querySelectorAll('script, foreignObject, iframe, embed, object'))) el.remove();
    for (const el of [svg, ...svg.querySelectorAll('*')]) {
      for (const a of Array.from(el.attributes)) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) el.removeAttribute(a.name);
        else if (name === 'href' || name === 'xlink:href') {
          let u = null;
          try { u = new URL(a.value, location.href); } catch (_) { u = null; }
          if (!u || u.origin !== location.origin) el.removeAttribute(a.name);
        }
      }
    }
  }

  // ---- Suggestions as you type (ARIA combobox) ----

  // combobox wires an input to its listbox. Choosing a job keeps its id
  // in input.dataset, so the search names exactly that job.
  function combobox(input, withDiplomas) {
    const list = document.getElementById(input.getAttribute('aria-controls'));
    let items = [];
    let active = -1;
    let timer = 0;
    let ctrl = null;

    const open = () => {
      if (!items.length) return close();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    };
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function highlight(i) {
      active = i;
      Array.from(list.children).forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
      if (i >= 0) {
        const li = list.children[i];
        input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function choose(i) {
      const it = items[i];
      if (!it) return;
      input.value = it.value;
      if (it.id) {
        input.dataset.id = it.id;
        input.dataset.title = it.value;
      } else {
        delete input.dataset.id;
        delete input.dataset.title;
      }
      close();
    }
    function show(next) {
      items = next;
      list.replaceChildren(...items.map((it, i) => {
        const li = h('li', { id: list.id + '-' + i, role: 'option', 'aria-selected': 'false', 'data-index': i },
          h('span', { class: 'opt-title' }, it.value));
        if (it.meta) li.append(h('span', { class: 'opt-meta' }, it.meta));
        return li;
      }));
      active = -1;
      if (document.activeElement === input) open();
    }
    async function suggest() {
      const q = input.value.trim();
      if (ctrl) ctrl.abort();
      if (q.length < 2) return show([]);
      const out = [];
      if (withDiplomas) {
        const f = fold(q);
        for (const [name, lvl] of DIPLOMAS) {
          if (out.length < 3 && fold(name).startsWith(f)) {
            out.push({ value: name, meta: 'Diplôme · ' + levelLabel(lvl) });
          }
        }
      }
      ctrl = new AbortController();
      try {
        const doc = await getJSON(apiURL('/api/resolve', { q, limit: 8 }), ctrl.signal);
        for (const m of doc.matches || []) {
          if (m.kind === 'level') continue;
          const meta = [];
          if (m.kind === 'external') meta.push('hors répertoire');
          if (m.level) meta.push(levelLabel(m.level));
          if (m.name && fold(m.name) !== fold(m.title)) meta.push('« ' + m.name + ' »');
          out.push({ value: m.title, id: m.id, meta: meta.join(' · ') });
        }
      } catch (err) {
        if (err.name === 'AbortError') return;
      }
      if (input.value.trim() === q) show(out);
    }

    input.addEventListener('input', () => {
      delete input.dataset.id;
      delete input.dataset.title;
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });
    input.addEventListener('keydown', (e) => {
      const n = items.length;
      switch (e.key) {
        case 'ArrowDown':
          if (!n) return;
          e.preventDefault();
          if (list.hidden) open();
          highlight((active + 1) % n);
          break;
        case 'ArrowUp':
          if (!n) return;
          e.preventDefault();
          if (list.hidden) open();
          highlight(active <= 0 ? n - 1 : active - 1);
          break;
        case 'Enter':
          if (!list.hidden && active >= 0) {
            e.preventDefault();
            choose(active);
          }
          break;
        case 'Escape':
          if (!list.hidden) {
            e.preventDefault();
            close();
          }
          break;
        case 'Tab':
          close();
          break;
        default:
      }
    });
    // A search or a move elsewhere drops the suggestions still on their way.
    function cancel() {
      clearTimeout(timer);
      if (ctrl) ctrl.abort();
      close();
    }
    input.addEventListener('blur', cancel);
    input.addEventListener('focus', () => { if (items.length && input.value.trim().length >= 2 && !input.dataset.id) open(); });
    // Keep the focus in the input while an option is clicked.
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const li = e.target.closest('[role="option"]');
      if (li) choose(Number(li.dataset.index));
    });
    return { cancel, reset: () => { items = []; list.replaceChildren(); cancel(); } };
  }

  // fieldValue is what a field asks for: the id of a chosen suggestion,
  // or the text as typed.
  function fieldValue(input) {
    const v = input.value.trim();
    return input.dataset.id && input.dataset.title === input.value ? input.dataset.id : v;
  }

  // setField puts a value from the URL into a field, showing a job's
  // title rather than its id.
  function setField(input, value) {
    input.value = value || '';
    delete input.dataset.id;
    delete input.dataset.title;
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

  // ---- Shared pieces ----

  function badge(text, kind, title) {
    return h('span', { class: 'badge' + (kind ? ' badge-' + kind : ''), title }, text);
  }

  function levelBadge(level) {
    return level ? badge(levelLabel(level), 'level', 'Niveau minimum d’accès') : null;
  }

  function jobLink(id, title, kind) {
    if (kind === 'level') return h('span', { class: 'job-title' }, title);
    return h('a', { class: 'job-title', href: jobURL(id) }, title);
  }

  // sentence turns an API message, written lower case as Go errors are,
  // into a sentence.
  function sentence(msg) {
    const s = String(msg || '').trim();
    if (!s) return s;
    return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?…]$/.test(s) ? '' : '.');
  }

  function errorBox(err, fixes) {
    // The message's own "did you mean" is shown as links below.
    const msg = err.suggestions.length && fixes ? err.message.replace(/\s*;\s*vouliez-vous dire.*$/i, '') : err.message;
    const box = h('div', { class: 'notice notice-error', role: 'alert' }, h('p', null, sentence(msg)));
    if (err.suggestions && err.suggestions.length && fixes) {
      box.append(h('p', null, 'Vouliez-vous dire :'),
        h('ul', { class: 'inline-list' }, err.suggestions.map((s) => h('li', null, h('a', { href: fixes(s) }, s.title)))));
    } else if (err.code === 'unknown_job') {
      box.append(h('p', null, 'Essayez un autre mot, ou choisissez dans la liste qui s’ouvre pendant la saisie.'));
    }
    return box;
  }

  function loading(box, text) {
    box.setAttribute('aria-busy', 'true');
    box.replaceChildren(h('p', { class: 'muted loading' }, text || 'Recherche…'));
  }

  function say(text) {
    $('#status').textContent = text;
  }

  function plural(n, one, many) {
    return n + ' ' + (n > 1 ? many : one);
  }

  // evidenceBlock shows the text behind a move, as a quote, with where it
  // comes from and how it was tied to the job.
  function evidenceBlock(type, evidence, match, fromTitle) {
    if (!evidence && !match) return null;
    let source = '';
    if (type === 'access') source = 'niveau d’accès écrit sur la fiche';
    else if (match === 'rome') source = 'mobilité du ROME';
    else if (fromTitle) source = 'perspectives d’évolution de la fiche « ' + fromTitle + ' »';
    else source = 'perspectives d’évolution de la fiche';
    const how = MATCHES[match] && match !== 'level' && match !== 'rome' ? MATCHES[match] : '';
    return h('figure', { class: 'evidence' },
      evidence ? h('blockquote', null, '« ' + evidence + ' »') : null,
      h('figcaption', null, 'Source : ' + source + (how ? ' · correspondance : ' + how : '')));
  }

  // ---- Views ----

  const views = ['path', 'level', 'job', 'jobs', 'map'];
  let renderSeq = 0;

  function showView(name, title) {
    for (const v of views) $('#view-' + v).hidden = v !== name;
    for (const a of document.querySelectorAll('.tabs a')) {
      if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    document.title = (title ? title + ' – ' : '') + 'Parcours métiers du numérique';
  }

  // -- Path finder --

  const fromInput = $('#from');
  const toInput = $('#to');
  const fromBox = combobox(fromInput, true);
  const toBox = combobox(toInput, false);

  $('#path-form').addEventListener('submit', (e) => {
    e.preventDefault();
    fromBox.cancel();
    toBox.cancel();
    const from = fieldValue(fromInput);
    const to = fieldValue(toInput);
    if (!from || !to) {
      (from ? toInput : fromInput).focus();
      $('#path-out').replaceChildren(h('div', { class: 'notice', role: 'alert' },
        'Indiquez un point de départ et un métier visé.'));
      return;
    }
    const p = { from, to };
    if ($('#k').value !== '3') p.k = $('#k').value;
    if ($('#by').value === 'effort') p.by = 'effort';
    go(p, { keepFocus: true });
  });

  async function renderPath(p, seq) {
    const from = p.get('from') || '';
    const to = p.get('to') || '';
    const k = ['1', '3', '5'].includes(p.get('k')) ? p.get('k') : '3';
    const by = p.get('by') === 'effort' ? 'effort' : 'steps';
    showView('path', from && to ? 'Parcours' : '');
    if (fieldValue(fromInput) !== from) setField(fromInput, from);
    if (fieldValue(toInput) !== to) setField(toInput, to);
    $('#k').value = k;
    $('#by').value = by;
    const out = $('#path-out');
    if (!from || !to) {
      out.removeAttribute('aria-busy');
      out.replaceChildren(homeExamples());
      return;
    }
    loading(out, 'Recherche du parcours…');
    const q = { from, to, k };
    if (by === 'effort') q.by = 'effort';
    let doc;
    try {
      doc = await getJSON(apiURL('/api/path', q));
    } catch (err) {
      if (seq !== renderSeq) return;
      out.removeAttribute('aria-busy');
      const fixFrom = err.message.includes('« ' + from + ' »');
      out.replaceChildren(errorBox(err, (s) => pageURL(fixFrom ? { from: s.id, to } : { from, to: s.id })));
      say(err.message);
      return;
    }
    if (seq !== renderSeq) return;
    out.removeAttribute('aria-busy');
    const routes = h('div', { class: 'routes' }, h('h2', { id: 'routes-h', tabindex: '-1' }, 'Parcours proposés'), pathSummary(doc, from, to));
    if (!doc.paths || !doc.paths.length) {
      routes.append(h('div', { class: 'notice' }, doc.message || 'Aucun parcours connu ne mène du départ à l’arrivée.'));
      routes.append(h('p', null, 'Pistes : ', h('a', { href: pageURL({ job: (doc.to[0] || {}).id }) }, 'voir ce qui mène au métier visé'), '.'));
    }
    doc.paths.forEach((path, i) => routes.append(routeBlock(path, i, doc)));
    const map = h('div', { class: 'map', id: 'path-map' });
    out.replaceChildren(h('div', { class: 'split' }, routes, h('aside', { class: 'map-col', 'aria-label': 'Carte du parcours' }, h('h2', null, 'Carte'), map)));
    say(doc.paths.length ? plural(doc.paths.length, 'parcours trouvé', 'parcours trouvés') : (doc.message || 'Aucun parcours'));
    if (doc.paths.length) {
      const sq = { from, to, k };
      if (by === 'effort') sq.by = 'effort';
      loadSVG(map, apiURL('/svg/path', sq), 'Carte du parcours', () => seq === renderSeq);
    } else {
      map.replaceChildren(h('p', { class: 'muted' }, 'Pas de carte sans parcours.'));
    }
  }

  function pathSummary(doc, from, to) {
    const p = h('p', { class: 'summary' });
    const names = (list) => list.map((j) => j.title).join(', ');
    if (doc.level) {
      p.append('Départ : avec « ' + from + ' », niveau ' + levelLabel(doc.level) + '. ');
    } else if (doc.from.length > 1) {
      p.append('« ' + from + ' » désigne ' + doc.from.length + ' métiers : ' + names(doc.from) + '. ');
    }
    if (doc.to.length > 1) {
      p.append('« ' + to + ' » désigne ' + doc.to.length + ' métiers : ' + names(doc.to) + '. ');
    }
    p.append(doc.by === 'effort'
      ? 'Classés par effort : une montée de niveau compte davantage.'
      : 'Classés par nombre de changements de métier.');
    return p;
  }

  function routeBlock(path, i, doc) {
    const steps = path.steps || [];
    const last = steps[steps.length - 1] || {};
    const jumps = steps.filter((s) => s.raises_level).length;
    const head = h('h3', null, 'Parcours ' + (i + 1) + ' : ' + plural(path.hops, 'changement de métier', 'changements de métier'));
    const meta = h('p', { class: 'route-meta' }, 'Vers ' + (last.title || ''));
    if (doc.by === 'effort') meta.append(' · effort ' + path.cost);
    if (jumps) meta.append(' · ', badge(plural(jumps, 'montée de niveau', 'montées de niveau'), 'warn'));
    const ol = h('ol', { class: 'steps' });
    steps.forEach((s, j) => ol.append(stepItem(s, j === 0 ? null : steps[j - 1], doc)));
    return h('section', { class: 'route', 'aria-label': 'Parcours ' + (i + 1) }, head, meta, ol);
  }

  function stepItem(s, prev, doc) {
    const li = h('li', { class: 'step' + (s.raises_level ? ' step-raise' : '') + (s.kind === 'external' ? ' step-ext' : '') });
    const title = h('div', { class: 'step-head' }, jobLink(s.id, s.title, s.kind), ' ',
      s.kind === 'level' ? badge('Diplôme', 'level') : levelBadge(s.level),
      s.kind === 'external' ? badge('hors répertoire', 'ext', 'Rôle cité par une fiche, sans fiche propre') : null,
      s.raises_level ? badge('niveau requis plus élevé', 'warn',
        'Ce métier demande au minimum ' + levelLabel(s.level) + (prev && prev.level ? ', plus que ' + levelLabel(prev.level) : '')) : null);
    li.append(title);
    if (!prev) {
      let start = 'Départ';
      if (s.kind === 'level') {
        start = doc.level && s.level !== doc.level
          ? 'Départ : niveau couvert par le diplôme (' + levelLabel(doc.level) + ')'
          : 'Départ : le diplôme obtenu';
      }
      li.append(h('p', { class: 'how' }, start));
    } else {
      li.append(h('p', { class: 'how' }, (EDGE_TYPES[s.type] || 'Étape') + (s.type === 'access' ? '' : ' depuis « ' + prev.title + ' »')));
      li.append(evidenceBlock(s.type, s.evidence, s.match, prev.kind === 'level' ? '' : prev.title));
    }
    return li;
  }

  function homeExamples() {
    const ex = [
      [{ from: 'technicien', to: 'architecte' }, 'De technicien à architecte'],
      [{ from: 'BTS', to: 'data scientist' }, 'D’un BTS à data scientist'],
      [{ level: 'BTS' }, 'Avec un BTS, je peux viser…'],
      [{ job: 'architecte-logiciel' }, 'La fiche Architecte logiciel'],
    ];
    if (dataset !== DEFAULT_DATASET) return h('div');
    return h('div', { class: 'examples' }, h('h2', null, 'Exemples'),
      h('ul', { class: 'inline-list' }, ex.map(([p, t]) => h('li', null, h('a', { href: pageURL(p) }, t)))));
  }

  // -- Level explorer --

  $('#level-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const level = $('#level').value.trim();
    if (!level) {
      $('#level').focus();
      return;
    }
    const p = { level };
    if ($('#depth').value !== '2') p.depth = $('#depth').value;
    go(p, { keepFocus: true });
  });

  $('#diplomas').append(...DIPLOMAS.map(([name, lvl]) => h('option', { value: name }, levelLabel(lvl))));

  async function renderLevel(p, seq) {
    const level = (p.get('level') || '').trim();
    const depth = ['0', '1', '2', '3'].includes(p.get('depth')) ? p.get('depth') : '2';
    showView('level', level ? 'Avec ' + level : 'Avec mon diplôme');
    $('#level').value = level;
    $('#depth').value = depth;
    const out = $('#level-out');
    if (!level) {
      out.removeAttribute('aria-busy');
      out.replaceChildren(levelShortcuts());
      return;
    }
    loading(out);
    const q = { level };
    if (depth !== '0') q.depth = depth;
    let doc;
    try {
      doc = await getJSON(apiURL('/api/reachable', q));
    } catch (err) {
      if (seq !== renderSeq) return;
      out.removeAttribute('aria-busy');
      out.replaceChildren(errorBox(err), levelShortcuts());
      say(err.message);
      return;
    }
    if (seq !== renderSeq) return;
    out.removeAttribute('aria-busy');
    const titles = new Map();
    for (const j of doc.start || []) titles.set(j.id, j);
    for (const r of doc.roles || []) titles.set(r.id, r);
    const byDist = new Map();
    for (const r of doc.roles || []) {
      if (r.kind === 'level') continue;
      if (!byDist.has(r.distance)) byDist.set(r.distance, []);
      byDist.get(r.distance).push(r);
    }
    const lvl = levelLabel(doc.level);
    const n = Array.from(byDist.values()).reduce((a, l) => a + l.length, 0);
    const list = h('div', { class: 'roles' },
      h('h2', { id: 'roles-h', tabindex: '-1' }, 'Avec « ' + level + ' »' + (lvl && fold(lvl) !== fold(level) ? ' (niveau ' + lvl + ')' : '') + ', je peux viser…'),
      h('p', { class: 'summary' }, plural(n, 'métier', 'métiers') + (byDist.has(0) ? ', dont ' + byDist.get(0).length + ' accessibles directement' : '') + '.'));
    for (const d of Array.from(byDist.keys()).sort((a, b) => a - b)) {
      const head = d === 0 ? 'Accessibles directement' : d === 1 ? 'Après une évolution' : 'Après ' + d + ' évolutions';
      list.append(h('h3', null, head), h('ul', { class: 'role-list' }, byDist.get(d).map((r) => roleItem(r, titles))));
    }
    if (!n) list.append(h('div', { class: 'notice' }, 'Aucun métier du répertoire n’est indiqué à ce niveau.'));
    const map = h('div', { class: 'map', id: 'level-map' });
    out.replaceChildren(h('div', { class: 'split' }, list, h('aside', { class: 'map-col', 'aria-label': 'Carte' }, h('h2', null, 'Carte'), map)));
    say(plural(n, 'métier trouvé', 'métiers trouvés'));
    const sq = { level };
    if (depth !== '0') sq.depth = depth;
    loadSVG(map, apiURL('/svg/reachable', sq), 'Carte des métiers accessibles', () => seq === renderSeq);
  }

  function roleItem(r, titles) {
    const li = h('li', { class: 'role' + (r.kind === 'external' ? ' step-ext' : '') },
      jobLink(r.id, r.title, r.kind), ' ', levelBadge(r.level),
      r.kind === 'external' ? badge('hors répertoire', 'ext', 'Rôle cité par une fiche, sans fiche propre') : null);
    if (r.via) {
      const via = titles.get(r.via);
      if (via && via.kind !== 'level' && r.distance > 0) {
        li.append(h('span', { class: 'via' }, 'après ', jobLink(via.id, via.title, via.kind)));
      }
    }
    return li;
  }

  function levelShortcuts() {
    const box = h('div', { class: 'examples' }, h('h2', null, 'Choisir un niveau'));
    const ul = h('ul', { class: 'inline-list' });
    box.append(ul);
    getJSON(apiURL('/api/levels')).then((doc) => {
      ul.replaceChildren(...(doc.levels || []).map((l) =>
        h('li', null, h('a', { href: pageURL({ level: l.id }) }, l.label))));
    }).catch(() => {
      ul.replaceChildren(...Object.entries(LEVELS).map(([id, label]) =>
        h('li', null, h('a', { href: pageURL({ level: id }) }, label))));
    });
    return box;
  }

  // -- Job page --

  async function renderJob(p, seq) {
    const id = p.get('job') || '';
    showView('job', 'Fiche métier');
    const out = $('#job-out');
    loading(out, 'Chargement de la fiche…');
    let doc;
    try {
      doc = await getJSON(apiURL('/api/jobs/' + encodeURIComponent(id)));
    } catch (err) {
      if (seq !== renderSeq) return;
      out.removeAttribute('aria-busy');
      out.replaceChildren(h('h1', { id: 'job-h', tabindex: '-1' }, 'Fiche introuvable'), errorBox(err, (s) => jobURL(s.id)));
      say(err.message);
      return;
    }
    if (seq !== renderSeq) return;
    out.removeAttribute('aria-busy');
    showView('job', doc.title);

    const head = h('header', { class: 'job-head' },
      h('p', { class: 'kicker' }, doc.kind === 'external' ? 'Rôle hors répertoire'
        : doc.kind === 'level' ? 'Niveau de diplôme'
          : dataset === 'rome' ? 'Fiche ROME ' + doc.id : 'Fiche métier'),
      h('h1', { id: 'job-h', tabindex: '-1' }, doc.title),
      h('p', { class: 'badges' },
        doc.level ? badge('Niveau minimum : ' + (doc.level_text || levelLabel(doc.level)), 'level') : null,
        doc.kind === 'external' ? badge('hors répertoire', 'ext') : null,
        doc.family_title || doc.family
          ? h('a', { class: 'badge badge-family', href: pageURL({ map: doc.family }), title: 'Voir la carte de la famille' }, doc.family_title || doc.family)
          : null));
    if (doc.synonyms && doc.synonyms.length) head.append(h('p', { class: 'aka' }, 'Aussi appelé : ' + doc.synonyms.join(', ')));
    const actions = h('p', { class: 'job-actions' },
      h('a', { class: 'button', href: pageURL({ from: '', to: doc.id }) }, 'Parcours vers ce métier'),
      h('a', { class: 'button secondary', href: pageURL({ from: doc.id, to: '' }) }, 'Parcours depuis ce métier'));
    head.append(actions);

    const main = h('div', { class: 'job-main' });
    const card = doc.card;
    if (card) {
      section(main, 'Description', card.description);
      section(main, 'Compétences et connaissances', card.knowledge);
      section(main, 'Formation initiale', card.initial_training);
      section(main, 'Statut', card.status);
      section(main, 'Environnements de travail', card.environments);
      section(main, 'Perspectives d’évolution', card.perspectives_text);
      if (card.trainings) main.append(trainingsBlock(card.trainings));
    } else if (doc.kind === 'external') {
      main.append(h('div', { class: 'notice' }, 'Ce rôle est cité dans les perspectives d’une fiche mais n’a pas de fiche dans le répertoire.'));
    }
    if (doc.access_text) section(main, 'Conditions d’accès', doc.access_text);
    if (doc.rome && doc.rome.length) {
      main.append(h('section', { class: 'card-part' }, h('h2', null, 'Fiches ROME'),
        h('ul', null, doc.rome.map((r) => h('li', null, h('a', { href: '/?job=' + encodeURIComponent(r.code) + '&dataset=rome' }, r.code),
          r.title ? ' ' + r.title : '', r.why ? h('span', { class: 'muted' }, ' (' + r.why + ')') : null)))));
    }
    if (doc.metiers && doc.metiers.length) {
      main.append(h('section', { class: 'card-part' }, h('h2', null, 'Métiers du numérique rattachés à cette fiche'),
        h('ul', null, doc.metiers.map((m) => h('li', null,
          h('a', { href: '/?job=' + encodeURIComponent(m.id) + '&dataset=metiers' }, m.title))))));
    }
    if (doc.other_names && doc.other_names.length) {
      const names = doc.other_names.map((n) => n.text);
      const part = h('section', { class: 'card-part' }, h('h2', null, 'Autres appellations'));
      if (names.length > 12) {
        part.append(h('details', null, h('summary', null, 'Voir les ' + names.length + ' appellations'),
          h('p', { class: 'names' }, names.join(' · '))));
      } else {
        part.append(h('p', { class: 'names' }, names.join(' · ')));
      }
      main.append(part);
    }

    const links = h('div', { class: 'job-links' },
      linkList('Où ce métier mène', doc.evolutions || [], 'to', doc.title,
        'Aucune évolution n’est indiquée depuis ce métier.'),
      linkList('Ce qui mène à ce métier', doc.feeders || [], 'from', doc.title,
        'Aucun métier du référentiel n’indique d’évolution vers celui-ci.'));

    const map = h('div', { class: 'map', id: 'job-map' });
    out.replaceChildren(head, h('div', { class: 'split' },
      h('div', null, main, links),
      h('aside', { class: 'map-col', 'aria-label': 'Carte autour du métier' }, h('h2', null, 'Autour de ce métier'), map)));
    say('Fiche ' + doc.title);
    loadSVG(map, apiURL('/svg/jobs/' + encodeURIComponent(doc.id)), 'Carte autour de ' + doc.title, () => seq === renderSeq);
  }

  function section(parent, title, text) {
    if (!text) return;
    const s = h('section', { class: 'card-part' }, h('h2', null, title));
    for (const para of String(text).split(/\n+/)) {
      if (para.trim()) s.append(h('p', null, para.trim()));
    }
    parent.append(s);
  }

  function trainingsBlock(t) {
    const s = h('section', { class: 'card-part' }, h('h2', null, 'Formation continue'));
    const facts = [];
    if (t.count !== null && t.count !== undefined) {
      facts.push((t.count_at_least ? 'Au moins ' : '') + plural(t.count, 'formation recensée', 'formations recensées'));
    }
    if (t.cpf_eligible !== null && t.cpf_eligible !== undefined) {
      facts.push(t.cpf_eligible + ' éligible' + (t.cpf_eligible > 1 ? 's' : '') + ' au CPF');
    }
    if (facts.length) s.append(h('p', { class: 'facts' }, facts.join(' · ')));
    if (t.text) s.append(h('p', null, t.text));
    return s;
  }

  function linkList(title, links, end, here, empty) {
    const s = h('section', { class: 'card-part' }, h('h2', null, title));
    if (!links.length) {
      s.append(h('p', { class: 'muted' }, empty));
      return s;
    }
    s.append(h('ul', { class: 'link-list' }, links.map((l) => {
      const other = l[end];
      const li = h('li', { class: 'link' + (l.kind === 'external' ? ' step-ext' : '') },
        h('div', { class: 'step-head' }, jobLink(other, l.title, l.kind), ' ', l.kind === 'level' ? null : levelBadge(l.level),
          l.kind === 'external' ? badge('hors répertoire', 'ext') : null,
          l.type && l.type !== 'evolution' ? badge(EDGE_TYPES[l.type] || l.type, 'type') : null));
      // The evidence of an edge is written on the card of its start.
      li.append(evidenceBlock(l.type, l.evidence, l.match, end === 'to' ? here : (l.kind === 'level' ? '' : l.title)));
      return li;
    })));
    return s;
  }

  // -- Job list --

  let allJobs = null;
  const filterInput = $('#jobs-filter');

  async function renderJobs(p, seq) {
    showView('jobs', 'Métiers');
    const out = $('#jobs-out');
    if (!allJobs || allJobs.dataset !== dataset) {
      loading(out, 'Chargement…');
      try {
        const doc = await getJSON(apiURL('/api/jobs'));
        allJobs = { dataset, jobs: doc.jobs || [] };
      } catch (err) {
        if (seq !== renderSeq) return;
        out.removeAttribute('aria-busy');
        out.replaceChildren(errorBox(err));
        return;
      }
      if (seq !== renderSeq) return;
      out.removeAttribute('aria-busy');
    }
    filterInput.value = p.get('jobs') || '';
    drawJobs();
  }

  function drawJobs() {
    const f = fold(filterInput.value.trim());
    const jobs = allJobs.jobs.filter((j) => !f || fold(j.title + ' ' + j.id).includes(f))
      .sort((a, b) => a.title.localeCompare(b.title, 'fr'));
    $('#jobs-out').replaceChildren(
      h('p', { class: 'summary' }, plural(jobs.length, 'métier', 'métiers')),
      h('ul', { class: 'job-list' }, jobs.map((j) => h('li', null, jobLink(j.id, j.title, j.kind), ' ', levelBadge(j.level)))));
  }

  filterInput.addEventListener('input', () => {
    if (!allJobs) return;
    drawJobs();
    // The filter is part of the shareable URL, without a history entry per key.
    history.replaceState(null, '', pageURL({ jobs: filterInput.value.trim() }));
  });

  // -- Map --

  async function renderMap(p, seq) {
    const family = p.get('map') || '';
    showView('map', 'Carte');
    $('#map-h').textContent = family ? 'Carte de la famille ' + family : 'Carte des métiers';
    const out = $('#map-out');
    const map = h('div', { class: 'map map-wide', id: 'big-map' });
    out.replaceChildren(family ? h('p', null, h('a', { href: pageURL({ map: '' }) }, 'Voir la carte complète')) : h('span'), map);
    await loadSVG(map, apiURL('/svg/map', { family }), family ? 'Carte de la famille ' + family : 'Carte des métiers', () => seq === renderSeq);
    // The family's title is in the SVG when the renderer prints it; the id otherwise.
  }

  // ---- Navigation ----

  // render draws the view the URL names.
  function render(opts) {
    const p = new URLSearchParams(location.search);
    const ds = p.get('dataset') || DEFAULT_DATASET;
    if (ds !== dataset) {
      dataset = ds;
      fromBox.reset();
      toBox.reset();
    }
    $('#dataset').value = dataset;
    const seq = ++renderSeq;
    let done;
    if (p.has('job')) done = renderJob(p, seq);
    else if (p.has('level')) done = renderLevel(p, seq);
    else if (p.has('jobs')) done = renderJobs(p, seq);
    else if (p.has('map')) done = renderMap(p, seq);
    else done = renderPath(p, seq);
    if (opts && (opts.focus || opts.reveal)) {
      Promise.resolve(done).then(() => {
        if (seq !== renderSeq) return;
        const view = document.querySelector('.view:not([hidden])');
        if (!view) return;
        if (opts.focus) {
          // A route with only its end given waits for its start.
          const p = new URLSearchParams(location.search);
          const start = view.id === 'view-path' && p.get('to') && !p.get('from') ? fromInput : null;
          const target = start || view.querySelector('#job-h') || view.querySelector('h1');
          if (target) target.focus({ preventScroll: true });
          return;
        }
        // After a search, bring the answer into view when the form
        // fills the screen, as on a phone.
        const answer = view.querySelector('.out h2, .out .notice');
        if (answer && answer.getBoundingClientRect().top > window.innerHeight * 0.7) {
          answer.scrollIntoView({ block: 'start' });
        }
      });
    }
    return done;
  }

  // go records a new state in the history and draws it.
  function go(params, opts) {
    const url = typeof params === 'string' ? params : pageURL(params);
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
    const keep = opts && opts.keepFocus;
    if (!keep) window.scrollTo(0, 0);
    return render(keep ? { reveal: true } : { focus: true });
  }

  // Same-site links to the page (including the nodes of the SVG maps,
  // which target _top) change the state without reloading.
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest('a');
    if (!a) return;
    const href = a.getAttribute('href') || a.getAttribute('xlink:href');
    if (!href || a.getAttribute('target') === '_blank') return;
    let u;
    try { u = new URL(href, location.href); } catch (_) { return; }
    if (u.origin !== location.origin || u.pathname !== '/') return;
    e.preventDefault();
    go(u.pathname + u.search);
  });

  window.addEventListener('popstate', () => {
    window.scrollTo(0, 0);
    render({ focus: true });
  });

  $('#dataset').addEventListener('change', (e) => {
    const next = e.target.value;
    const p = new URLSearchParams(location.search);
    dataset = next;
    // Ids differ between datasets: keep only what means the same in both.
    const keep = {};
    if (p.has('level')) keep.level = p.get('level');
    else if (p.has('jobs')) keep.jobs = '';
    else if (p.has('map')) keep.map = '';
    fromBox.reset();
    toBox.reset();
    fromInput.value = '';
    toInput.value = '';
    allJobs = null;
    go(keep, { keepFocus: true });
  });

  // The switch shows only when the server has a second dataset.
  getJSON('/healthz').then((doc) => {
    const names = Object.keys((doc && doc.datasets) || {});
    const select = $('#dataset');
    for (const o of Array.from(select.options)) {
      if (!names.includes(o.value)) o.remove();
    }
    if (select.options.length > 1) $('#dataset-box').hidden = false;
    select.value = dataset;
  }).catch(() => {});

  history.scrollRestoration = 'manual';
  render();
})();
