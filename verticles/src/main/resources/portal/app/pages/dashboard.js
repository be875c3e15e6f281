// The dashboard: a card per server, kept current by /api/events (a pending card while its create
// runs, replaced by the server's card when it ends), and onboarding for an account with none.
import { html, useState, useEffect } from '../lib.js';
import { api } from '../api.js';
import { onServerEvents } from '../live.js';
import { Problem, Loading, Badge, useAction } from '../ui.js';
import { CreateForm } from './create.js';

const METRICS_REFRESH_MS = 15000;

export function isPending(s) {
  const op = s.operation || {};
  return s.lifecycle === 'provisioning' || (op.type === 'provision' && (op.status === 'queued' || op.status === 'running'));
}

function percent(v) { return v === null || v === undefined ? null : v.toFixed(0) + '%'; }
function rate(v) {
  if (v === null || v === undefined) return null;
  return v > 1048576 ? (v / 1048576).toFixed(1) + ' MB/s' : (v / 1024).toFixed(1) + ' KB/s';
}

/** CPU, memory, disk, network from the summary endpoint; a missing figure shows as stale, never 0. */
function Metrics({ vmid }) {
  const [m, setM] = useState(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stop = false;
    const load = () => {
      if (document.hidden) return;
      api('GET', `/api/metrics/servers/${vmid}/summary`).then((r) => { if (!stop) { setM(r); setFailed(false); } },
        () => { if (!stop) setFailed(true); });
    };
    load();
    const timer = setInterval(load, METRICS_REFRESH_MS);
    return () => { stop = true; clearInterval(timer); };
  }, [vmid]);
  const cell = (label, text) => html`<div>${label}: ${text === null ? html`<span class="stale">stale</span>` : text}</div>`;
  if (failed) return html`<div class="metrics"><span class="muted">Metrics unavailable right now</span></div>`;
  if (!m) return html`<div class="metrics"><span class="muted">Loading metrics…</span></div>`;
  return html`<div class="metrics" aria-label="Metrics">
    ${cell('CPU', percent(m.cpu_percent))}${cell('Memory', percent(m.mem_percent))}
    ${cell('Disk', percent(m.disk_percent))}${cell('Network', m.net_in === null || m.net_out === null ? null : '↓' + rate(m.net_in) + ' ↑' + rate(m.net_out))}
  </div>`;
}

export function ConnectAddress({ address }) {
  const [copied, setCopied] = useState(false);
  if (!address) return null;
  const copy = () => navigator.clipboard.writeText(address).then(() => { setCopied(true); setTimeout(() => setCopied(false), 2000); }, () => {});
  return html`<div class="address"><span class="small muted">Connect:</span> <code>${address}</code>
    <button type="button" onClick=${copy} aria-label=${'Copy address ' + address}>${copied ? 'Copied' : 'Copy'}</button></div>`;
}

/** Host power (start/stop/restart) and, on a game server, the game process. */
export function Controls({ server, onChanged }) {
  const [run, busy, error] = useAction();
  const act = (path) => run(async () => { await api('POST', `/api/servers/${server.serverId}${path}`); if (onChanged) onChanged(); });
  const running = server.hostState === 'running';
  return html`<div class="stack">
    <div class="row" role="group" aria-label="Host">
      <span class="small muted">Host</span>
      <button type="button" disabled=${busy || running} onClick=${() => act('/host/start')}>Start</button>
      <button type="button" disabled=${busy || !running} onClick=${() => act('/host/stop')}>Stop</button>
      <button type="button" disabled=${busy || !running} onClick=${() => act('/host/restart')}>Restart</button>
    </div>
    ${server.kind === 'game' && html`<div class="row" role="group" aria-label="Game">
      <span class="small muted">Game</span>
      <button type="button" disabled=${busy || !running} onClick=${() => act('/game/start')}>Start game</button>
      <button type="button" disabled=${busy || !running} onClick=${() => act('/game/stop')}>Stop game</button>
      <button type="button" disabled=${busy || !running} onClick=${() => act('/game/restart')}>Restart game</button>
    </div>`}
    <${Problem} error=${error} />
  </div>`;
}

