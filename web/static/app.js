// The counsellors' page: a path finder, a level explorer, « Qui devient
// … ? », job pages, a job list and the map. ES modules, no framework, no
// build step.
//
// The state lives in the URL (/?from=…&to=…, /?level=…, /?feeders=…,
// /?job=…, /?jobs=, /?map=…, with &dataset=…): every search pushes a
// history entry and popstate renders the entry again, so links can be
// shared and the back button works. Text from the API is inserted as
// text nodes only.

import { currentDataset, defaultDataset, getJSON, setDataset, setDefaultDataset } from './js/api.js';
import { renderCompare } from './js/compare.js';
import { $ } from './js/dom.js';
import { renderFeeders, resetFeedersField } from './js/feeders.js';
import { renderJob } from './js/job.js';
import { fillDiplomas, renderLevel } from './js/level.js';
import { loadLevels } from './js/levels.js';
import { forgetJobs, renderJobs, renderMap } from './js/lists.js';
import { fromInput, renderPath, resetPathFields } from './js/path.js';
import { go, isCurrent, nextSeq, setRenderer } from './js/views.js';

function resetFields() {
  resetPathFields();
  resetFeedersField();
  forgetJobs();
}

function drawView(p, seq) {
  if (p.has('job')) return renderJob(p, seq);
  if (p.has('compare')) return renderCompare(p, seq);
  if (p.has('level')) return renderLevel(p, seq);
  if (p.has('feeders')) return renderFeeders(p, seq);
  if (p.has('jobs')) return renderJobs(p, seq);
  if (p.has('map')) return renderMap(p, seq);
  return renderPath(p, seq);
}

// settle moves the focus to the new view's heading, or, after a search,
// brings the answer into view when the form fills the screen (a phone).
function settle(opts) {
  const view = document.querySelector('.view:not([hidden])');
  if (!view) return;
  if (opts.focus) {
    // A route with only its end given waits for its start.
    const p = new URLSearchParams(location.search);
    const start = view.id === 'view-path' && p.get('to') && !p.get('from') ? fromInput : null;
    const target = start || view.querySelector('#job-h') || view.querySelector('h1');
    if (target) target.focus({ preventScroll: true });
    return;
  }
  const answer = view.querySelector('.out h2, .out .notice');
  if (answer && answer.getBoundingClientRect().top > window.innerHeight * 0.7) {
    answer.scrollIntoView({ block: 'start' });
  }
}

// render draws the view the URL names.
function render(opts) {
  const p = new URLSearchParams(location.search);
  const ds = p.get('dataset') || defaultDataset();
  if (ds !== currentDataset()) {
    setDataset(ds);
    resetFields();
  }
  $('#dataset').value = ds;
  const seq = nextSeq();
  const done = drawView(p, seq);
  if (opts && (opts.focus || opts.reveal)) {
    Promise.resolve(done).then(() => { if (isCurrent(seq)) settle(opts); });
  }
  return done;
}
setRenderer(render);

// Same-site links to the page (including the nodes of the SVG maps,
// which target _top) change the state without reloading.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a');
  if (!a) return;
  const href = a.getAttribute('href') || a.getAttribute('xlink:href');
  if (!href || a.getAttribute('target') === '_blank') return;
  let u;
  try { u = new URL(href, location.href); } catch (_) { return; }
  if (u.origin !== location.origin || u.pathname !== '/') return;
  e.preventDefault();
  go(u.pathname + u.search);
});

window.addEventListener('popstate', () => {
  window.scrollTo(0, 0);
  render({ focus: true });
});

$('#dataset').addEventListener('change', (e) => {
  const p = new URLSearchParams(location.search);
  setDataset(e.target.value);
  // Ids differ between datasets: keep only what means the same in both.
  const keep = {};
  if (p.has('level')) keep.level = p.get('level');
  else if (p.has('jobs')) keep.jobs = '';
  else if (p.has('map')) keep.map = '';
  else if (p.has('feeders')) keep.feeders = '';
  else if (p.has('compare')) keep.compare = '';
  resetFields();
  go(keep, { keepFocus: true });
});

// The switch shows only when the server has a second dataset. A server
// without the combined dataset answers on its first one.
async function readDatasets() {
  let names = [];
  try {
    const doc = await getJSON('/healthz');
    names = Object.keys((doc && doc.datasets) || {});
  } catch (_) {
    return;
  }
  const select = $('#dataset');
  for (const o of Array.from(select.options)) {
    if (!names.includes(o.value)) o.remove();
  }
  if (select.options.length > 1) $('#dataset-box').hidden = false;
  if (select.options.length && !names.includes(defaultDataset())) setDefaultDataset(select.options[0].value);
}

history.scrollRestoration = 'manual';
readDatasets().then(() => {
  setDataset(new URLSearchParams(location.search).get('dataset') || defaultDataset());
  return loadLevels();
}).then(() => {
  fillDiplomas();
  render();
});
