// Skills from ROME 4.0 on the job page: the job's skills grouped by kind
// and category, core first, emerging marked; and the jobs whose skills
// resemble it, labelled as suggestions, never as official moves.

import { apiURL, getJSON, pageURL } from './api.js';
import { badge, h, plural } from './dom.js';
import { levelBadge } from './levels.js';
import { jobLink } from './pieces.js';

export const KIND_TITLES = { 'savoir-faire': 'Savoir-faire', 'savoir-etre': 'Savoir-être professionnels', savoir: 'Savoirs' };

export const SUGGESTION_NOTE = 'suggestion d’après les compétences, non officielle';

// skillItem is one skill: its label, a mark for a core or emerging skill,
// and the fiches it comes from when there are several.
export function skillItem(s) {
  return h('li', { class: 'skill' + (s.core ? ' skill-' + s.core : '') }, s.label,
    s.core === 'principale' ? badge('cœur de métier', 'core') : null,
    s.core === 'emergente' ? badge('émergente', 'emerging') : null,
    s.fiches && s.fiches.length ? h('span', { class: 'muted' }, ' (' + s.fiches.join(', ') + ')') : null);
}

// skillsSection lists the skills of a job's card (doc.skills).
export function skillsSection(sk) {
  const s = h('section', { class: 'card-part skills', id: 'job-skills' }, h('h2', null, 'Compétences (ROME 4.0)'));
  const c = sk.counts;
  s.append(h('p', { class: 'facts' }, plural(c.total, 'compétence', 'compétences') + ' · ' +
    plural(c.principal, 'de cœur de métier', 'de cœur de métier') + ' · ' + plural(c.emerging, 'émergente', 'émergentes')));
  if (sk.fiches.length > 1 || sk.fiches[0].id !== sk.job) {
    s.append(h('p', { class: 'muted' }, 'D’après les fiches ROME reliées : ',
      sk.fiches.map((f, i) => [i ? ', ' : '', h('a', { href: '/?job=' + encodeURIComponent(f.id) + '&dataset=rome' }, f.id + ' ' + (f.title || ''))])));
  }
  let kind = '';
  let box = null;
  for (const g of sk.groups) {
    if (g.kind !== kind) {
      kind = g.kind;
      box = h('div', { class: 'skill-kind' }, h('h3', null, KIND_TITLES[kind] || kind));
      s.append(box);
    }
    box.append(h('details', { open: g.skills.some((x) => x.core === 'principale') },
      h('summary', null, (g.category || 'Sans catégorie') + ' (' + g.skills.length + ')'),
      h('ul', { class: 'skill-list' }, g.skills.map(skillItem))));
  }
  s.append(h('p', { class: 'muted source' }, 'Source : ' + sk.source));
  return s;
}

// suggestionsSection fills a section with the jobs close by their skills;
// current says whether the page still shows the job.
export async function suggestionsSection(box, id, current) {
  let doc;
  try {
    doc = await getJSON(apiURL('/api/suggest', { from: id, limit: 8 }));
  } catch (_) {
    if (current()) box.remove();
    return;
  }
  if (!current()) return;
  box.replaceChildren(h('h2', null, 'Métiers proches par les compétences'),
    h('p', { class: 'notice suggestion-note' }, 'Chaque métier ci-dessous est une ' + SUGGESTION_NOTE +
      ' : ses compétences ressemblent à celles de ce métier (seuil ' + doc.calibration.threshold.toFixed(2) + '), aucune mobilité officielle n’y mène.'));
  if (!doc.suggestions.length) box.append(h('p', { class: 'muted' }, 'Aucun métier ne dépasse le seuil.'));
  box.append(h('ul', { class: 'link-list suggestions' }, doc.suggestions.map((s) => h('li', { class: 'link suggestion', 'data-kind': s.kind },
    h('div', { class: 'step-head' }, jobLink(s.id, s.title, 'job'), ' ', levelBadge(s.level), badge('suggestion', 'suggestion', SUGGESTION_NOTE)),
    h('p', { class: 'muted' }, 'Similarité ' + s.score.toFixed(2) + ' · ' + plural(s.shared, 'compétence commune', 'compétences communes') +
      ' · ' + s.missing + ' à acquérir, dont ' + s.missing_core + ' de cœur de métier · ',
    h('a', { href: pageURL({ compare: id + ',' + s.id }) }, 'comparer'))))));
}
