// « Qui devient … ? »: the jobs that lead to a job, step by step, and the
// diploma level that opens it, shown as a level, not as a job (the API's
// feeders follow evolutions and close jobs only).

import { apiURL, pageURL } from './api.js';
import { $, h, loaded, plural, say } from './dom.js';
import { combobox, fieldValue, setField } from './combobox.js';
import { fillDepth, urlDepth, withAPIDepth, withPageDepth } from './depth.js';
import { levelLabel } from './levels.js';
import { byDistance, roleItem, showWithMap, titlesOf } from './level.js';
import { answerError, askWhich } from './choose.js';
import { jobLink } from './pieces.js';
import { loadSVG } from './svgmap.js';
import { fetchView, go, isCurrent, showView } from './views.js';

const input = $('#feeders-to');
const box = combobox(input, false);

// resetFeedersField empties the field, as a change of dataset asks.
export function resetFeedersField() {
  box.reset();
  input.value = '';
}

fillDepth($('#feeders-depth'));

$('#feeders-form').addEventListener('submit', (e) => {
  e.preventDefault();
  box.cancel();
  const to = fieldValue(input);
  if (!to) {
    input.focus();
    return;
  }
  go(withPageDepth({ feeders: to }, $('#feeders-depth').value), { keepFocus: true });
});

export async function renderFeeders(p, seq) {
  const to = (p.get('feeders') || '').trim();
  const depth = urlDepth(p);
  showView('feeders', to ? 'Qui devient ' + to : 'Qui devient…');
  if (fieldValue(input) !== to) setField(input, to);
  $('#feeders-depth').value = depth;
  const out = $('#feeders-out');
  if (!to) {
    loaded(out);
    out.replaceChildren();
    return;
  }
  const q = withAPIDepth({ to }, depth);
  const doc = await fetchView(out, apiURL('/api/feeders', q), seq,
    (err) => answerError(out, err, to, 'to', (s) => pageURL(withPageDepth({ feeders: s.id }, depth))));
  if (!doc) return;
  // The list and the map are drawn for one job: no « answer with all ».
  if (await askWhich(out, doc, seq, (_, id) => pageURL(withPageDepth({ feeders: id }, depth)), null)) return;
  showFeeders(out, doc, q, seq);
}

function stepsHead(d) {
  return d === 1 ? 'Y mènent directement' : 'En ' + d + ' étapes';
}

function showFeeders(out, doc, q, seq) {
  const target = (doc.start || [])[0] || {};
  const titles = titlesOf(doc);
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
  const map = showWithMap(out, list, 'feeders-map');
  say(plural(n, 'métier trouvé', 'métiers trouvés'));
  loadSVG(map, apiURL('/svg/feeders', q), 'Carte des métiers qui mènent à ' + (target.title || q.to), () => isCurrent(seq));
}