function PendingCard({ server }) {
  const op = server.operation || {};
  return html`<article class="card pending" aria-label=${'Creating ' + server.name} data-server=${server.serverId}>
    <h3>${server.name}</h3>
    <p><span class="badge provisioning">${op.status === 'running' ? 'in progress' : 'queued'}</span> Creating your ${server.kind === 'dev' ? 'dev' : 'game'} server…</p>
    <p class="small muted">${op.phase ? 'Step: ' + op.phase : 'Waiting for its turn'}</p>
  </article>`;
}

function ServerCard({ server, reload }) {
  const op = server.operation || {};
  return html`<article class="card" aria-label=${'Server ' + server.name} data-server=${server.serverId}>
    <div class="row spread"><h3><a href=${'/servers/' + encodeURIComponent(server.serverId)}>${server.name}</a></h3>
      <${Badge} value=${server.lifecycle} /></div>
    <p class="small muted">${server.kind === 'game' ? (server.variant || 'Game') + ' · ' + (server.plan || '') : (server.runtime || 'Dev') + ' ' + (server.version || '')}${' · host ' + server.hostState}</p>
    ${server.lifecycle === 'failed' && op.reason && html`<p class="problem">${op.reason}</p>`}
    ${(op.status === 'queued' || op.status === 'running') && html`<p class="small"><${Badge} value=${op.status} /> ${op.type}${op.phase ? ' — ' + op.phase : ''}</p>`}
    <${ConnectAddress} address=${server.connectAddress} />
    ${server.vmid && server.lifecycle !== 'failed' ? html`<${Metrics} vmid=${server.vmid} />` : null}
    ${server.lifecycle !== 'failed' && server.lifecycle !== 'deleting' && html`<${Controls} server=${server} onChanged=${reload} />`}
  </article>`;
}

export function Dashboard({ me }) {
  const [servers, setServers] = useState(null);
  const [error, setError] = useState(null);
  const load = () => api('GET', '/api/servers').then((r) => { setServers(r.servers); setError(null); }, setError);
  const refreshOne = (serverId) => api('GET', `/api/servers/${serverId}`).then(
    (s) => setServers((list) => {
      const rest = (list || []).filter((x) => x.serverId !== s.serverId);
      const index = (list || []).findIndex((x) => x.serverId === s.serverId);
      if (index < 0) return [...rest, s];
      const copy = [...list]; copy[index] = s; return copy;
    }),
    (e) => { if (e.status === 404) setServers((list) => (list || []).filter((x) => x.serverId !== serverId)); });
  useEffect(() => {
    load();
    return onServerEvents((e) => {
      if (e.type === 'resync') load();
      else if (e.type === 'server-event' && e.serverId) refreshOne(e.serverId);
    });
  }, []);
  if (error) return html`<main><h1>Your servers</h1><${Problem} error=${error} /><button type="button" onClick=${load}>Try again</button></main>`;
  if (servers === null) return html`<main><h1>Your servers</h1><${Loading} what="your servers" /></main>`;
  const visible = servers.filter((s) => s.lifecycle !== 'deleted');
  if (visible.length === 0) {
    return html`<main><div class="panel onboarding">
      <h1>Welcome${me ? ', ' + me.displayName : ''}!</h1>
      <p>You have no servers yet. Create your first one: pick a game server for you and your friends to play on,
        or a dev server with an IDE in your browser. It takes about a minute; you can watch it here.</p>
      <${CreateForm} onCreated=${(a) => refreshOne(a.serverId)} />
    </div></main>`;
  }
  return html`<main>
    <div class="row spread"><h1>Your servers</h1><a class="button primary" href="/new">New server</a></div>
    <div class="cards">
      ${visible.map((s) => isPending(s) ? html`<${PendingCard} key=${s.serverId} server=${s} />` : html`<${ServerCard} key=${s.serverId} server=${s} reload=${() => refreshOne(s.serverId)} />`)}
    </div>
  </main>`;
}
