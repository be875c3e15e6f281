// Drift and repairs: the findings board with its evidence, and the repairs the controller planned.
// An administrator may run one planned repair of any level, once, with a reason; the controller
// itself never runs a level 2 or 3 repair.
import { html, useState } from '../../lib.js';
import { api } from '../../api.js';
import { Problem, Loading, Empty, Badge, useAction } from '../../ui.js';
import { when, usePoll, ReasonField, Facts } from './b-shared.js';

const words = (wire) => String(wire).replace(/[_-]/g, ' ');
const LEVELS = { 1: 'level 1: safe', 2: 'level 2: host power', 3: 'level 3: recreate' };
// what running it by hand does, said before the button
const EFFECTS = {
  1: 'Runs its steps now; nothing is deleted.',
  2: 'Starts, restarts or stops the host as your own host action on the server.',
  3: 'Sets the vanished container up again from its template on the same vmid and name. What lived in it is gone: restore a backup afterwards.',
};

function RunRepair({ repair, onRan }) {
  const [run, busy, error] = useAction();
  const id = 'reason-' + repair.repairId;
  const submit = (e) => {
    e.preventDefault();
    const reason = e.target.elements.reason.value.trim();
    run(async () => onRan(await api('POST', '/api/admin/repairs/' + encodeURIComponent(repair.repairId) + '/run', { reason })));
  };
  return html`<form onSubmit=${submit} aria-label=${'Run repair ' + repair.action + ' of ' + repair.serverId}>
    <${ReasonField} id=${id} label=${'Reason to run ' + words(repair.action)} hint=${(EFFECTS[repair.level] || '') + ' Your reason is kept in the event log with your name.'} />
    <${Problem} error=${error} />
    <button type="submit" class=${repair.level > 1 ? 'danger' : 'primary'} disabled=${busy}>${busy ? 'Running…' : 'Run repair'}</button>
  </form>`;
}

function Finding({ f }) {
  return html`<article class="b-item" aria-label=${'Finding ' + f.kind + ' on ' + f.serverId}>
    <h3>${words(f.kind)}</h3>
    <p class="small">Server <a class="mono" href=${'/admin/servers/' + encodeURIComponent(f.serverId)}>${f.serverId}</a> · found ${when(f.foundAt)}</p>
    <${Facts} of=${f.evidence} />
  </article>`;
}

export function Repairs() {
  const [drift, setDrift] = useState(null);
  const [repairs, setRepairs] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [ran, setRan] = useState(null);
  const load = async () => {
    try {
      const [d, r] = await Promise.all([api('GET', '/api/admin/drift'), api('GET', '/api/admin/repairs')]);
      setDrift(d); setRepairs(r.repairs); setLoadError(null);
    } catch (e) { setLoadError(e); }
  };
  usePoll(load, 3000);
  const planned = (repairs || []).filter((r) => r.status === 'planned');
  const others = (repairs || []).filter((r) => r.status !== 'planned').slice(0, 50);
  return html`<main><h1>Drift and repairs</h1>
    <p class="muted">The controller compares what should be with what is, every pass. Level 1 repairs follow the configured posture; level 2 and 3 only ever run here, by an administrator, once, with a reason.</p>
    ${loadError && html`<${Problem} error=${loadError} />`}
    ${ran && html`<p class="notice" role="status">Repair ${ran.action} of <span class="mono">${ran.serverId}</span> ${ran.status}${ran.detail ? ': ' + ran.detail : ''}.</p>`}
    <section class="panel" aria-labelledby="b-open">
      <h2 id="b-open">Open findings${drift ? ' (' + drift.open.length + ')' : ''}</h2>
      ${!drift ? html`<${Loading} what="findings" />` : drift.open.length === 0 ? html`<${Empty}>No open findings: everything matches.<//>`
        : drift.open.map((f) => html`<${Finding} key=${f.key} f=${f} />`)}
    </section>
    <section class="panel" aria-labelledby="b-planned">
      <h2 id="b-planned">Planned repairs${repairs ? ' (' + planned.length + ')' : ''}</h2>
      ${!repairs ? html`<${Loading} what="repairs" />` : planned.length === 0 ? html`<${Empty}>No repair waits for a decision.<//>`
        : planned.map((r) => html`<article class="b-item" key=${r.repairId} aria-label=${'Planned repair ' + r.action + ' of ' + r.serverId}>
            <h3>${words(r.action)} <span class="badge">${LEVELS[r.level] || 'level ' + r.level}</span></h3>
            <p class="small">Server <span class="mono">${r.serverId}</span> · planned ${when(r.plannedAt)} · posture ${r.posture}</p>
            ${r.detail && html`<p class="small">${r.detail}</p>`}
            <${RunRepair} repair=${r} onRan=${(result) => { setRan(result); load(); }} />
          </article>`)}
    </section>
    <section class="panel" aria-labelledby="b-done">
      <h2 id="b-done">Recent repairs</h2>
      ${others.length === 0 ? html`<${Empty}>None yet.<//>` : html`<div class="b-scroll"><table>
        <thead><tr><th>Action</th><th>Status</th><th>Server</th><th>Detail</th><th>When</th></tr></thead>
        <tbody>${others.map((r) => html`<tr key=${r.repairId}><td>${r.action} (L${r.level})</td><td><${Badge} value=${r.status} /></td>
          <td class="mono">${r.serverId}</td><td>${r.detail || ''}</td><td>${when(r.updatedAt)}</td></tr>`)}</tbody></table></div>`}
    </section>
    <section class="panel" aria-labelledby="b-cleared">
      <h2 id="b-cleared">Recently cleared</h2>
      ${!drift || drift.recentlyCleared.length === 0 ? html`<${Empty}>Nothing cleared lately.<//>`
        : html`<ul>${drift.recentlyCleared.slice(0, 20).map((f) => html`<li key=${f.key + f.clearedAt}>${words(f.kind)} on <span class="mono">${f.serverId}</span>, cleared ${when(f.clearedAt)}</li>`)}</ul>`}
    </section>
  </main>`;
}
