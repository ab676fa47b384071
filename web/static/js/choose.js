// « Lequel voulez-vous dire ? »: when a text of a query names several
// jobs with close scores (the API's "ambiguities"), the page asks which
// one before answering. An exact title, id or synonym never asks: the API
// reports no ambiguity then.

import { h } from './dom.js';
import { levelLabel } from './levels.js';

const DATASETS = { metiers: 'répertoire « cœur du numérique »', rome: 'ROME 4.0', 'rome-v3': 'ROME v3' };
const ROLES = { from: 'comme point de départ', to: 'comme métier visé' };

function candidateMeta(c) {
  return [
    c.family ? 'famille ' + c.family : null,
    c.level ? levelLabel(c.level) : 'niveau non indiqué',
    c.kind === 'external' ? 'hors répertoire' : null,
    DATASETS[c.dataset] || c.dataset || null,
  ].filter(Boolean).join(' · ');
}

// chooser returns the question for ambiguities: each candidate is a link
// to urlFor(param, id). answerAll, when given, is what the button that
// answers with every candidate at once does.
export function chooser(ambiguities, urlFor, answerAll) {
  const box = h('section', { class: 'choose', 'aria-labelledby': 'choose-h' },
    h('h2', { id: 'choose-h', tabindex: '-1' }, 'Lequel voulez-vous dire ?'));
  for (const a of ambiguities) {
    const cands = a.candidates || [];
    box.append(h('p', null, '« ' + a.text + ' » ' + (ROLES[a.param] || '') + ' désigne ' + cands.length + ' métiers. Choisissez-en un :'),
      h('ul', { class: 'choices' }, cands.map((c) => h('li', null,
        h('a', { class: 'choice', href: urlFor(a.param, c.id) },
          h('span', { class: 'choice-title' }, c.title), ' ', h('span', { class: 'choice-meta' }, candidateMeta(c)))))));
  }
  if (answerAll) {
    const b = h('button', { type: 'button', class: 'small-button' }, 'Répondre avec tous ces métiers');
    b.addEventListener('click', answerAll);
    box.append(h('p', null, b));
  }
  return box;
}
