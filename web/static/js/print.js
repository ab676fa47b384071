// The printed plan: the page's print style sheet hides navigation, forms
// and buttons; this adds the date, who goes where, and room for notes.
// « Imprimer le plan » on a route prints that route alone, until the
// page shows another view.

import { $, h } from './dom.js';

function today() {
  return new Date().toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

function noteLines(title, n) {
  return h('section', { class: 'print-notes' }, h('h2', null, title),
    Array.from({ length: n }, () => h('div', { class: 'note-line' })));
}

// fillPrintHead writes the head and the notes of the printed page.
function fillPrintHead(doc) {
  const head = $('#print-head');
  const names = (list) => (list || []).map((j) => j.title).join(', ');
  head.replaceChildren(h('p', null, 'Plan établi le ' + today()));
  if (doc) {
    head.append(h('p', null, 'Départ : ' + names(doc.from) + ' · Métier visé : ' + names(doc.to)));
  }
  $('#print-foot').replaceChildren(noteLines('Notes', 4), noteLines('Prochaines actions', 3));
}

// printPlan prints the plan of one route.
export function printPlan(route, doc) {
  for (const r of document.querySelectorAll('.route.print-chosen')) r.classList.remove('print-chosen');
  route.classList.add('print-chosen');
  document.body.classList.add('print-one');
  fillPrintHead(doc);
  window.print();
}

window.addEventListener('beforeprint', () => {
  if (!document.body.classList.contains('print-one')) fillPrintHead(null);
});
