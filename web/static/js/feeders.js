// « Qui devient … ? »: the jobs that lead to a job, step by step, and the
// diploma level that opens it, shown as a level, not as a job (the API's
// feeders follow evolutions and close jobs only).

import { apiURL, getJSON, pageURL } from './api.js';
import { $, h, loaded, loading, plural, say } from './dom.js';
import { combobox, fieldValue, setField } from './combobox.js';
import { levelLabel } from './levels.js';
import { byDistance, roleItem } from './level.js';
import { chooser, familyTitles, unknownChooser } from './choose.js';
import { errorBox, jobLink } from './pieces.js';
import { loadSVG } from './svgmap.js';
import { go, isCurrent, showView } from './views.js';

const input = $('#feeders-to');
const box = combobox(input, false);

// resetFeedersField empties the field, as a change of dataset asks.
export function resetFeedersField() {
  box.reset();
  input.value = '';
}

$('#feeders-form').addEventListener('submit', (e) => {
  e.preventDefault();
  box.cancel();
  const to = fieldValue(input);
  if (!to) {
    input.focus();
    return;
  }
  const p = { feeders: to };
  if ($('#feeders-depth').value !== '2') p.depth = $('#feeders-depth').value;
  go(p, { keepFocus: true });
});

export async function renderFeeders(p, seq) {
  const to = (p.get('feeders') || '').trim();
  const depth = ['0', '1', '2', '3'].includes(p.get('depth')) ? p.get('depth') : '2';
  showView('feeders', to ? 'Qui devient ' + to : 'Qui devient…');
  if (fieldValue(input) !== to) setField(input, to);
  $('#feeders-depth').value = depth;
  const out = $('#feeders-out');
  if (!to) {
    loaded(out);
    out.replaceChildren();
    return;
  }
  loading(out);
  const q = { to };
  if (depth !== '0') q.depth = depth;
  let doc;
  try {
    doc = await getJSON(apiURL('/api/feeders', q));
  } catch (err) {
    if (!isCurrent(seq)) return;
    loaded(out);
    const fix = (s) => pageURL(depth === '2' ? { feeders: s.id } : { feeders: s.id, depth });
    const pick = unknownChooser(err, to, 'to', fix);
    out.replaceChildren(pick || errorBox(err, fix));
    say(pick ? 'Lequel voulez-vous dire ? ' + plural(err.suggestions.length, 'métier proche', 'métiers proches') + '.' : err.message);
    return;
  }
  if (!isCurrent(seq)) return;
  loaded(out);
  if (doc.ambiguities && doc.ambiguities.length) {
    const titles = await familyTitles(doc.ambiguities);
    if (!isCurrent(seq)) return;
    const urlFor = (_, id) => pageURL(depth === '2' ? { feeders: id } : { feeders: id, depth });
    // The list and the map are drawn for one job: no « answer with all ».
    out.replaceChildren(chooser(doc.ambiguities, urlFor, null, titles));
    say('Lequel voulez-vous dire ? « ' + to + ' » désigne ' + (doc.ambiguities[0].candidates || []).length + ' métiers.');
    return;
  }
  showFeeders(out, doc, q, seq);
}

function stepsHead(d) {
  return d === 1 ? 'Y mènent directement' : 'En ' + d + ' étapes';
}

function showFeeders(out, doc, q, seq) {
  const target = (doc.start || [])[0] || {};
  const titles = new Map();
  for (const j of doc.start || []) titles.set(j.id, j);
  for (const r of doc.roles || []) titles.set(r.id, r);
  const groups = byDistance(doc.roles);
  groups.delete(0);
  const n = Array.from(groups.values()).reduce((a, l) => a + l.length, 0);
  const list = h('div', { class: 'roles' },
    h('h2', { id: 'feeders-res-h', tabindex: '-1' }, 'Qui devient ', jobLink(target.id, target.title, target.kind), ' ?'),
    h('p', { class: 'summary' }, plural(n, 'métier y mène', 'métiers y mènent') + '.',
      target.level ? [' Accès direct avec un diplôme de niveau ',
        h('a', { class: 'badge badge-level', href: pageURL({ level: target.level }) }, levelLabel(target.level))] : null));
  for (const d of Array.from(groups.keys()).sort((a, b) => a - b)) {
    list.append(h('h3', null, stepsHead(d)), h('ul', { class: 'role-list' }, groups.get(d).map((r) => roleItem(r, titles, 'vers '))));
  }
  if (!n) list.append(h('div', { class: 'notice' }, 'Aucun métier du référentiel n’indique d’évolution vers celui-ci.'));
  const map = h('div', { class: 'map', id: 'feeders-map' });
  out.replaceChildren(h('div', { class: 'split' }, list, h('aside', { class: 'map-col', 'aria-label': 'Carte' }, h('h2', null, 'Carte'), map)));
  say(plural(n, 'métier trouvé', 'métiers trouvés'));
  loadSVG(map, apiURL('/svg/feeders', q), 'Carte des métiers qui mènent à ' + (target.title || q.to), () => isCurrent(seq));
}
