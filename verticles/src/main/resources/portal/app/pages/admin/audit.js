// Audit export: an account and a time range → the signed NDJSON file downloads; the command that
// checks it is shown beside. The file is fetched first so a refusal shows as a problem, not as a
// downloaded error page.
import { html, useState } from '../../lib.js';
import { api, ApiError } from '../../api.js';
import { Problem, Field, useAction } from '../../ui.js';
import { ReasonField } from './b-shared.js';

function localValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
}

/** The one account a search names: an exact id, email or username match, else the only hit. */
async function accountOf(text) {
  const { accounts } = await api('GET', '/api/admin/accounts?limit=20&q=' + encodeURIComponent(text));
  const exact = accounts.filter((a) => a.id === text || a.email === text || a.username === text);
  const pick = exact.length === 1 ? exact : accounts;
  if (pick.length === 1) return pick[0];
  throw new ApiError(400, { title: 'Which account?', detail: pick.length === 0 ? 'No account matches “' + text + '”.'
    : pick.length + ' accounts match “' + text + '”; type the whole email or the account id.' });
}

async function download(url, fallbackName) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    let problem;
    try { problem = await response.json(); } catch (e) { problem = { title: 'Export failed (' + response.status + ')' }; }
    problem.requestId = problem.requestId || response.headers.get('X-Request-Id');
    throw new ApiError(response.status, problem);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || fallbackName;
  const blob = await response.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  return { name, bytes: blob.size, lines: (await blob.text()).split('\n').filter((l) => l).length };
}

export function AuditExport() {
  const [run, busy, error] = useAction();
  const [done, setDone] = useState(null);
  const [range, setRange] = useState(() => {
    const now = Date.now();
    return { from: localValue(new Date(now - 30 * 864e5)), to: localValue(new Date(now + 60 * 6e4)) };
  });
  const submit = (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const from = new Date(f.from.value);
    const to = new Date(f.to.value);
    run(async () => {
      if (!(from < to)) throw new ApiError(400, { title: 'The range is empty', detail: '“From” must be before “to”.' });
      const account = await accountOf(f.account.value.trim());
      const url = '/api/admin/audit/export?' + new URLSearchParams({ account: account.id, from: from.toISOString(), to: to.toISOString(),
        reason: f.reason.value.trim() });
      const file = await download(url, 'audit-' + account.id + '.ndjson');
      setDone(Object.assign({ account, url }, file));
    });
  };
  return html`<main><h1>Audit export</h1>
    <p class="muted">Every event touching an account in a time range, as NDJSON: each line carries the SHA-256 of the line before it, and a trailer signed with the platform's Ed25519 key. Hand it to the customer or an arbiter with the public key.</p>
    <form class="panel" onSubmit=${submit}>
      <${Field} label="Account" id="audit-account" hint="Email, username or account id."><input id="audit-account" name="account" required maxlength="200" autocomplete="off" /><//>
      <${Field} label="From (your time)" id="audit-from"><input id="audit-from" name="from" type="datetime-local" required value=${range.from} onInput=${(e) => setRange(Object.assign({}, range, { from: e.target.value }))} /><//>
      <${Field} label="To (your time)" id="audit-to"><input id="audit-to" name="to" type="datetime-local" required value=${range.to} onInput=${(e) => setRange(Object.assign({}, range, { to: e.target.value }))} /><//>
      <${ReasonField} id="audit-reason" label="Reason for the export" hint="Recorded with your name before the file leaves the platform." />
      <${Problem} error=${error} />
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Exporting…' : 'Download signed export'}</button>
    </form>
    ${done && html`<section class="panel" role="status" aria-label="Export ready">
      <p class="notice">Downloaded <strong class="mono">${done.name}</strong>: ${done.lines} lines (${done.bytes} bytes) for ${done.account.email}.</p>
      <p>Check it with the platform's public key (<code class="mono">audit-pub.pem</code>, from the operators):</p>
      <pre class="b-command"><code>zlh audit verify ${done.name} --pubkey audit-pub.pem</code></pre>
      <p class="small muted">It prints one OK line and exits 0, or names the first altered line and exits 1.</p>
    </section>`}
    ${!done && html`<section class="panel"><p>To check an export: <code class="mono">zlh audit verify FILE --pubkey audit-pub.pem</code></p></section>`}
  </main>`;
}
