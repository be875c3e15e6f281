// Projections: every read model with its state and lag; a rebuild runs beside the serving
// generation (its progress polled), and the switch-over is seen when the new generation serves.
import { html, useState } from '../../lib.js';
import { api } from '../../api.js';
import { Problem, Loading, Field, Badge, useAction } from '../../ui.js';
import { usePoll, ReasonField } from './b-shared.js';

/** The position part of a checkpoint "<tx>:<position>". */
function position(checkpoint) {
  const n = Number(String(checkpoint || '').split(':').pop());
  return Number.isFinite(n) ? n : 0;
}

function lag(p) {
  if (p.lagEvents === undefined || p.lagEvents === null || p.lagEvents < 0) return 'not measured yet';
  return p.lagEvents + ' events' + (p.lagSeconds ? ', ' + Number(p.lagSeconds).toFixed(1) + ' s' : '');
}

/** One projection's entries (the serving one, and a rebuilding one while it catches up). */
function Projection({ name, entries, head, watch }) {
  const serving = entries.find((e) => e.state !== 'catching_up') || entries[0];
  const building = entries.find((e) => e !== serving && e.generation > serving.generation);
  const done = building && head > 0 ? Math.min(100, Math.round(100 * position(building.checkpoint) / head)) : 0;
  const switched = watch && !building && serving.generation > watch.fromGeneration;
  return html`<article class="b-item" aria-label=${'Projection ' + name}>
    <h3><span class="mono">${name}</span> <${Badge} value=${serving.state} /></h3>
    <p class="small">${serving.kind} · generation ${serving.generation} · lag ${lag(serving)} · checkpoint <span class="mono">${serving.checkpoint}</span></p>
    ${serving.error && html`<p class="small">Error: ${serving.error}</p>`}
    ${building && html`<div role="status"><label class="small" for=${'progress-' + name}>Generation ${building.generation} rebuilding: ${done}% of the log replayed</label>
      <progress id=${'progress-' + name} class="progress" max="100" value=${done}></progress></div>`}
    ${watch && !building && !switched && html`<p class="small" role="status">Rebuild requested; waiting for it to show…</p>`}
    ${switched && html`<p class="notice" role="status">Switched over to generation ${serving.generation}: readers see the rebuilt model.</p>`}
  </article>`;
}

/** One form for every projection: which one, and why (kept in projection.rebuild-requested with your name). */
function RebuildForm({ names, onRebuilt }) {
  const [run, busy, error] = useAction();
  const submit = (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const name = f.name.value;
    const reason = f.reason.value.trim();
    run(async () => { const started = await api('POST', '/api/admin/projections/' + encodeURIComponent(name) + '/rebuild', { reason }); onRebuilt(name, started.generation); });
  };
  return html`<form class="panel" onSubmit=${submit} aria-label="Rebuild a projection">
    <h2>Rebuild a projection</h2>
    <${Field} label="Projection" id="rebuild-name"><select id="rebuild-name" name="name" required>
      ${names.map((n) => html`<option value=${n} key=${n}>${n}</option>`)}</select><//>
    <${ReasonField} id="rebuild-reason" label="Reason to rebuild" />
    <${Problem} error=${error} />
    <button type="submit" class="primary" disabled=${busy}>Rebuild</button>
  </form>`;
}

export function Projections() {
  const [list, setList] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [watching, setWatching] = useState({});
  const busy = Object.keys(watching).length > 0;
  const load = async () => {
    try { setList((await api('GET', '/api/admin/projections')).projections); setLoadError(null); } catch (e) { setLoadError(e); }
  };
  // often while a rebuild is watched (its progress), else every five seconds
  usePoll(load, busy ? 250 : 5000, [busy]);
  // the log's head as far as anyone knows: the furthest checkpoint plus its measured lag
  const head = Math.max(0, ...(list || []).map((p) => position(p.checkpoint) + Math.max(0, p.lagEvents || 0)));
  const byName = new Map();
  for (const p of list || []) byName.set(p.name, [...(byName.get(p.name) || []), p]);
  const onRebuilt = (name, fromGeneration) => { setWatching(Object.assign({}, watching, { [name]: { fromGeneration } })); load(); };
  const names = [...byName.keys()].sort();
  return html`<main><h1>Projections</h1>
    <p class="muted">Each read model is derived from the event log. A rebuild replays the log beside the serving generation and switches over once it has caught up; reads keep working meanwhile.</p>
    ${loadError && html`<${Problem} error=${loadError} />`}
    ${list && html`<${RebuildForm} names=${names} onRebuilt=${onRebuilt} />`}
    <section class="panel" aria-label="Projections">
      ${!list ? html`<${Loading} what="projections" />`
        : names.map((name) => html`<${Projection} key=${name} name=${name} entries=${byName.get(name)} head=${head} watch=${watching[name]} />`)}
    </section>
  </main>`;
}
