// The skills gap of a step of a route, where the API gives one ("gap",
// from ROME 4.0's skills): how many skills to learn and how many are
// kept, core ones first. The screen lists the core skills to learn on
// demand; the printed plan lists a few of them.

import { h, plural } from './dom.js';
import { skillItem } from './skills.js';

// PRINTED is how many core skills to learn the printed plan names per
// step, so that a plan stays within two A4 pages.
const PRINTED = 5;

function counts(gap) {
  const learn = gap.learn || {};
  const keep = gap.keep || {};
  return 'Compétences (ROME 4.0) : ' + plural(learn.total || 0, 'à acquérir', 'à acquérir') +
    ', dont ' + (learn.principal || 0) + ' de cœur de métier ; ' +
    plural(keep.total || 0, 'conservée', 'conservées') + ', dont ' + (keep.principal || 0) + ' de cœur de métier.';
}

// gapBlock shows the gap of step s, or nothing when the API gives none.
export function gapBlock(s) {
  const gap = s.gap;
  if (!gap) return null;
  const core = (gap.to_learn || []).filter((x) => x.core === 'principale');
  const box = h('div', { class: 'gap' }, h('p', { class: 'gap-counts' }, counts(gap)));
  if (!core.length) return box;
  const more = Math.max((gap.learn && gap.learn.principal) || 0, core.length) - Math.min(core.length, PRINTED);
  box.append(
    h('details', { class: 'gap-details' },
      h('summary', null, 'Compétences de cœur de métier à acquérir (' + core.length + ')'),
      h('ul', { class: 'skill-list' }, core.map(skillItem))),
    h('p', { class: 'print-only gap-print' }, 'À acquérir en priorité : ' +
      core.slice(0, PRINTED).map((x) => x.label).join(' ; ') + (more > 0 ? ' ; et ' + plural(more, 'autre', 'autres') + '.' : '.')));
  return box;
}
