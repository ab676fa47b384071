// The level explorer: the jobs a diploma opens, then where they lead.

import { apiURL, currentDataset, pageURL } from './api.js';
import { $, badge, fold, h, loaded, plural, say } from './dom.js';
import { fillDepth, urlDepth, withAPIDepth, withPageDepth } from './depth.js';
import { allDiplomas, allLevels, levelBadge, levelLabel } from './levels.js';
import { errorBox, jobLink } from './pieces.js';
import { loadSVG } from './svgmap.js';
import { fetchView, go, isCurrent, showView } from './views.js';

fillDepth($('#depth'));

$('#level-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const level = $('#level').value.trim();
  if (!level) {
    $('#level').focus();
    return;
  }
  go(withPageDepth({ level }, $('#depth').value), { keepFocus: true });
});

// fillDiplomas offers the diplomas /api/levels lists in the level field.
export function fillDiplomas() {
  $('#diplomas').replaceChildren(...allDiplomas().map((d) => h('option', { value: d.text }, levelLabel(d.level))));
}

export async function renderLevel(p, seq) {
  const level = (p.get('level') || '').trim();
  const depth = urlDepth(p);
  showView('level', level ? 'Avec ' + level : 'Avec mon diplôme');
  $('#level').value = level;
  $('#depth').value = depth;
  const out = $('#level-out');
  if (!level) {
    loaded(out);
    out.replaceChildren(levelShortcuts());
    return;
  }
  const q = withAPIDepth({ level }, depth);
  const doc = await fetchView(out, apiURL('/api/reachable', q), seq, (err) => {
    out.replaceChildren(errorBox(err), levelShortcuts());
    say(err.message);
  });
  if (!doc) return;
  showRoles(out, doc, level, q, seq);
}

// byDistance groups the jobs of a reach document by their distance.
export function byDistance(roles) {
  const m = new Map();
  for (const r of roles || []) {
    if (r.kind === 'level') continue;
    if (!m.has(r.distance)) m.set(r.distance, []);
    m.get(r.distance).push(r);
  }
  return m;
}

// titlesOf maps the id of every node of a reach document, its start and
// its roles, to the node: roleItem names the way through with it.
export function titlesOf(doc) {
  const titles = new Map();
  for (const j of doc.start || []) titles.set(j.id, j);
  for (const r of doc.roles || []) titles.set(r.id, r);
  return titles;
}

// showWithMap shows the list of a reach document beside a map, and
// returns the element of the map (its id is id), for loadSVG.
export function showWithMap(out, list, id) {
  const map = h('div', { class: 'map', id });
  out.replaceChildren(h('div', { class: 'split' }, list, h('aside', { class: 'map-col', 'aria-label': 'Carte' }, h('h2', null, 'Carte'), map)));
  return map;
}

