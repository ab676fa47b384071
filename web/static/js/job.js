// The job page: the card, where the job leads, what leads to it, and the
// map around it.

import { apiURL, currentDataset, jobURL, pageURL } from './api.js';
import { $, badge, h, plural, say } from './dom.js';
import { levelBadge, levelLabel } from './levels.js';
import { EDGE_TYPES, errorBox, evidenceBlock, jobLink } from './pieces.js';
import { skillsSection, suggestionsSection } from './skills.js';
import { loadSVG } from './svgmap.js';
import { fetchView, isCurrent, showView } from './views.js';

export async function renderJob(p, seq) {
  const id = p.get('job') || '';
  showView('job', 'Fiche métier');
  const out = $('#job-out');
  const doc = await fetchView(out, apiURL('/api/jobs/' + encodeURIComponent(id)), seq, (err) => {
    out.replaceChildren(h('h1', { id: 'job-h', tabindex: '-1' }, 'Fiche introuvable'), errorBox(err, (s) => jobURL(s.id)));
    say(err.message);
  }, 'Chargement de la fiche…');
  if (!doc) return;
  showView('job', doc.title);
  const map = h('div', { class: 'map', id: 'job-map' });
  out.replaceChildren(jobHead(doc), h('div', { class: 'split' },
    h('div', null, jobMain(doc), jobLinks(doc)),
    h('aside', { class: 'map-col', 'aria-label': 'Carte autour du métier' }, h('h2', null, 'Autour de ce métier'), map)));
  say('Fiche ' + doc.title);
  if (doc.skills) {
    const near = h('section', { class: 'card-part near', id: 'job-near' });
    out.querySelector('.job-links').append(near);
    suggestionsSection(near, doc.id, () => isCurrent(seq));
  }
  loadSVG(map, apiURL('/svg/jobs/' + encodeURIComponent(doc.id)), 'Carte autour de ' + doc.title, () => isCurrent(seq));
}

function kicker(doc) {
  if (doc.kind === 'external') return 'Rôle hors répertoire';
  if (doc.kind === 'level') return 'Niveau de diplôme';
  return currentDataset() === 'rome' ? 'Fiche ROME ' + doc.id : 'Fiche métier';
}

function jobHead(doc) {
  const head = h('header', { class: 'job-head' },
    h('p', { class: 'kicker' }, kicker(doc)),
    h('h1', { id: 'job-h', tabindex: '-1' }, doc.title),
    h('p', { class: 'badges' },
      doc.level ? badge('Niveau minimum : ' + (doc.level_text || levelLabel(doc.level)), 'level') : null,
      doc.kind === 'external' ? badge('hors répertoire', 'ext') : null,
      doc.family_title || doc.family
        ? h('a', { class: 'badge badge-family', href: pageURL({ map: doc.family }), title: 'Voir la carte de la famille' }, doc.family_title || doc.family)
        : null));
  if (doc.synonyms && doc.synonyms.length) head.append(h('p', { class: 'aka' }, 'Aussi appelé : ' + doc.synonyms.join(', ')));
  if (doc.kind === 'level') {
    head.append(h('p', { class: 'job-actions' },
      h('a', { class: 'button', href: pageURL({ from: doc.id, to: '' }) }, 'Parcours depuis ce niveau')));
    return head;
  }
  head.append(h('p', { class: 'job-actions' },
    h('a', { class: 'button', href: pageURL({ from: '', to: doc.id }) }, 'Parcours vers ce métier'),
    h('a', { class: 'button secondary', href: pageURL({ from: doc.id, to: '' }) }, 'Parcours depuis ce métier'),
    h('a', { class: 'button secondary', href: pageURL({ feeders: doc.id }) }, 'Qui devient ce métier ?'),
    doc.skills ? h('a', { class: 'button secondary', href: pageURL({ compare: doc.id + ',' }) }, 'Comparer') : null));
  return head;
}

function section(parent, title, text) {
  if (!text) return;
  const s = h('section', { class: 'card-part' }, h('h2', null, title));
  for (const para of String(text).split(/\n+/)) {
    if (para.trim()) s.append(h('p', null, para.trim()));
  }
  parent.append(s);
}

function cardSections(main, card) {
  section(main, 'Description', card.description);
  section(main, 'Compétences et connaissances', card.knowledge);
  section(main, 'Formation initiale', card.initial_training);
  section(main, 'Statut', card.status);
  section(main, 'Environnements de travail', card.environments);
  section(main, 'Perspectives d’évolution', card.perspectives_text);
  if (card.trainings) main.append(trainingsBlock(card.trainings));
}

function linkedList(title, items) {
  return h('section', { class: 'card-part' }, h('h2', null, title), h('ul', null, items));
}

