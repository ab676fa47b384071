// The level explorer: the jobs a diploma opens, then where they lead.

import { apiURL, getJSON, pageURL } from './api.js';
import { $, badge, fold, h, loaded, loading, plural, say } from './dom.js';
import { allDiplomas, allLevels, levelBadge, levelLabel } from './levels.js';
import { errorBox, jobLink } from './pieces.js';
import { loadSVG } from './svgmap.js';
import { go, isCurrent, showView } from './views.js';

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

// fillDiplomas offers the diplomas /api/levels lists in the level field.
export function fillDiplomas() {
  $('#diplomas').replaceChildren(...allDiplomas().map((d) => h('option', { value: d.text }, levelLabel(d.level))));
}

export async function renderLevel(p, seq) {
  const level = (p.get('level') || '').trim();
  const depth = ['0', '1', '2', '3'].includes(p.get('depth')) ? p.get('depth') : '2';
  showView('level', level ? 'Avec ' + level : 'Avec mon diplôme');
  $('#level').value = level;
  $('#depth').value = depth;
  const out = $('#level-out');
  if (!level) {
    loaded(out);
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
    if (!isCurrent(seq)) return;
    loaded(out);
    out.replaceChildren(errorBox(err), levelShortcuts());
    say(err.message);
    return;
  }
  if (!isCurrent(seq)) return;
  loaded(out);
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

function showRoles(out, doc, level, q, seq) {
  const titles = new Map();
  for (const j of doc.start || []) titles.set(j.id, j);
  for (const r of doc.roles || []) titles.set(r.id, r);
  const groups = byDistance(doc.roles);
  const lvl = levelLabel(doc.level);
  const n = Array.from(groups.values()).reduce((a, l) => a + l.length, 0);
  const list = h('div', { class: 'roles' },
    h('h2', { id: 'roles-h', tabindex: '-1' }, 'Avec « ' + level + ' »' + (lvl && fold(lvl) !== fold(level) ? ' (niveau ' + lvl + ')' : '') + ', je peux viser…'),
    h('p', { class: 'summary' }, plural(n, 'métier', 'métiers') + (groups.has(0) ? ', dont ' + groups.get(0).length + ' accessibles directement' : '') + '.'));
  for (const d of Array.from(groups.keys()).sort((a, b) => a - b)) {
    const head = d === 0 ? 'Accessibles directement' : d === 1 ? 'Après une évolution' : 'Après ' + d + ' évolutions';
    list.append(h('h3', null, head), h('ul', { class: 'role-list' }, groups.get(d).map((r) => roleItem(r, titles, 'après '))));
  }
  if (!n) list.append(h('div', { class: 'notice' }, 'Aucun métier du répertoire n’est indiqué à ce niveau.'));
  const map = h('div', { class: 'map', id: 'level-map' });
  out.replaceChildren(h('div', { class: 'split' }, list, h('aside', { class: 'map-col', 'aria-label': 'Carte' }, h('h2', null, 'Carte'), map)));
  say(plural(n, 'métier trouvé', 'métiers trouvés'));
  loadSVG(map, apiURL('/svg/reachable', q), 'Carte des métiers accessibles', () => isCurrent(seq));
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

function levelShortcuts() {
  return h('div', { class: 'examples' }, h('h2', null, 'Choisir un niveau'),
    h('ul', { class: 'inline-list' }, allLevels().map((l) =>
      h('li', null, h('a', { href: pageURL({ level: l.id }) }, l.label)))));
}
