// Operator console page: Overview. Nodes and their roles, who leads, queues, projection lag,
// open findings and pending repairs, recent failures; read again every few seconds.
import { html, useState } from '../../lib.js';
import { api } from '../../api.js';
import { Problem, Loading, Empty, Badge } from '../../ui.js';
import { usePoll, when, age } from './a-common.js';

const EVERY_MS = 4000;
const LEADERS = [['controller', 'Controller'], ['operations', 'Operations worker'], ['billing', 'Billing enforcement']];

function holder(value) {
  if (!value) return html`<span class="badge failed">nobody</span>`;
  const [node, role] = value.split('/');
  return html`<span title=${value}><strong class="mono">${node}</strong> <span class="small muted mono">${(role || '').slice(0, (role || '').indexOf('-') + 9)}</span></span>`;
}

function subjectLink(stream) {
  const [type, id] = stream.split('/');
  if (type === 'server' || type === 'account' || type === 'ticket') return '/admin/timeline?subject=' + encodeURIComponent(type + ':' + id);
  return null;
}

export function Overview() {
  const [overview, setOverview] = useState(null);
  const [controller, setController] = useState(null);
  const [projections, setProjections] = useState(null);
  const [error, setError] = useState(null);
  const [readAt, setReadAt] = useState(null);
  usePoll(() => {
    Promise.all([api('GET', '/api/admin/overview'), api('GET', '/api/admin/controller'), api('GET', '/api/admin/projections')])
      .then(([o, c, p]) => { setOverview(o); setController(c); setProjections(p.projections); setError(null); setReadAt(new Date()); }, setError);
  }, EVERY_MS);
  if (!overview) return html`<main><h1>Overview</h1>${error ? html`<${Problem} error=${error} />` : html`<${Loading} what="the overview" />`}</main>`;
  const lagging = (projections || []).filter((p) => (p.lagEvents || 0) > 0);
  return html`<main><h1>Overview</h1>
    <p class="small muted" role="status">Read ${readAt ? readAt.toLocaleTimeString() : ''}; refreshed every ${EVERY_MS / 1000} seconds. This is node <span class="mono">${overview.thisNode}</span>.</p>
    <${Problem} error=${error} />
    <div class="admin-grid">
      <section class="panel" aria-labelledby="ov-nodes"><h2 id="ov-nodes">Nodes</h2>
        ${overview.nodes.length === 0 ? html`<${Empty}>No node has announced itself.<//>` : html`<ul class="timeline">
          ${overview.nodes.map((n) => html`<li class="timeline-entry" key=${n.name}><strong class="mono">${n.name}</strong>${n.name === overview.thisNode ? ' (this one)' : ''}
            <div class="small">${n.roles.join(', ') || 'no roles'}</div>
            <div class="small muted">heard ${new Date(n.seenAt).toLocaleTimeString()}${n.startedAt ? ', up since ' + when(n.startedAt) : ''}</div></li>`)}
        </ul>`}
      </section>
      <section class="panel" aria-labelledby="ov-leaders"><h2 id="ov-leaders">Who leads</h2>
        <dl class="metrics">${LEADERS.map(([key, label]) => html`<dt>${label}</dt><dd>${holder(overview.leaders[key])}</dd>`)}</dl>
      </section>
      <section class="panel" aria-labelledby="ov-queues"><h2 id="ov-queues">Queues</h2>
        <table class="admin-table"><thead><tr><th>Queue</th><th>Waiting</th><th>Oldest</th></tr></thead><tbody>
          ${overview.queues.map((q) => html`<tr key=${q.queue}><td>${q.queue.replace(/_/g, ' ')}</td><td>${q.depth}</td><td>${q.depth > 0 ? age(q.oldestAgeSeconds) : '—'}</td></tr>`)}
        </tbody></table>
      </section>
      <section class="panel" aria-labelledby="ov-controller"><h2 id="ov-controller">Drift and repairs</h2>
        ${controller && html`<dl class="metrics">
          <dt>Open findings</dt><dd><a href="/admin/repairs">${controller.openFindings}</a></dd>
          <dt>Pending repairs</dt><dd><a href="/admin/repairs">${controller.pendingRepairs}</a></dd>
          <dt>Last drift pass</dt><dd>${controller.lastPass ? when(controller.lastPass.startedAt) + ' (' + controller.lastPass.servers + ' servers, ' + controller.lastPass.durationMs + ' ms)' : 'none yet'}</dd>
        </dl>`}
      </section>
      <section class="panel" aria-labelledby="ov-projections"><h2 id="ov-projections">Projections</h2>
        <p class="small">${lagging.length === 0 ? 'Every projection is caught up.' : lagging.length + ' behind the log.'} <a href="/admin/projections">All projections</a></p>
        <table class="admin-table"><thead><tr><th>Projection</th><th>State</th><th>Lag</th></tr></thead><tbody>
          ${(projections || []).map((p) => html`<tr key=${p.name}><td>${p.name}</td><td><${Badge} value=${p.state} /></td><td>${p.lagEvents || 0} events${p.lagSeconds ? ', ' + age(p.lagSeconds) : ''}</td></tr>`)}
        </tbody></table>
      </section>
    </div>
    <section class="panel" aria-labelledby="ov-failures"><h2 id="ov-failures">Recent failures</h2>
      ${overview.recentFailures.length === 0 ? html`<${Empty}>No failures among the latest events.<//>` : html`<ul class="timeline">
        ${overview.recentFailures.map((f) => { const link = subjectLink(f.stream); return html`<li class="timeline-entry" key=${f.position}>
          <strong>${f.text}</strong>
          <div class="small muted">${when(f.at)}${' · '}${link ? html`<a href=${link}>${f.stream}</a>` : f.stream}${' · '}<a href=${f.raw} target="_blank" rel="noopener">raw event #${f.position}</a></div>
        </li>`; })}
      </ul>`}
    </section>
  </main>`;
}
