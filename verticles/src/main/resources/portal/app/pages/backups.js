// World backups: create, list with their state, restore after a confirmation.
import { html, useState, useEffect } from '../lib.js';
import { api } from '../api.js';
import { Problem, Loading, Empty, Badge, useAction } from '../ui.js';

export function BackupsPanel({ serverId }) {
  const base = `/api/servers/${encodeURIComponent(serverId)}/backups`;
  const [backups, setBackups] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [confirming, setConfirming] = useState(null);
  const [message, setMessage] = useState('');
  const [run, busy, error] = useAction();
  const load = () => api('GET', base).then((r) => { setBackups(r.backups); setLoadError(null); }, setLoadError);
  useEffect(() => { load(); }, [serverId]);
  const create = () => run(async () => { const r = await api('POST', base); setMessage('Backup ' + r.backupId + ' started.'); await load(); });
  const restore = (id) => run(async () => {
    await api('POST', `${base}/${encodeURIComponent(id)}/restore`);
    setConfirming(null);
    setMessage('Restoring backup ' + id + '. The world is replaced by the backup.');
  });
  return html`<div class="panel stack">
    <div class="row spread"><h2>Backups</h2><button type="button" class="primary" onClick=${create} disabled=${busy}>Back up now</button></div>
    ${message && html`<p class="notice" role="status">${message}</p>`}
    <${Problem} error=${error} />
    ${loadError ? html`<${Problem} error=${loadError} /><button type="button" onClick=${load}>Try again</button>`
      : !backups ? html`<${Loading} what="backups" />`
      : backups.length === 0 ? html`<${Empty}>No backups yet. “Back up now” saves the world as it is.<//>`
      : html`<table class="stacks" aria-label="Backups"><thead><tr><th scope="col">Backup</th><th scope="col">Made</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
        <tbody>${backups.map((b) => html`<tr key=${b.backupId}>
          <td class="mono" data-label="Backup">${b.backupId}</td><td data-label="Made">${b.createdAt ? new Date(b.createdAt).toLocaleString() : '—'}</td>
          <td data-label="State"><${Badge} value=${b.state || 'unknown'} /></td>
          <td data-label="Actions">${confirming === b.backupId
            ? html`<div role="group" aria-label="Confirm restore"><p class="small">Replace the current world with this backup? Changes since it was made are lost.</p>
                <div class="row"><button type="button" class="danger" onClick=${() => restore(b.backupId)} disabled=${busy}>Yes, restore</button>
                <button type="button" onClick=${() => setConfirming(null)}>Cancel</button></div></div>`
            : html`<button type="button" onClick=${() => setConfirming(b.backupId)} aria-label=${'Restore ' + b.backupId}>Restore</button>`}</td>
        </tr>`)}</tbody></table>`}
  </div>`;
}
