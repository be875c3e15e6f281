// Support: every ticket (filtered by status and category), and one ticket with the customer's
// servers beside it: live status, last crash, last failed operation, open findings (triage).
// Reply (the customer sees it on their support page and by mail) and close.
import { html, useState, useEffect } from '../../lib.js';
import { api } from '../../api.js';
import { Problem, Loading, Empty, Field, Badge, useAction } from '../../ui.js';
import { when, Facts, ReasonField } from './b-shared.js';

function TicketList() {
  const [status, setStatus] = useState('open');
  const [category, setCategory] = useState('');
  const [tickets, setTickets] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setTickets(null);
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (category) q.set('category', category);
    api('GET', '/api/admin/support/tickets?' + q).then((r) => { setTickets(r.tickets); setError(null); }, setError);
  }, [status, category]);
  return html`<main><h1>Support</h1>
    <div class="panel row" role="search">
      <${Field} label="Status" id="tickets-status"><select id="tickets-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
        <option value="open">Open</option><option value="closed">Closed</option><option value="">All</option></select><//>
      <${Field} label="Category" id="tickets-category"><select id="tickets-category" value=${category} onChange=${(e) => setCategory(e.target.value)}>
        <option value="">All</option><option value="technical">Technical</option><option value="billing">Billing</option>
        <option value="account">Account</option><option value="other">Other</option></select><//>
    </div>
    <section class="panel" aria-label="Tickets">
      ${error ? html`<${Problem} error=${error} />` : !tickets ? html`<${Loading} what="tickets" />`
        : tickets.length === 0 ? html`<${Empty}>No tickets here.<//>`
        : html`<ul class="b-list">${tickets.map((t) => html`<li key=${t.ticketId}>
            <a href=${'/admin/support/' + encodeURIComponent(t.ticketId)}><span class="mono">${t.ticketNumber}</span> ${t.subject}</a>
            ${' '}<${Badge} value=${t.status} />
            <div class="small muted">${t.category} · ${when(t.createdAt)} · ${(t.replies || []).length} replies</div></li>`)}</ul>`}
    </section>
  </main>`;
}

function TriagedServer({ s }) {
  const st = s.status;
  const op = s.lastFailedOperation;
  return html`<article class="b-item" aria-label=${'Server ' + s.serverId}>
    <h3><a class="mono" href=${'/admin/servers/' + encodeURIComponent(s.serverId)}>${s.serverId}</a>${st && html` <${Badge} value=${st.lifecycle} />`}</h3>
    ${st ? html`<p class="small">Host ${st.host && st.host.state} · agent ${st.agent && st.agent.state}${st.game ? ' · game ' + st.game.state : ''}${st.connectable ? ' · connectable' : ''}${st.operationInProgress ? ' · ' + (st.operationType || 'operation') + ' in progress' : ''}</p>`
      : html`<p class="small">Live status unavailable: ${s.statusError}</p>`}
    <p class="small"><strong>Last crash:</strong> ${s.lastCrash ? when(s.lastCrash.at) + ' (' + (s.lastCrash.classification || 'unknown') + ')' : 'none'}</p>
    <p class="small"><strong>Last failed operation:</strong> ${op ? op.type + ' at ' + op.phase + ', ' + when(op.at) + (op.reason ? ': ' + op.reason : '') + (op.needsHuman ? ' (needs a human)' : '') : 'none'}</p>
    <p class="small"><strong>Open findings:</strong> ${s.openFindings.length === 0 ? 'none' : ''}</p>
    ${s.openFindings.map((f) => html`<div key=${f.key}><span class="small">${f.kind.replace(/[_-]/g, ' ')} since ${when(f.foundAt)}</span><${Facts} of=${f.evidence} /></div>`)}
  </article>`;
}

function TicketView({ id }) {
  const [ticket, setTicket] = useState(null);
  const [triage, setTriage] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [triageError, setTriageError] = useState(null);
  const [sent, setSent] = useState('');
  const [run, busy, error] = useAction();
  const path = '/api/admin/support/tickets/' + encodeURIComponent(id);
  const load = () => api('GET', path).then(setTicket, setLoadError);
  useEffect(() => { load(); api('GET', path + '/triage').then(setTriage, setTriageError); }, [id]);
  const reply = (e) => {
    e.preventDefault();
    const message = e.target.elements.message.value;
    run(async () => { await api('POST', path + '/reply', { message }); e.target.reset(); setSent('Reply sent; the customer sees it on their support page and by mail.'); await load(); });
  };
  const close = (e) => {
    e.preventDefault();
    const reason = e.target.elements.reason.value.trim();
    run(async () => { await api('POST', path + '/close', { reason }); setSent('Ticket closed.'); await load(); });
  };
  if (loadError) return html`<main><h1>Ticket</h1><${Problem} error=${loadError} /><p><a href="/admin/support">All tickets</a></p></main>`;
  if (!ticket) return html`<main><${Loading} what="the ticket" /></main>`;
  return html`<main>
    <p class="small"><a href="/admin/support">← All tickets</a></p>
    <h1><span class="mono">${ticket.ticketNumber}</span> ${ticket.subject} <${Badge} value=${ticket.status} /></h1>
    <div class="b-columns">
      <div>
        <section class="panel" aria-label="Conversation">
          <p class="small muted">${ticket.category} · opened ${when(ticket.createdAt)} · account <a class="mono" href=${'/admin/accounts/' + encodeURIComponent(ticket.accountId)}>${ticket.accountId}</a></p>
          <p class="b-message">${ticket.message}</p>
          ${(ticket.replies || []).map((r, i) => html`<div class="notice" key=${i}><strong>Reply</strong> <span class="small muted">${when(r.at)}${r.repliedBy ? ' · ' + r.repliedBy : ''}</span><p class="b-message">${r.message}</p></div>`)}
        </section>
        ${sent && html`<p class="notice" role="status">${sent}</p>`}
        <${Problem} error=${error} />
        ${ticket.status === 'open' && html`<form class="panel" onSubmit=${reply}>
          <h2>Reply</h2>
          <${Field} label="Your reply" id="reply-message" hint="Emailed to the customer and shown on their support page."><textarea id="reply-message" name="message" required maxlength="10000"></textarea><//>
          <button type="submit" class="primary" disabled=${busy}>Send reply</button>
        </form>`}
        ${ticket.status === 'open' && html`<form class="panel" onSubmit=${close} aria-label="Close the ticket">
          <h2>Close</h2>
          <${ReasonField} id="close-reason" label="Reason to close" hint="Kept in the ticket's history with your name; the customer sees only that it closed." />
          <button type="submit" disabled=${busy}>Close ticket</button>
        </form>`}
      </div>
      <section class="panel" aria-labelledby="triage-h">
        <h2 id="triage-h">The customer's servers</h2>
        ${triageError ? html`<${Problem} error=${triageError} />` : !triage ? html`<${Loading} what="live status" />`
          : triage.servers.length === 0 ? html`<${Empty}>This customer has no servers.<//>`
          : triage.servers.map((s) => html`<${TriagedServer} key=${s.serverId} s=${s} />`)}
        <button type="button" onClick=${() => { setTriage(null); api('GET', path + '/triage').then(setTriage, setTriageError); }}>Refresh status</button>
      </section>
    </div>
  </main>`;
}

export function Tickets({ params }) {
  const id = params && params[0];
  return id ? html`<${TicketView} id=${id} />` : html`<${TicketList} />`;
}
