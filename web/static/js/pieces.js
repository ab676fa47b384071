// Pieces several views share: job links, evidence quotes, error boxes.

import { currentDataset, jobURL } from './api.js';
import { h, sentence } from './dom.js';

export const EDGE_TYPES = {
  evolution: 'Évolution',
  proche: 'Métier proche',
  access: 'Accès avec le diplôme',
  bridge: 'Même métier dans ROME',
  formation: 'Poursuite d’études ou formation continue (étape calculée)',
};

const MATCHES = {
  title: 'intitulé exact d’un métier',
  synonym: 'synonyme écrit sur une fiche',
  alias: 'correspondance relue à la main',
  domain: 'intitulé d’une fiche ROME dont relève le métier',
  external: 'aucun métier du répertoire ne correspond, rôle cité tel quel',
  level: 'niveau minimum d’accès',
  rome: 'ligne du fichier des mobilités du ROME',
  bridge: 'lien relu entre le répertoire et ROME 4.0',
  'v3-title': 'ancien intitulé ROME (v3) d’une fiche',
  study: 'étape calculée par nos soins à partir du texte de formation de la fiche visée',
};

const SOURCES = { metiers: 'fiche du répertoire', rome: 'ROME', bridge: 'lien relu répertoire ↔ ROME' };

// SOURCE_NAMES name the sources of a step ("source" in the API): the
// repertoire's cards, ROME's mobilities, the bridge between them.
const SOURCE_NAMES = { metiers: 'répertoire des métiers', rome: 'ROME 4.0', bridge: 'pont répertoire ↔ ROME 4.0' };

// sourceName names a step's source; on ROME v3, ROME is v3.
export function sourceName(src) {
  if (src === 'rome' && currentDataset() === 'rome-v3') return 'ROME v3';
  return SOURCE_NAMES[src] || src || '';
}

// sourcesLine says which sources the steps use, in a fixed order.
export function sourcesLine(steps) {
  const used = new Set(steps.map((s) => s.source).filter(Boolean));
  const names = ['metiers', 'rome', 'bridge'].filter((x) => used.has(x)).map(sourceName);
  if (!names.length) return '';
  return (names.length > 1 ? 'Sources : ' : 'Source : ') + names.join(', ') + '.';
}

// jobLink links a job to its page. A level is not a job: it gets no link.
export function jobLink(id, title, kind) {
  if (kind === 'level') return h('span', { class: 'job-title' }, title);
  return h('a', { class: 'job-title', href: jobURL(id) }, title);
}

// errorBox shows an API error; fixes, when given, turns each of its
// suggestions into the URL that retries with it.
export function errorBox(err, fixes) {
  const links = err.suggestions && err.suggestions.length && fixes;
  // The message's own "did you mean" is shown as links below.
  const msg = links ? err.message.replace(/\s*;\s*vouliez-vous dire.*$/i, '') : err.message;
  const box = h('div', { class: 'notice notice-error', role: 'alert' }, h('p', null, sentence(msg)));
  if (links) {
    box.append(h('p', null, 'Vouliez-vous dire :'),
      h('ul', { class: 'inline-list' }, err.suggestions.map((s) => h('li', null, h('a', { href: fixes(s) }, s.title)))));
  } else if (err.code === 'unknown_job') {
    box.append(h('p', null, 'Essayez un autre mot, ou choisissez dans la liste qui s’ouvre pendant la saisie.'));
  }
  return box;
}

function evidenceSource(type, match, fromTitle) {
  if (type === 'access') return 'niveau d’accès écrit sur la fiche';
  if (match === 'rome') return 'mobilité du ROME';
  if (fromTitle) return 'perspectives d’évolution de la fiche « ' + fromTitle + ' »';
  return 'perspectives d’évolution de la fiche';
}

// evidenceBlock shows the text behind a move, as a quote, with where it
// comes from and how it was tied to the job.
export function evidenceBlock(type, evidence, match, fromTitle) {
  if (!evidence && !match) return null;
  const how = MATCHES[match] || '';
  return h('figure', { class: 'evidence' },
    evidence ? h('blockquote', null, '« ' + evidence + ' »') : null,
    h('figcaption', null, 'Source : ' + evidenceSource(type, match, fromTitle) + (how ? ' · correspondance : ' + how : '')));
}

// saysBlock shows why a route takes a step, as the sentence the API
// writes in plain words, with the quote and how it was matched on
// demand. A step without a sentence shows its evidence as before.
export function saysBlock(s, fromTitle) {
  if (!s.says) return evidenceBlock(s.type, s.evidence, s.match, fromTitle);
  const how = MATCHES[s.match] || s.match || '';
  return h('figure', { class: 'evidence' },
    h('p', { class: 'says' }, s.says),
    h('details', { class: 'evidence-details' }, h('summary', null, 'Détail de la source'),
      s.evidence ? h('blockquote', null, '« ' + s.evidence + ' »') : null,
      h('p', { class: 'muted' }, 'Source : ' + (SOURCES[s.source] || s.source || 'fiche') + (how ? ' · correspondance : ' + how : ''))));
}