function showRoles(out, doc, level, q, seq) {
  const titles = titlesOf(doc);
  // Jobs of the repertoire and ROME fiches first; roles the cards cite
  // without a card of their own apart, counted apart.
  const roles = (doc.roles || []).filter((r) => r.kind !== 'level');
  const jobs = roles.filter((r) => r.kind !== 'external');
  const ext = roles.filter((r) => r.kind === 'external');
  const groups = byDistance(jobs);
  const lvl = levelLabel(doc.level);
  const n = jobs.length;
  const above = jobs.filter((r) => levelRank(r.level) > levelRank(doc.level)).length;
  const list = h('div', { class: 'roles' },
    h('h2', { id: 'roles-h', tabindex: '-1' }, 'Avec « ' + level + ' »' + (lvl && fold(lvl) !== fold(level) ? ' (niveau ' + lvl + ')' : '') + ', je peux viser…'),
    h('p', { class: 'summary' }, plural(n, 'métier', 'métiers') + (groups.has(0) ? ', dont ' + groups.get(0).length + ' accessibles directement' : '') + '.'
      + (above ? ' ' + plural(above, 'métier demande', 'métiers demandent') + ' un niveau plus élevé : une étape d’études est indiquée.' : '')
      + (ext.length ? ' À part, ' + plural(ext.length, 'rôle cité', 'rôles cités') + ' par les fiches, sans fiche propre.' : '')));
  const item = (r) => studyFlag(roleItem(r, titles, 'après '), r, doc.level, level);
  for (const d of Array.from(groups.keys()).sort((a, b) => a - b)) {
    const head = d === 0 ? 'Accessibles directement' : d === 1 ? 'Après une évolution' : 'Après ' + d + ' évolutions';
    list.append(h('h3', null, head), h('ul', { class: 'role-list' }, groups.get(d).map(item)));
  }
  if (ext.length) {
    list.append(h('h3', { class: 'role-group-ext' }, 'Rôles hors répertoire (' + ext.length + ')'),
      h('p', { class: 'muted' }, 'Cités par les fiches parmi les perspectives d’évolution, sans fiche propre ni niveau indiqué.'),
      h('ul', { class: 'role-list' }, ext.map(item)));
  }
  if (!n) list.append(h('div', { class: 'notice' }, 'Aucun métier du répertoire n’est indiqué à ce niveau.'));
  const map = showWithMap(out, list, 'level-map');
  say(plural(n, 'métier trouvé', 'métiers trouvés'));
  loadSVG(map, apiURL('/svg/reachable', q), 'Carte des métiers accessibles', () => isCurrent(seq), narrowerMap(q, n));
}

// narrowerMap is the map offered when the map of n jobs is too large to
// draw: the same question on the repertoire’s 35 métiers alone (the
// API’s default dataset), ROME’s fiches left to the list.
function narrowerMap(q, n) {
  if (currentDataset() === 'metiers') return null;
  return {
    url: '/svg/reachable?' + new URLSearchParams(q),
    label: 'Carte des métiers du numérique accessibles',
    why: plural(n, 'métier', 'métiers') + ' en tout, trop pour une carte lisible. La liste les donne tous ; la carte peut montrer les seuls métiers du numérique (répertoire « cœur du numérique »), sans les fiches ROME.',
    button: 'Voir la carte des seuls métiers du numérique',
  };
}

// roleItem shows a role with the job it is reached through (viaWord
// "après ") or leads to ("vers ").
export function roleItem(r, titles, viaWord) {
  const li = h('li', { class: 'role' + (r.kind === 'external' ? ' step-ext' : '') },
    jobLink(r.id, r.title, r.kind), ' ', levelBadge(r.level),
    r.kind === 'external' ? badge('hors répertoire', 'ext', 'Rôle cité par une fiche, sans fiche propre') : null);
  const via = r.via && titles.get(r.via);
  if (via && via.kind !== 'level' && r.distance > 0) {
    li.append(h('span', { class: 'via' }, viaWord, jobLink(via.id, via.title, via.kind)));
  }
  return li;
}

// levelRank orders level ids as /api/levels does, -1 for none.
function levelRank(id) {
  return id ? allLevels().findIndex((l) => l.id === id) : -1;
}

// studyFlag marks a role above the diploma's level, as the route view
// does, with the study step it needs: a link to the route that shows it.
function studyFlag(li, r, have, text) {
  if (levelRank(r.level) <= levelRank(have) || levelRank(have) < 0) return li;
  li.append(' ', badge('niveau requis plus élevé', 'warn', 'Ce métier demande au minimum ' + levelLabel(r.level) + ', plus que ' + levelLabel(have)),
    h('a', { class: 'study-link', href: pageURL({ from: text, to: r.id }) },
      'étape d’études : de ' + levelLabel(have) + ' à ' + levelLabel(r.level)));
  return li;
}

function levelShortcuts() {
  return h('div', { class: 'examples' }, h('h2', null, 'Choisir un niveau'),
    h('ul', { class: 'inline-list' }, allLevels().map((l) =>
      h('li', null, h('a', { href: pageURL({ level: l.id }) }, l.label)))));
}
