// The path finder: from a job or a diploma to the job aimed at.

import { apiURL, currentDataset, pageURL } from './api.js';
import { $, badge, h, loaded, plural, say } from './dom.js';
import { combobox, fieldValue, setField } from './combobox.js';
import { levelBadge, levelLabel } from './levels.js';
import { answerError, askWhich } from './choose.js';
import { gapBlock } from './gap.js';
import { EDGE_TYPES, jobLink, saysBlock, sourceName, sourcesLine } from './pieces.js';
import { printPlan } from './print.js';
import { loadSVG } from './svgmap.js';
import { fetchView, go, isCurrent, showView } from './views.js';

export const fromInput = $('#from');
const toInput = $('#to');
const boxes = [combobox(fromInput, true), combobox(toInput, false)];

// resetPathFields empties the fields, as a change of dataset asks.
export function resetPathFields() {
  for (const b of boxes) b.reset();
  fromInput.value = '';
  toInput.value = '';
}

$('#path-form').addEventListener('submit', (e) => {
  e.preventDefault();
  for (const b of boxes) b.cancel();
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

function readQuery(p) {
  return {
    from: p.get('from') || '',
    to: p.get('to') || '',
    k: ['1', '3', '5'].includes(p.get('k')) ? p.get('k') : '3',
    by: p.get('by') === 'effort' ? 'effort' : 'steps',
  };
}

function apiQuery({ from, to, k, by }) {
  const q = { from, to, k };
  if (by === 'effort') q.by = 'effort';
  return q;
}

export async function renderPath(p, seq) {
  const q = readQuery(p);
  showView('path', q.from && q.to ? 'Parcours' : '');
  if (fieldValue(fromInput) !== q.from) setField(fromInput, q.from);
  if (fieldValue(toInput) !== q.to) setField(toInput, q.to);
  $('#k').value = q.k;
  $('#by').value = q.by;
  const out = $('#path-out');
  if (!q.from || !q.to) {
    loaded(out);
    out.replaceChildren(homeExamples());
    return;
  }
  const doc = await fetchView(out, apiURL('/api/path', apiQuery(q)), seq, (err) => {
    const fixFrom = err.message.includes('« ' + q.from + ' »');
    const fix = (s) => pageURL(Object.assign(pageQuery(q), { [fixFrom ? 'from' : 'to']: s.id }));
    answerError(out, err, fixFrom ? q.from : q.to, fixFrom ? 'from' : 'to', fix);
  }, 'Recherche du parcours…');
  if (!doc) return;
  const urlFor = (param, id) => pageURL(Object.assign(pageQuery(q), { [param]: id }));
  if (await askWhich(out, doc, seq, urlFor, () => showRoutes(out, doc, q, seq))) return;
  showRoutes(out, doc, q, seq);
}

// pageQuery is the page URL's parameters for q.
function pageQuery({ from, to, k, by }) {
  const p = { from, to };
  if (k !== '3') p.k = k;
  if (by === 'effort') p.by = 'effort';
  return p;
}

function showRoutes(out, doc, q, seq) {
  const routes = h('div', { class: 'routes' }, h('h2', { id: 'routes-h', tabindex: '-1' }, 'Parcours proposés'), pathSummary(doc, q.from, q.to));
  if (!doc.paths || !doc.paths.length) {
    routes.append(h('div', { class: 'notice' }, doc.message || 'Aucun parcours connu ne mène du départ à l’arrivée.'));
    routes.append(h('p', null, 'Pistes : ', h('a', { href: pageURL({ feeders: (doc.to[0] || {}).id }) }, 'voir qui devient le métier visé'), '.'));
  }
  const paths = doc.paths || [];
  paths.forEach((path, i) => routes.append(routeBlock(path, i, doc)));
  const map = h('div', { class: 'map', id: 'path-map' });
  // A route reads left to right: its map takes the page's whole width.
  out.replaceChildren(routes, h('section', { class: 'map-wide-col', 'aria-label': 'Carte du parcours' }, h('h2', null, 'Carte'), map));
  say(paths.length ? plural(paths.length, 'parcours trouvé', 'parcours trouvés') : (doc.message || 'Aucun parcours'));
  if (paths.length) loadSVG(map, apiURL('/svg/path', apiQuery(q)), 'Carte du parcours', () => isCurrent(seq));
  else map.replaceChildren(h('p', { class: 'muted' }, 'Pas de carte sans parcours.'));
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
  const sources = sourcesLine((doc.paths || []).flatMap((r) => r.steps || []));
  if (sources) p.append(' ' + sources);
  return p;
}

function routeBlock(path, i, doc) {
  const steps = path.steps || [];
  const last = steps[steps.length - 1] || {};
  const jumps = steps.filter((s) => s.raises_level).length;
  const studies = steps.filter((s) => s.type === 'formation').length;
  const head = h('h3', null, 'Parcours ' + (i + 1) + ' : ' + plural(path.hops, 'changement de métier', 'changements de métier'));
  const meta = h('p', { class: 'route-meta' }, 'Vers ' + (last.title || ''));
  if (doc.by === 'effort') meta.append(' · effort ' + path.cost);
  if (jumps) meta.append(' · ', badge(plural(jumps, 'montée de niveau', 'montées de niveau'), 'warn'));
  if (studies) meta.append(' · ', badge(plural(studies, 'étape d’études', 'étapes d’études'), 'study', 'Étape calculée par nos soins à partir de ce que la fiche du métier visé dit de la formation'));
  const ol = h('ol', { class: 'steps' });
  steps.forEach((s, j) => ol.append(stepItem(s, j === 0 ? null : steps[j - 1], doc)));
  const section = h('section', { class: 'route', 'aria-label': 'Parcours ' + (i + 1) }, head, meta, ol);
  const print = h('button', { type: 'button', class: 'small-button print-button' }, 'Imprimer le plan');
  print.addEventListener('click', () => printPlan(section, steps));
  section.append(h('p', { class: 'route-actions' }, print));
  return section;
}

function stepBadges(s, prev) {
  if (s.type === 'formation') {
    return [badge('étape calculée', 'study', 'Pas un métier : une poursuite d’études ou une formation continue, calculée par nos soins à partir de la fiche du métier visé'),
      badge('niveau requis plus élevé', 'warn', 'Le métier visé demande au minimum ' + levelLabel(s.level) + (prev && prev.level ? ', plus que ' + levelLabel(prev.level) : ''))];
  }
  return [
    s.kind === 'level' ? badge('Diplôme', 'level') : levelBadge(s.level),
    s.kind === 'external' ? badge('hors répertoire', 'ext', 'Rôle cité par une fiche, sans fiche propre') : null,
    s.raises_level ? badge('niveau requis plus élevé', 'warn',
      'Ce métier demande au minimum ' + levelLabel(s.level) + (prev && prev.level ? ', plus que ' + levelLabel(prev.level) : '')) : null,
  ];
}

function startText(s, doc) {
  if (s.kind !== 'level') return 'Départ';
  return doc.level && s.level !== doc.level
    ? 'Départ : niveau couvert par le diplôme (' + levelLabel(doc.level) + ')'
    : 'Départ : le diplôme obtenu';
}

function stepItem(s, prev, doc) {
  const li = h('li', { class: 'step' + (s.raises_level ? ' step-raise' : '') + (s.kind === 'external' ? ' step-ext' : '') + (s.type === 'formation' ? ' step-study' : ''),
    'data-source': s.source || null });
  const title = s.type === 'formation' ? h('span', { class: 'job-title' }, 'Études ou formation jusqu’à ' + s.title) : jobLink(s.id, s.title, s.kind);
  li.append(h('div', { class: 'step-head' }, title, ' ', stepBadges(s, prev)));
  if (!prev) {
    li.append(h('p', { class: 'how' }, startText(s, doc)));
    return li;
  }
  const from = s.type === 'access' || s.type === 'formation' ? '' : ' depuis « ' + prev.title + ' »';
  li.append(h('p', { class: 'how' }, (EDGE_TYPES[s.type] || 'Étape') + from,
    s.source ? [' · ', h('span', { class: 'step-source' }, 'source : ' + sourceName(s.source))] : null));
  for (const part of [saysBlock(s, prev.kind === 'level' ? '' : prev.title), gapBlock(s)]) {
    if (part) li.append(part);
  }
  return li;
}

function homeExamples() {
  const ex = [
    [{ from: 'technicien', to: 'architecte cloud' }, 'De technicien à architecte cloud'],
    [{ from: 'BTS', to: 'data scientist' }, 'D’un BTS à data scientist'],
    [{ level: 'BTS' }, 'Avec un BTS, je peux viser…'],
    [{ feeders: 'data-scientist' }, 'Qui devient data scientist ?'],
    [{ job: 'architecte-logiciel' }, 'La fiche Architecte logiciel'],
  ];
  // The examples name jobs of the repertoire.
  if (!['all', 'metiers'].includes(currentDataset())) return h('div');
  return h('div', { class: 'examples' }, h('h2', null, 'Exemples'),
    h('ul', { class: 'inline-list' }, ex.map(([p, t]) => h('li', null, h('a', { href: pageURL(p) }, t)))));
}
