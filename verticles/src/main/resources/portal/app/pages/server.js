// One server: status, console, files, backups, notes, Open IDE (dev) and delete.
import { html, useState, useEffect } from '../lib.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { onServerEvents } from '../live.js';
import { Problem, Loading, Badge, Field, useAction } from '../ui.js';
import { ConnectAddress, Controls } from './dashboard.js';
import { ConsolePanel } from './console.js';
import { FilesPanel } from './files.js';
import { BackupsPanel } from './backups.js';
import { NotesPanel } from './notes.js';

function Status({ status }) {
  if (!status) return html`<${Loading} what="status" />`;
  const crash = status.lastCrash;
  return html`<dl class="metrics" aria-label="Status">
    <dt>Ready</dt><dd>${status.ready ? 'yes' : 'no'}</dd>
    <dt>Players can connect</dt><dd>${status.connectable ? 'yes' : 'no'}</dd>
    <dt>Host</dt><dd>${(status.host && status.host.state) || 'unknown'}</dd>
    <dt>Agent</dt><dd>${(status.agent && status.agent.state) || 'unknown'}</dd>
    ${status.game && html`<dt>Game</dt><dd>${status.game.state}</dd>`}
    <dt>Operation in progress</dt><dd>${status.operationInProgress ? (status.operationType || 'yes') : 'none'}</dd>
    ${crash && html`<dt>Last crash</dt><dd>${crash.at} (${String(crash.classification).replace(/_/g, ' ')})</dd>`}
  </dl>`;
}

function OpenIde({ server }) {
  const [run, busy, error] = useAction();
  // The hosted-URL flow: a one-time link to the IDE's own host, opened in a new tab. The tab is
  // opened at the click (so no popup blocker interferes) and sent to the link once it arrives.
  const open = () => {
    const tab = window.open('about:blank', '_blank');
    run(async () => {
      try {
        const r = await api('POST', `/api/dev/${server.serverId}/ide-token`);
        if (tab) { tab.opener = null; tab.location.href = r.url; } else location.href = r.url;
      } catch (e) { if (tab) tab.close(); throw e; }
    });
  };
  return html`<div><button type="button" class="primary" onClick=${open} disabled=${busy}>Open IDE</button><${Problem} error=${error} /></div>`;
}

function DeletePanel({ server }) {
  const [typed, setTyped] = useState('');
  const [run, busy, error] = useAction();
  const [started, setStarted] = useState(false);
  const running = server.hostState === 'running';
  const submit = (e) => {
    e.preventDefault();
    run(async () => { await api('DELETE', `/api/servers/${server.serverId}`); setStarted(true); });
  };
  if (started || server.lifecycle === 'deleting') return html`<div class="notice" role="status">Deleting ${server.name}… It disappears from your servers when done.</div>`;
  return html`<form class="panel" onSubmit=${submit} aria-label="Delete server">
    <h2>Delete this server</h2>
    ${running && html`<p class="notice">The host is running. Stop the host before deleting, so nothing is lost while players are on.</p>`}
    <${Field} label=${'Type the server name (' + server.name + ') to confirm'} id="delete-confirm">
      <input id="delete-confirm" value=${typed} onInput=${(e) => setTyped(e.target.value)} autocomplete="off" />
    <//>
    <${Problem} error=${error} />
    <button type="submit" class="danger" disabled=${busy || typed !== server.name}>Delete server forever</button>
  </form>`;
}

/** The server's story as its owner may read it (outcomes only; an administrator is never named), paged. */
function History({ serverId }) {
  const [events, setEvents] = useState(null);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  const [run, busy, olderError] = useAction();
  const page = (before) => api('GET', `/api/servers/${serverId}/timeline?limit=50` + (before ? '&before=' + before : ''));
  const first = () => page().then((r) => { setEvents(r.events); setNext(r.next); setError(null); }, setError);
  useEffect(() => {
    first();
    return onServerEvents((e) => { if (e.type === 'resync' || e.serverId === serverId) first(); });
  }, [serverId]);
  // Older pages are appended; a live change reloads the first page (and drops the older ones).
  const older = () => run(async () => { const r = await page(next); setEvents(events.concat(r.events)); setNext(r.next); });
  if (error) return html`<${Problem} error=${error} />`;
  if (!events) return html`<${Loading} what="the history" />`;
  return html`<div class="panel"><h2>History</h2>
    ${events.length === 0 ? html`<p class="muted">Nothing yet.</p>` : html`<ol class="timeline" aria-label="History">
      ${events.map((e) => html`<li class="timeline-entry" key=${e.position}><strong>${e.text}</strong>
        <div class="small muted"><time datetime=${e.at}>${new Date(e.at).toLocaleString()}</time> · by ${e.cause.kind === 'customer' ? 'you' : e.cause.text}</div></li>`)}
    </ol>`}
    <${Problem} error=${olderError} />
    ${next && html`<button type="button" onClick=${older} disabled=${busy}>Older</button>`}
  </div>`;
}

const TABS = ['Overview', 'Console', 'Files', 'Backups', 'Notes', 'History'];

export function ServerPage({ serverId }) {
  const [server, setServer] = useState(null);
  const [status, setStatus] = useState(null);
  const [error, setError] = useState(null);
  const [tab, setTab] = useState('Overview');
  const load = () => {
    api('GET', `/api/servers/${serverId}`).then(setServer, (e) => { setError(e); });
    api('GET', `/api/servers/${serverId}/status`).then(setStatus, () => setStatus(null));
  };
  useEffect(() => {
    load();
    return onServerEvents((e) => { if (e.type === 'resync' || e.serverId === serverId) load(); });
  }, [serverId]);
  useEffect(() => { if (error && error.status === 404 && server) navigate('/', true); }, [error]);
  if (error && !server) return html`<main><h1>Server</h1><${Problem} error=${error} /><a href="/">Back to your servers</a></main>`;
  if (!server) return html`<main><h1>Server</h1><${Loading} what="the server" /></main>`;
  return html`<main>
    <p class="small"><a href="/">← Your servers</a></p>
    <div class="row spread"><h1>${server.name}</h1><${Badge} value=${server.lifecycle} /></div>
    <p class="muted small">${server.kind === 'game' ? 'Game server' : 'Dev server'} · host ${server.hostState}</p>
    <${ConnectAddress} address=${server.connectAddress} />
    <div class="tabs" role="tablist" aria-label="Server sections">
      ${TABS.map((t) => html`<button type="button" role="tab" id=${'tab-' + t} aria-selected=${tab === t ? 'true' : 'false'} onClick=${() => setTab(t)}>${t}</button>`)}
    </div>
    <section role="tabpanel" aria-labelledby=${'tab-' + tab}>
      ${tab === 'Overview' && html`<div class="stack">
        <div class="panel"><h2>Status</h2><${Status} status=${status} /></div>
        <div class="panel"><h2>Power</h2><${Controls} server=${server} onChanged=${load} />
          ${server.kind === 'dev' && server.codeServer && html`<div class="field"><${OpenIde} server=${server} /></div>`}</div>
        <${DeletePanel} server=${server} />
      </div>`}
      ${tab === 'Console' && html`<${ConsolePanel} serverId=${serverId} />`}
      ${tab === 'Files' && html`<${FilesPanel} serverId=${serverId} />`}
      ${tab === 'Backups' && html`<${BackupsPanel} serverId=${serverId} />`}
      ${tab === 'Notes' && html`<${NotesPanel} serverId=${serverId} />`}
      ${tab === 'History' && html`<${History} serverId=${serverId} />`}
    </section>
  </main>`;
}
