// The printed plan: the page's print style sheet hides navigation, forms
// and buttons; this adds the date, who goes where, and room for notes.
// « Imprimer le plan » on a route prints that route alone, until the
// page shows another view.

import { $, h } from './dom.js';
import { sourcesLine } from './pieces.js';

function today() {
  return new Date().toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

function noteLines(title, n) {
  return h('section', { class: 'print-notes' }, h('h2', null, title),
    Array.from({ length: n }, () => h('div', { class: 'note-line' })));
}

// fillPrintHead writes the head and the notes of the printed page; steps,
// when given, are those of the route printed.
function fillPrintHead(steps) {
  const head = $('#print-head');
  head.replaceChildren();
  if (steps && steps.length) {
    const first = steps[0].title;
    const last = steps[steps.length - 1].title;
    head.append(h('h1', null, 'Plan de parcours : de ' + first + ' à ' + last));
  }
  const sources = steps ? sourcesLine(steps) : '';
  if (sources) head.append(h('p', null, sources));
  head.append(h('p', null, 'Plan établi le ' + today()));
  if (steps && steps.some((s) => s.type === 'formation')) {
    head.append(h('p', null, 'Les étapes d’études sont calculées par nos soins à partir de ce que la fiche du métier visé dit de la formation : elles ne sont pas des métiers, et ne disent une durée ou un diplôme que si la fiche le dit.'));
  }
  $('#print-foot').replaceChildren(noteLines('Notes', 4), noteLines('Prochaines actions', 3));
}

// printPlan prints the plan of one route: its section and its steps.
export function printPlan(route, steps) {
  for (const r of document.querySelectorAll('.route.print-chosen')) r.classList.remove('print-chosen');
  route.classList.add('print-chosen');
  document.body.classList.add('print-one');
  fillPrintHead(steps);
  window.print();
}

window.addEventListener('beforeprint', () => {
  if (!document.body.classList.contains('print-one')) fillPrintHead(null);
});
