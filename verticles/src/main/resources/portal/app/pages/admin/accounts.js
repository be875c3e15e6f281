// Operator console page: Accounts. Search by email, username, id or Stripe customer; one account
// with its servers, billing standing and history, tickets and sessions, and the actions an
// administrator takes on it, each with a reason: end all sessions, make or unmake an
// administrator, suspend or restore by hand.
import { html, useState, useEffect } from '../../lib.js';
import { api } from '../../api.js';
import { navigate, onRoute } from '../../router.js';
import { Problem, Loading, Empty, Field, Badge } from '../../ui.js';
import { ReasonAction, usePoll, when } from './a-common.js';

function AccountList() {
  const [search, setSearch] = useState(location.search);
  useEffect(() => onRoute(() => setSearch(location.search)), []);
  const q = new URLSearchParams(search).get('q') || '';
  const [typed, setTyped] = useState(q);
  const [accounts, setAccounts] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setAccounts(null); setError(null);
    api('GET', '/api/admin/accounts?limit=100' + (q ? '&q=' + encodeURIComponent(q) : '')).then((r) => setAccounts(r.accounts), setError);
  }, [q]);
  const submit = (e) => {
    e.preventDefault();
    navigate('/admin/accounts' + (typed.trim() ? '?q=' + encodeURIComponent(typed.trim()) : ''));
  };
  return html`<main><h1>Accounts</h1>
    <form class="panel" role="search" onSubmit=${submit} aria-label="Find an account">
      <${Field} label="Email, username, account id or Stripe customer (cus_…)" id="account-q">
        <input id="account-q" type="search" value=${typed} onInput=${(e) => setTyped(e.target.value)} maxlength="200" autocomplete="off" />
      <//>
      <button type="submit" class="primary">Search</button>
    </form>
    <section class="panel" aria-label="Accounts found">
      <h2>${q ? 'Matching “' + q + '”' : 'All accounts, oldest first'}</h2>
      ${error ? html`<${Problem} error=${error} />` : !accounts ? html`<${Loading} what="accounts" />`
        : accounts.length === 0 ? html`<${Empty}>No account matches.<//>`
        : html`<table class="admin-table"><thead><tr><th>Account</th><th>Email</th><th>Role</th><th>Since</th></tr></thead><tbody>
          ${accounts.map((a) => html`<tr key=${a.id}>
            <td><a href=${'/admin/accounts/' + encodeURIComponent(a.id)}>${a.displayName}</a> <span class="small muted">${a.username}</span></td>
            <td>${a.email}</td><td>${a.role === 'admin' ? html`<strong>administrator</strong>` : 'customer'}</td><td>${when(a.createdAt)}</td>
          </tr>`)}</tbody></table>`}
    </section>
  </main>`;
}

function Dossier({ userId, me }) {
  const [d, setD] = useState(null);
  const [error, setError] = useState(null);
  const load = () => api('GET', '/api/admin/accounts/' + encodeURIComponent(userId)).then((r) => { setD(r); setError(null); }, setError);
  useEffect(() => { setD(null); }, [userId]);
  // Read again every few seconds: the read models behind the dossier follow an action a moment later.
  usePoll(load, 5000, [userId]);
  if (!d) return html`<main><h1>Account</h1>${error ? html`<${Problem} error=${error} />` : html`<${Loading} what="the account" />`}</main>`;
  const a = d.account;
  const b = d.billing;
  const isAdmin = a.role === 'admin';
  const suspended = b.standing === 'suspended';
  const post = (path, body) => api('POST', '/api/admin/accounts/' + encodeURIComponent(userId) + path, body);
  return html`<main>
    <p class="small"><a href="/admin/accounts">← Accounts</a></p>
    <div class="row spread"><h1>${a.displayName}</h1>${isAdmin && html`<span class="badge open">administrator</span>`}</div>
    <${Problem} error=${error} />
    <div class="admin-grid">
      <section class="panel" aria-labelledby="acc-who"><h2 id="acc-who">Who</h2>
        <dl class="metrics">
          <dt>Email</dt><dd>${a.email}</dd>
          <dt>Username</dt><dd>${a.username}</dd>
          <dt>Account id</dt><dd class="mono">${a.id}</dd>
          <dt>Registered</dt><dd>${when(a.createdAt)}</dd>
          <dt>Live sessions</dt><dd>${d.liveSessions}</dd>
        </dl>
        <p class="small"><a href=${'/admin/timeline?subject=' + encodeURIComponent('account:' + a.id)}>The account's timeline</a> (sessions, role, billing)</p>
      </section>
      <section class="panel" aria-labelledby="acc-billing"><h2 id="acc-billing">Billing</h2>
        <dl class="metrics">
          <dt>Standing</dt><dd><${Badge} value=${b.standing} /></dd>
          <dt>Plan</dt><dd>${b.plan || 'none'}</dd>
          <dt>Stripe customer</dt><dd class="mono">${b.stripeCustomerId || 'none'}</dd>
          <dt>Subscription</dt><dd>${b.subscriptionStatus || 'none'}</dd>
        </dl>
        <h3>History</h3>
        ${b.history.length === 0 ? html`<${Empty}>No billing events.<//>` : html`<ol class="timeline">${b.history.slice(0, 10).map((e) => html`<li class="timeline-entry" key=${e.position}>
          <strong>${e.text}</strong><div class="small muted">${when(e.at)} · by ${e.cause.text}</div></li>`)}</ol>`}
      </section>
    </div>
    <section class="panel" aria-labelledby="acc-servers"><h2 id="acc-servers">Servers</h2>
      ${d.servers.length === 0 ? html`<${Empty}>No servers.<//>` : html`<table class="admin-table"><thead><tr><th>Server</th><th>Kind</th><th>State</th><th>Host</th></tr></thead><tbody>
        ${d.servers.map((s) => html`<tr key=${s.serverId}><td><a href=${'/admin/servers/' + encodeURIComponent(s.serverId)}>${s.name}</a></td>
          <td>${s.kind}</td><td><${Badge} value=${s.lifecycle} /></td><td>${s.hostState}</td></tr>`)}</tbody></table>`}
    </section>
    <section class="panel" aria-labelledby="acc-sessions"><h2 id="acc-sessions">Sessions</h2>
      <p class="small">${d.liveSessions} live.</p>
      ${(d.sessions || []).length === 0 ? html`<${Empty}>No sessions.<//>` : html`<ul class="timeline">${d.sessions.map((x) => html`<li class="timeline-entry" key=${x.startedAt}>
        <strong>${x.live ? 'live' : x.endedAt ? 'ended' : 'expired'}</strong> ${x.client ? html`<span class="small">${x.client}</span>` : ''}
        <div class="small muted">started ${when(x.startedAt)}${x.endedAt ? ', ended ' + when(x.endedAt) + (x.reason ? ' (' + x.reason + ')' : '') : ', expires ' + when(x.expiresAt)}</div>
      </li>`)}</ul>`}
    </section>
    <section class="panel" aria-labelledby="acc-tickets"><h2 id="acc-tickets">Tickets</h2>
      ${d.tickets.length === 0 ? html`<${Empty}>No tickets.<//>` : html`<ul>${d.tickets.map((t) => html`<li key=${t.ticketId}>
        <a href=${'/admin/timeline?subject=' + encodeURIComponent('ticket:' + t.ticketId)}><span class="mono">${t.ticketNumber}</span> ${t.subject}</a>
        <${Badge} value=${t.status} /> <span class="small muted">${when(t.createdAt)}</span></li>`)}</ul>`}
    </section>
    <section class="panel" aria-labelledby="acc-actions"><h2 id="acc-actions">Actions</h2>
      <p class="hint">Each action is recorded with your name and the reason you give, and appears in the account's timeline.</p>
      <div class="admin-grid">
        <${ReasonAction} id="act-sessions" title="End all sessions" button="End all sessions" danger=${true}
          hint=${'Signs the account out everywhere: browsers, consoles, IDE tabs. ' + d.liveSessions + ' live now.'}
          act=${(reason) => post('/sessions/end', { reason })} onDone=${load} />
        ${a.id !== me.id && html`<${ReasonAction} id="act-role" title=${isAdmin ? 'Take away administrator' : 'Make administrator'}
          button=${isAdmin ? 'Make a customer again' : 'Make administrator'} danger=${isAdmin}
          hint=${isAdmin ? 'The account keeps its servers; the console closes to it.' : 'The account may then use this console and every admin API.'}
          act=${(reason) => post('/role', { role: isAdmin ? 'customer' : 'admin', reason })} onDone=${load} />`}
        <${ReasonAction} id="act-standing" title=${suspended ? 'Restore good standing' : 'Suspend by hand'}
          button=${suspended ? 'Restore' : 'Suspend account'} danger=${!suspended}
          hint=${suspended ? 'Lifts the suspension; the customer starts their servers again.' : 'As a billing suspension: running hosts stop, nothing is deleted.'}
          act=${(reason) => post('/standing', { standing: suspended ? 'good' : 'suspended', reason })} onDone=${load} />
      </div>
    </section>
  </main>`;
}

export function Accounts({ me, params }) {
  return params && params[0] ? html`<${Dossier} userId=${params[0]} me=${me} />` : html`<${AccountList} />`;
}
