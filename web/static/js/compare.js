// « Comparer » : two or three jobs side by side, from their ROME 4.0
// skills: what they share, what only each lists, the similarity score of
// every pair, their levels and the official moves between them.

import { apiURL, currentDataset, jobURL, pageURL } from './api.js';
import { $, h, plural, say } from './dom.js';
import { levelBadge } from './levels.js';
import { EDGE_TYPES, errorBox } from './pieces.js';
import { skillItem } from './skills.js';
import { fetchView, go, showView } from './views.js';

const SHOWN = 25;

// skillList lists skills, the first SHOWN at once and the rest on demand.
function skillList(skills, empty) {
  if (!skills.length) return h('p', { class: 'muted' }, empty);
  const list = h('ul', { class: 'skill-list' }, skills.slice(0, SHOWN).map(skillItem));
  if (skills.length <= SHOWN) return list;
  return h('div', null, list, h('details', null, h('summary', null, 'Voir les ' + (skills.length - SHOWN) + ' autres'),
    h('ul', { class: 'skill-list' }, skills.slice(SHOWN).map(skillItem))));
}

function jobColumn(j, only) {
  return h('section', { class: 'compare-col', 'data-job': j.id },
    h('h2', null, h('a', { href: jobURL(j.id) }, j.title)),
    h('p', { class: 'badges' }, levelBadge(j.level), ' ', j.id),
    h('p', { class: 'facts' }, plural(j.counts.total, 'compétence', 'compétences') + ', dont ' + j.counts.principal + ' de cœur de métier'),
    h('h3', null, 'Seulement ici (' + only.length + ')'),
    skillList(only, 'Aucune compétence propre.'));
}

function pairItem(p, jobs) {
  const title = (id) => (jobs.find((j) => j.id === id) || { title: id }).title;
  const step = p.level_step === undefined ? '' : ' · écart de niveau ' + (p.level_step > 0 ? '+' : '') + p.level_step;
  return h('li', { class: 'pair' },
    h('strong', null, title(p.a) + ' ↔ ' + title(p.b)), ' : ',
    h('span', { class: 'score' }, 'similarité ' + p.score.toFixed(2)),
    ' (seuil des suggestions ' + p.threshold.toFixed(2) + ') · ' + p.shared + ' en commun' + step,
    p.links.length
      ? h('ul', null, p.links.map((l) => h('li', { class: 'official' }, 'Mobilité officielle : ' + title(l.from) + ' → ' + title(l.to) +
        ' (' + (EDGE_TYPES[l.type] || l.type) + ', ' + l.evidence + ')')))
      : h('p', { class: 'muted' }, 'Aucune mobilité officielle entre eux.'));
}

function compareForm(ids) {
  const field = (k) => h('div', { class: 'field' }, h('label', { for: 'compare-' + k }, 'Métier ' + k.toUpperCase()),
    h('input', { id: 'compare-' + k, name: k, type: 'text', value: ids['abc'.indexOf(k)] || '', autocomplete: 'off', spellcheck: 'false' }));
  const form = h('form', { class: 'finder', id: 'compare-form', novalidate: true },
    field('a'), field('b'), field('c'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Comparer')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = ['a', 'b', 'c'].map((k) => form.elements[k].value.trim()).filter(Boolean);
    go({ compare: v.join(',') }, { keepFocus: true });
  });
  return form;
}

export async function renderCompare(p, seq) {
  const ids = (p.get('compare') || '').split(',').map((s) => s.trim()).filter(Boolean);
  showView('compare', 'Comparer');
  const out = $('#compare-out');
  const head = [h('h1', { id: 'compare-h', tabindex: '-1' }, 'Comparer des métiers'),
    h('p', { class: 'lead' }, 'Deux ou trois métiers côte à côte, d’après leurs compétences ROME 4.0 : codes de fiche ROME (M1876) ou, sur « all », identifiants du répertoire.'),
    compareForm(ids)];
  if (ids.length < 2) {
    out.replaceChildren(...head, currentDataset() === 'metiers'
      ? h('p', { class: 'notice' }, 'Les compétences viennent de ROME 4.0 : choisissez le référentiel ROME.') : null);
    return;
  }
  const doc = await fetchView(out, apiURL('/api/compare', { jobs: ids.join(',') }), seq, (err) => {
    out.replaceChildren(...head, errorBox(err, (s) => pageURL({ compare: ids.map((x) => (x === s.text ? s.id : x)).join(',') })));
    say(err.message);
  }, 'Comparaison…');
  if (!doc) return;
  out.replaceChildren(...head,
    h('ul', { class: 'pairs' }, doc.pairs.map((x) => pairItem(x, doc.jobs))),
    h('section', { class: 'card-part compare-shared' }, h('h2', null, 'En commun (' + doc.shared.length + ')'),
      skillList(doc.shared, 'Aucune compétence commune.')),
    h('div', { class: 'compare-grid' }, doc.jobs.map((j, k) => jobColumn(j, doc.only[k]))),
    h('p', { class: 'muted source' }, 'Méthode : ' + doc.method + '. Source : ' + doc.source + '.'));
  out.querySelector('.compare-grid').classList.add('cols-' + doc.jobs.length);
  say('Comparaison de ' + doc.jobs.map((j) => j.title).join(', '));
}
