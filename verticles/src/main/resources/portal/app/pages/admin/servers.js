// Operator console page: Servers. Every account's servers, filtered by state, kind, owner and
// node; one server with what its customer sees plus the administrator's actions: host power,
// game power, Velocity resync and its IDE (on the dev host, never on this origin), each with a
// typed reason the event keeps, and its timeline.
import { html, useState, useEffect } from '../../lib.js';
import { api } from '../../api.js';
import { navigate, onRoute } from '../../router.js';
import { Problem, Loading, Empty, Field, Badge, useAction } from '../../ui.js';
import { ConnectAddress } from '../dashboard.js';
import { ConsolePanel } from '../console.js';
import { FilesPanel } from '../files.js';
import { BackupsPanel } from '../backups.js';
import { TimelineEntries } from './a-timeline.js';
import { when } from './a-common.js';

const FILTERS = ['state', 'kind', 'owner', 'node'];

function ServerList() {
  const [search, setSearch] = useState(location.search);
  useEffect(() => onRoute(() => setSearch(location.search)), []);
  const params = new URLSearchParams(search);
  const [servers, setServers] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    const q = new URLSearchParams();
    FILTERS.forEach((f) => { if (params.get(f)) q.set(f, params.get(f)); });
    setServers(null); setError(null);
    api('GET', '/api/admin/servers?' + q.toString()).then((r) => setServers(r.servers), setError);
  }, [search]);
  const submit = (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    FILTERS.forEach((f) => { const v = e.target.elements[f].value.trim(); if (v) q.set(f, v); });
    navigate('/admin/servers' + (q.toString() ? '?' + q.toString() : ''));
  };
  return html`<main><h1>Servers</h1>
    <form class="panel" onSubmit=${submit} aria-label="Filter servers" key=${search}>
      <div class="admin-filters">
        <${Field} label="State" id="srv-state"><select id="srv-state" name="state" value=${params.get('state') || ''}>
          <option value="">Any</option>${['provisioning', 'running', 'stopped', 'failed', 'deleting'].map((s) => html`<option value=${s}>${s}</option>`)}</select><//>
        <${Field} label="Kind" id="srv-kind"><select id="srv-kind" name="kind" value=${params.get('kind') || ''}>
          <option value="">Any</option><option value="game">game</option><option value="dev">dev</option></select><//>
        <${Field} label="Owner (account id)" id="srv-owner"><input id="srv-owner" name="owner" value=${params.get('owner') || ''} maxlength="64" autocomplete="off" /><//>
        <${Field} label="Node" id="srv-node"><input id="srv-node" name="node" value=${params.get('node') || ''} maxlength="64" pattern="[A-Za-z0-9._-]{1,64}" autocomplete="off" /><//>
      </div>
      <button type="submit" class="primary">Filter</button>
    </form>
    <section class="panel" aria-label="Servers found">
      ${error ? html`<${Problem} error=${error} />` : !servers ? html`<${Loading} what="servers" />`
        : servers.length === 0 ? html`<${Empty}>No server matches.<//>`
        : html`<p class="small muted">${servers.length} server${servers.length === 1 ? '' : 's'}</p>
          <table class="admin-table"><thead><tr><th>Server</th><th>State</th><th>Host</th><th>Owner</th><th>Node</th></tr></thead><tbody>
          ${servers.map((s) => html`<tr key=${s.serverId}>
            <td><a href=${'/admin/servers/' + encodeURIComponent(s.serverId)}>${s.name}</a> <span class="small muted">${s.kind}</span></td>
            <td><${Badge} value=${s.lifecycle} /></td><td>${s.hostState}</td>
            <td><a class="mono small" href=${'/admin/accounts/' + encodeURIComponent(s.ownerId)}>${s.ownerId.slice(0, 8)}</a></td>
            <td>${s.node || '—'}</td></tr>`)}</tbody></table>`}
    </section>
  </main>`;
}

/** Whether the reason typed is long enough for the back end (at least 3 characters). */
const reasonReady = (reason) => reason.trim().length >= 3;

/**
 * The IDE opens on its dev host through the one-time link; a link on this origin is refused.
 * The reason goes with the request: the server's stream records it, naming this administrator.
 */
function OpenIde({ server, reason, onDone }) {
  const [run, busy, error] = useAction();
  const open = () => {
    const tab = window.open('about:blank', '_blank');
    run(async () => {
      try {
        const r = await api('POST', '/api/dev/' + encodeURIComponent(server.serverId) + '/ide-token', { reason: reason.trim() });
        if (new URL(r.url, location.href).origin === location.origin) throw new Error('The IDE link pointed at the platform itself; refused.');
        if (tab) { tab.opener = null; tab.location.href = r.url; } else location.href = r.url;
        onDone('IDE opened.');
      } catch (e) { if (tab) tab.close(); throw e; }
    });
  };
  return html`<div><button type="button" onClick=${open} disabled=${busy || !reasonReady(reason)}>Open its IDE</button><${Problem} error=${error} /></div>`;
}

/** Power of the host (an operation) or of the game process (through the agent), with the reason typed above. */
function Power({ server, reason, onDone, target }) {
  const [run, busy, error] = useAction();
  const running = server.hostState === 'running';
  const ready = reasonReady(reason) && !busy;
  const path = target === 'Host' ? '/host/' : '/game/';
  const act = (action) => run(async () => {
    await api('POST', '/api/servers/' + encodeURIComponent(server.serverId) + path + action, { reason: reason.trim() });
    onDone(target + ' ' + action + ' requested.');
  });
  // the game process needs a running host; the host itself starts only when stopped
  const startable = target === 'Host' ? !running : running;
  return html`<div>
    <div class="row" role="group" aria-label=${target}>
      <span class="small muted">${target}</span>
      <button type="button" disabled=${!ready || !startable} onClick=${() => act('start')}>Start</button>
      <button type="button" disabled=${!ready || !running} onClick=${() => act('stop')}>Stop</button>
      <button type="button" disabled=${!ready || !running} onClick=${() => act('restart')}>Restart</button>
    </div>
    <${Problem} error=${error} />
  </div>`;
}

function Resync({ reason, onDone }) {
  const [run, busy, error] = useAction();
  const [result, setResult] = useState(null);
  const go = () => run(async () => {
    setResult(await api('POST', '/api/velocity/resync', { reason: reason.trim() }));
    onDone('');
  });
  return html`<div>
    <button type="button" onClick=${go} disabled=${busy || !reasonReady(reason)}>Resync Velocity</button>
    <p class="hint">Registers every running game server with Velocity again (after a Velocity restart); each one's timeline keeps your reason.</p>
    ${result && html`<p class="notice" role="status">${result.registered.length} registered, ${result.failed.length} failed${result.failed.length ? ': ' + result.failed.map((f) => f.name + ' (' + f.reason + ')').join(', ') : ''}.</p>`}
    <${Problem} error=${error} />
  </div>`;
}

/** Every administrator action on the server page takes the one reason typed here, kept in its event. */
function AdminActions({ server, onChanged }) {
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const finished = (message) => {
    setReason('');
    setDone(message);
    if (onChanged) onChanged();
  };
  return html`<div class="stack">
    <${Field} label="Reason (kept in the event, at least 3 characters)" id="admin-reason">
      <input id="admin-reason" value=${reason} onInput=${(e) => { setReason(e.target.value); setDone(''); }} minlength="3" maxlength="500" autocomplete="off" />
    <//>
    <${Power} server=${server} reason=${reason} onDone=${finished} target="Host" />
    ${server.kind === 'game' && html`<${Power} server=${server} reason=${reason} onDone=${finished} target="Game" />`}
    ${server.kind === 'dev' && server.codeServer && html`<div class="field"><${OpenIde} server=${server} reason=${reason} onDone=${finished} /></div>`}
    ${server.kind === 'game' && html`<div class="field"><${Resync} reason=${reason} onDone=${finished} /></div>`}
    ${done && html`<p class="notice" role="status">${done}</p>`}
  </div>`;
}

function Status({ status }) {
  if (!status) return html`<p class="muted">Status could not be read.</p>`;
  return html`<dl class="metrics" aria-label="Status">
    <dt>Ready</dt><dd>${status.ready ? 'yes' : 'no'}</dd>
    <dt>Players can connect</dt><dd>${status.connectable ? 'yes' : 'no'}</dd>
    <dt>Host</dt><dd>${(status.host && status.host.state) || 'unknown'}</dd>
    <dt>Agent</dt><dd>${(status.agent && status.agent.state) || 'unknown'}</dd>
    <dt>Operation in progress</dt><dd>${status.operationInProgress ? (status.operationType || 'yes') : 'none'}</dd>
    ${status.lastCrash && html`<dt>Last crash</dt><dd>${when(status.lastCrash.at)}</dd>`}
  </dl>`;
}

const TABS = ['Overview', 'Timeline', 'Console', 'Files', 'Backups'];

function ServerDetail({ serverId }) {
  const [server, setServer] = useState(null);
  const [status, setStatus] = useState(null);
  const [error, setError] = useState(null);
  const [tab, setTab] = useState('Overview');
  const [refresh, setRefresh] = useState(0);
  const load = () => {
    api('GET', '/api/servers/' + encodeURIComponent(serverId)).then(setServer, setError);
    api('GET', '/api/servers/' + encodeURIComponent(serverId) + '/status').then(setStatus, () => setStatus(null));
    setRefresh((n) => n + 1);
  };
  useEffect(() => { load(); }, [serverId]);
  if (!server) return html`<main><h1>Server</h1>${error ? html`<${Problem} error=${error} />` : html`<${Loading} what="the server" />`}</main>`;
  return html`<main>
    <p class="small"><a href="/admin/servers">← Servers</a></p>
    <div class="row spread"><h1>${server.name}</h1><${Badge} value=${server.lifecycle} /></div>
    <p class="muted small">${server.kind === 'game' ? 'Game server' : 'Dev server'} · host ${server.hostState} · <span class="mono">${server.serverId}</span>
      ${server.ownerId && html` · owner <a href=${'/admin/accounts/' + encodeURIComponent(server.ownerId)}>${server.ownerId.slice(0, 8)}</a>`}</p>
    <${ConnectAddress} address=${server.connectAddress} />
    <div class="tabs" role="tablist" aria-label="Server sections">
      ${TABS.map((t) => html`<button type="button" role="tab" id=${'atab-' + t} aria-selected=${tab === t ? 'true' : 'false'} onClick=${() => setTab(t)}>${t}</button>`)}
    </div>
    <section role="tabpanel" aria-labelledby=${'atab-' + tab}>
      ${tab === 'Overview' && html`<div class="stack">
        <div class="panel"><h2>Status</h2><${Status} status=${status} /><button type="button" onClick=${load}>Read again</button></div>
        <div class="panel"><h2>Administrator actions</h2>
          <p class="hint">Recorded as yours, with your reason, in the server's timeline.</p>
          <${AdminActions} server=${server} onChanged=${load} />
        </div>
      </div>`}
      ${tab === 'Timeline' && html`<div class="panel"><h2>Timeline</h2>
        <p class="small"><a href=${'/admin/timeline?subject=' + encodeURIComponent('server:' + serverId)}>Open on its own page</a></p>
        <${TimelineEntries} stream=${'server:' + serverId} refresh=${refresh} /></div>`}
      ${tab === 'Console' && html`<${ConsolePanel} serverId=${serverId} />`}
      ${tab === 'Files' && html`<${FilesPanel} serverId=${serverId} />`}
      ${tab === 'Backups' && html`<${BackupsPanel} serverId=${serverId} />`}
    </section>
  </main>`;
}

export function Servers({ params }) {
  return params && params[0] ? html`<${ServerDetail} serverId=${params[0]} />` : html`<${ServerList} />`;
}
