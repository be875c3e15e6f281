// Support: a new ticket (category, optional server) and the caller's tickets with their replies.
import { html, useState, useEffect } from '../lib.js';
import { api } from '../api.js';
import { Problem, Loading, Empty, Field, Badge, useAction } from '../ui.js';

export function Support() {
  const [tickets, setTickets] = useState(null);
  const [servers, setServers] = useState([]);
  const [loadError, setLoadError] = useState(null);
  const [opened, setOpened] = useState('');
  const [run, busy, error] = useAction();
  const load = () => api('GET', '/api/support/tickets').then((r) => setTickets(r.tickets), setLoadError);
  useEffect(() => { load(); api('GET', '/api/servers').then((r) => setServers(r.servers), () => {}); }, []);
  const submit = (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const body = { subject: f.subject.value, message: f.message.value, category: f.category.value };
    if (f.server.value) body.serverId = f.server.value;
    run(async () => { const r = await api('POST', '/api/support/create', body); e.target.reset(); setOpened(r.ticketNumber); await load(); });
  };
  return html`<main><h1>Support</h1>
    <form class="panel" onSubmit=${submit}>
      <h2>New ticket</h2>
      <${Field} label="Subject" id="ticket-subject"><input id="ticket-subject" name="subject" required maxlength="200" /><//>
      <${Field} label="Category" id="ticket-category"><select id="ticket-category" name="category">
        <option value="technical">Technical</option><option value="billing">Billing</option><option value="account">Account</option><option value="other">Other</option></select><//>
      <${Field} label="Server (optional)" id="ticket-server"><select id="ticket-server" name="server"><option value="">No particular server</option>
        ${servers.map((s) => html`<option value=${s.serverId}>${s.name}</option>`)}</select><//>
      <${Field} label="What happened?" id="ticket-message"><textarea id="ticket-message" name="message" required maxlength="10000"></textarea><//>
      ${opened && html`<p class="notice" role="status">Ticket ${opened} is open. We emailed you a copy.</p>`}
      <${Problem} error=${error} />
      <button type="submit" class="primary" disabled=${busy}>Open ticket</button>
    </form>
    <div class="panel">
      <h2>Your tickets</h2>
      ${loadError ? html`<${Problem} error=${loadError} />` : !tickets ? html`<${Loading} what="your tickets" />`
        : tickets.length === 0 ? html`<${Empty}>No tickets yet.<//>`
        : tickets.map((t) => html`<article class="stack" key=${t.ticketId}>
            <h3><span class="mono">${t.ticketNumber}</span> ${t.subject} <${Badge} value=${t.status} /></h3>
            <p class="small muted">${t.category} · ${new Date(t.createdAt).toLocaleString()}</p>
            <p>${t.message}</p>
            ${(t.replies || []).map((r) => html`<div class="notice"><strong>Reply</strong> <span class="small muted">${r.at ? new Date(r.at).toLocaleString() : ''}</span><p>${r.message}</p></div>`)}
          </article>`)}
    </div>
  </main>`;
}
