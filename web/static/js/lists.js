// The job list and the map of all jobs (or of one family).

import { apiURL, currentDataset, getJSON, pageURL } from './api.js';
import { $, fold, h, plural } from './dom.js';
import { levelBadge } from './levels.js';
import { errorBox, jobLink } from './pieces.js';
import { loadSVG } from './svgmap.js';
import { fetchView, isCurrent, showView } from './views.js';

let allJobs = null;
const filterInput = $('#jobs-filter');

// forgetJobs drops the list, as a change of dataset asks.
export function forgetJobs() { allJobs = null; }

export async function renderJobs(p, seq) {
  showView('jobs', 'Métiers');
  const out = $('#jobs-out');
  if (!allJobs || allJobs.dataset !== currentDataset()) {
    const doc = await fetchView(out, apiURL('/api/jobs'), seq, (err) => out.replaceChildren(errorBox(err)), 'Chargement…');
    if (!doc) return;
    allJobs = { dataset: currentDataset(), jobs: doc.jobs || [] };
  }
  filterInput.value = p.get('jobs') || '';
  drawJobs();
}

function drawJobs() {
  const f = fold(filterInput.value.trim());
  const jobs = allJobs.jobs.filter((j) => !f || fold(j.title + ' ' + j.id).includes(f))
    .sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  $('#jobs-out').replaceChildren(
    h('p', { class: 'summary' }, plural(jobs.length, 'métier', 'métiers')),
    h('ul', { class: 'job-list' }, jobs.map((j) => h('li', null, jobLink(j.id, j.title, j.kind), ' ', levelBadge(j.level)))));
}

filterInput.addEventListener('input', () => {
  if (!allJobs) return;
  drawJobs();
  // The filter is part of the shareable URL, without a history entry per key.
  history.replaceState(null, '', pageURL({ jobs: filterInput.value.trim() }));
});

// familyTitle is the title of a family (or of a ROME domain), which a
// card of the family gives; the id when none does.
async function familyTitle(family) {
  try {
    const list = await getJSON(apiURL('/api/jobs'));
    const j = (list.jobs || []).find((x) => x.family === family && x.kind === 'job');
    if (!j) return family;
    const doc = await getJSON(apiURL('/api/jobs/' + encodeURIComponent(j.id)));
    return doc.family_title || family;
  } catch (_) {
    return family;
  }
}

export async function renderMap(p, seq) {
  const family = p.get('map') || '';
  showView('map', 'Carte');
  let title = 'Carte des métiers';
  if (family) {
    const name = await familyTitle(family);
    if (!isCurrent(seq)) return;
    title = (/^[A-N]\d\d$/.test(family) ? 'Carte du domaine « ' : 'Carte de la famille « ') + name + ' »';
    showView('map', title);
  }
  $('#map-h').textContent = title;
  const map = h('div', { class: 'map map-wide', id: 'big-map' });
  $('#map-out').replaceChildren(family ? h('p', null, h('a', { href: pageURL({ map: '' }) }, 'Voir la carte complète')) : h('span'), map);
  await loadSVG(map, apiURL('/svg/map', { family }), title, () => isCurrent(seq));
}
