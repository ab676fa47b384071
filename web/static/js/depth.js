// The depth field of the level explorer and of « Qui devient … ? »: how
// many steps a reach follows. One list of choices serves both forms.

import { h } from './dom.js';

const CHOICES = [['1', '1 au plus'], ['2', '2 au plus'], ['3', '3 au plus'], ['0', 'Sans limite']];
const DEFAULT = '2';

// fillDepth gives a depth field its choices, the default selected.
export function fillDepth(select) {
  select.replaceChildren(...CHOICES.map(([value, label]) => h('option', { value, selected: value === DEFAULT }, label)));
}

// urlDepth is the depth the page's URL parameters p name, the default
// when they name none of the choices.
export function urlDepth(p) {
  const d = p.get('depth');
  return CHOICES.some(([value]) => value === d) ? d : DEFAULT;
}

// withPageDepth adds depth to the page's URL parameters p, unless it is
// the default.
export function withPageDepth(p, depth) {
  if (depth !== DEFAULT) p.depth = depth;
  return p;
}

// withAPIDepth adds depth to the API's parameters q, unless it is no
// limit ('0'), which the API reads as its absence.
export function withAPIDepth(q, depth) {
  if (depth !== '0') q.depth = depth;
  return q;
}