function otherNames(names) {
  const part = h('section', { class: 'card-part' }, h('h2', null, 'Autres appellations'));
  if (names.length > 12) {
    part.append(h('details', null, h('summary', null, 'Voir les ' + names.length + ' appellations'),
      h('p', { class: 'names' }, names.join(' · '))));
  } else {
    part.append(h('p', { class: 'names' }, names.join(' · ')));
  }
  return part;
}

function jobMain(doc) {
  const main = h('div', { class: 'job-main' });
  if (doc.card) cardSections(main, doc.card);
  else if (doc.kind === 'external') {
    main.append(h('div', { class: 'notice' }, 'Ce rôle est cité dans les perspectives d’une fiche mais n’a pas de fiche dans le répertoire.'));
  }
  if (doc.access_text) section(main, 'Conditions d’accès', doc.access_text);
  if (doc.skills) main.append(skillsSection(doc.skills));
  if (doc.rome && doc.rome.length) {
    main.append(linkedList('Fiches ROME', doc.rome.map((r) => h('li', null,
      h('a', { href: '/?job=' + encodeURIComponent(r.code) + '&dataset=rome' }, r.code),
      r.title ? ' ' + r.title : '', r.why ? h('span', { class: 'muted' }, ' (' + r.why + ')') : null))));
  }
  if (doc.metiers && doc.metiers.length) {
    main.append(linkedList('Métiers du numérique rattachés à cette fiche', doc.metiers.map((m) => h('li', null,
      h('a', { href: '/?job=' + encodeURIComponent(m.id) + '&dataset=metiers' }, m.title)))));
  }
  if (doc.other_names && doc.other_names.length) main.append(otherNames(doc.other_names.map((n) => n.text)));
  return main;
}

function trainingsBlock(t) {
  const s = h('section', { class: 'card-part' }, h('h2', null, 'Formation continue'));
  const facts = [];
  if (t.count !== null && t.count !== undefined) {
    facts.push((t.count_at_least ? 'Au moins ' : '') + plural(t.count, 'formation recensée', 'formations recensées'));
  }
  if (t.cpf_eligible !== null && t.cpf_eligible !== undefined) {
    facts.push(t.cpf_eligible + ' éligible' + (t.cpf_eligible > 1 ? 's' : '') + ' au CPF');
  }
  if (facts.length) s.append(h('p', { class: 'facts' }, facts.join(' · ')));
  if (t.text) s.append(h('p', null, t.text));
  return s;
}

// jobLinks lists where the job leads and what leads to it. A diploma
// level that opens the job is said as such, not listed as a job.
function jobLinks(doc) {
  const feeders = doc.feeders || [];
  const levels = feeders.filter((l) => l.kind === 'level');
  const from = linkList('Ce qui mène à ce métier', feeders.filter((l) => l.kind !== 'level'), 'from', doc.title,
    'Aucun métier du référentiel n’indique d’évolution vers celui-ci.');
  if (levels.length) {
    from.append(h('p', { class: 'access-levels' }, 'Accès direct avec un diplôme : ',
      levels.map((l) => h('a', { class: 'badge badge-level', href: pageURL({ level: l.level }) }, levelLabel(l.level) || l.title))));
  }
  from.append(h('p', null, h('a', { href: pageURL({ feeders: doc.id }) }, 'Qui devient ' + doc.title + ' ? (en plusieurs étapes)')));
  return h('div', { class: 'job-links' },
    linkList(doc.kind === 'level' ? 'Métiers que ce niveau ouvre' : 'Où ce métier mène', doc.evolutions || [], 'to', doc.title,
      'Aucune évolution n’est indiquée depuis ce métier.'),
    from);
}

function linkItem(l, end, here) {
  const li = h('li', { class: 'link' + (l.kind === 'external' ? ' step-ext' : '') },
    h('div', { class: 'step-head' }, jobLink(l[end], l.title, l.kind), ' ', l.kind === 'level' ? null : levelBadge(l.level),
      l.kind === 'external' ? badge('hors répertoire', 'ext') : null,
      l.type && l.type !== 'evolution' ? badge(EDGE_TYPES[l.type] || l.type, 'type') : null));
  // The evidence of an edge is written on the card of its start.
  li.append(evidenceBlock(l.type, l.evidence, l.match, end === 'to' ? here : (l.kind === 'level' ? '' : l.title)));
  return li;
}

function linkList(title, links, end, here, empty) {
  const s = h('section', { class: 'card-part' }, h('h2', null, title));
  if (!links.length) s.append(h('p', { class: 'muted' }, empty));
  else s.append(h('ul', { class: 'link-list' }, links.map((l) => linkItem(l, end, here))));
  return s;
}
