// The diploma levels and the diplomas people type, as /api/levels lists
// them. The page holds no copy of either.

import { apiURL, getJSON } from './api.js';
import { badge } from './dom.js';

let levels = [];   // [{id, label}]
let diplomas = []; // [{text, level}]

// loadLevels reads /api/levels once. Without its "diplomas", the levels'
// own labels, split at commas, are what the fields offer.
export async function loadLevels() {
  try {
    const doc = await getJSON(apiURL('/api/levels'));
    levels = (doc.levels || []).map((l) => ({ id: l.id, label: l.label }));
    diplomas = Array.isArray(doc.diplomas) && doc.diplomas.length
      ? doc.diplomas.filter((d) => d && d.text && d.level)
      : levels.flatMap((l) => l.label.split(/\s*,\s*/).map((text) => ({ text, level: l.id })));
  } catch (_) {
    levels = [];
    diplomas = [];
  }
}

export const allLevels = () => levels;
export const allDiplomas = () => diplomas;

export function levelLabel(id) {
  const l = levels.find((x) => x.id === id);
  return (l && l.label) || id || '';
}

export function levelBadge(level) {
  return level ? badge(levelLabel(level), 'level', 'Niveau minimum d’accès') : null;
}
