// « Lequel voulez-vous dire ? »: when a text of a query names several
// jobs with close scores (the API's "ambiguities"), the page asks which
// one before answering. An exact title, id or synonym never asks: the API
// reports no ambiguity then.

import { apiURL, getJSON } from './api.js';
import { h, plural, say } from './dom.js';
import { levelLabel } from './levels.js';
import { errorBox } from './pieces.js';
import { isCurrent } from './views.js';

const DATASETS = { metiers: 'répertoire « cœur du numérique »', rome: 'ROME 4.0', 'rome-v3': 'ROME v3' };
let questions = 0;

const ROLES = { from: 'comme point de départ', to: 'comme métier visé' };

// familyTitles reads the title of each candidate's family (or ROME
// domain) from its card, as the candidates give only the family's id.
async function familyTitles(ambiguities) {
  const cands = ambiguities.flatMap((a) => a.candidates || []).filter((c) => c.family && c.kind !== 'level');
  const titles = new Map();
  await Promise.all(cands.map(async (c) => {
    try {
      const doc = await getJSON(apiURL('/api/jobs/' + encodeURIComponent(c.id)));
      if (doc.family_title) titles.set(c.id, doc.family_title);
    } catch (_) {
      // Without its card, the candidate is shown without its family.
    }
  }));
  return titles;
}

function candidateMeta(c, titles) {
  return [
    titles && titles.has(c.id) ? titles.get(c.id) : null,
    c.level ? levelLabel(c.level) : 'niveau non indiqué',
    c.kind === 'external' ? 'hors répertoire' : null,
    DATASETS[c.dataset] || c.dataset || null,
  ].filter(Boolean).join(' · ');
}

// chooser returns the question for ambiguities: each candidate is a link
// to urlFor(param, id), with its family's title from titles (as
// familyTitles reads them). answerAll, when given, is what the button
// that answers with every candidate at once does.
function chooser(ambiguities, urlFor, answerAll, titles) {
  const box = question();
  for (const a of ambiguities) {
    const cands = a.candidates || [];
    box.append(h('p', null, '« ' + a.text + ' » ' + (ROLES[a.param] || '') + ' désigne ' + cands.length + ' métiers. Choisissez-en un :'),
      choices(cands, (c) => urlFor(a.param, c.id), (c) => candidateMeta(c, titles)));
  }
  if (answerAll) {
    const b = h('button', { type: 'button', class: 'small-button' }, 'Répondre avec tous ces métiers');
    b.addEventListener('click', answerAll);
    box.append(h('p', null, b));
  }
  return box;
}

// question returns the box of « Lequel voulez-vous dire ? », empty.
function question() {
  // Two views may each hold a question: each has its own heading id.
  const id = 'choose-h-' + (++questions);
  return h('section', { class: 'choose', 'aria-labelledby': id },
    h('h2', { id, tabindex: '-1' }, 'Lequel voulez-vous dire ?'));
}

// choices is the list of candidates, each a link to href(c).
function choices(cands, href, meta) {
  return h('ul', { class: 'choices' }, cands.map((c) => {
    const m = meta ? meta(c) : '';
    return h('li', null, h('a', { class: 'choice', href: href(c) },
      h('span', { class: 'choice-title' }, c.title), m ? [' ', h('span', { class: 'choice-meta' }, m)] : null));
  }));
}

// unknownChooser returns, for an unknown job's error that carries
// suggestions, the question « Lequel voulez-vous dire ? » with each
// suggestion a link to href(suggestion); without suggestions, null.
// text is what was typed, param which field it was (from or to).
function unknownChooser(err, text, param, href) {
  if (err.code !== 'unknown_job' || !err.suggestions || !err.suggestions.length) return null;
  const box = question();
  box.setAttribute('role', 'alert');
  box.append(h('p', null, 'Aucun métier ne s’appelle « ' + text + ' » ' + (ROLES[param] || '') + '. Choisissez parmi les plus proches :'),
    choices(err.suggestions, href, null),
    h('p', { class: 'muted' }, 'Ou corrigez le mot dans le formulaire.'));
  return box;
}

// answerError shows the error of a query in out, and says it: for an
// unknown job with suggestions, the question « Lequel voulez-vous dire ? »
// (unknownChooser: text is what was typed, param its field); otherwise
// the error. Each suggestion links to fix(suggestion).
export function answerError(out, err, text, param, fix) {
  const pick = unknownChooser(err, text, param, fix);
  out.replaceChildren(pick || errorBox(err, fix));
  say(pick ? 'Lequel voulez-vous dire ? ' + plural(err.suggestions.length, 'métier proche', 'métiers proches') + '.' : err.message);
}

// askWhich asks in out which job each text of doc's ambiguities means
// (chooser, with urlFor and answerAll), unless the search seq has been
// overtaken while the families were read. It returns whether doc had
// ambiguities to ask about.
export async function askWhich(out, doc, seq, urlFor, answerAll) {
  const as = doc.ambiguities || [];
  if (!as.length) return false;
  const titles = await familyTitles(as);
  if (!isCurrent(seq)) return true;
  out.replaceChildren(chooser(as, urlFor, answerAll, titles));
  say('Lequel voulez-vous dire ? ' + as.map((a) => '« ' + a.text + ' » désigne ' + (a.candidates || []).length + ' métiers').join(', ') + '.');
  return true;
}
