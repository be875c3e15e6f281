// Announcements: publish one for everyone or one account, now or as scheduled maintenance with a
// start and an end; expire one early. Customers see them as banners within their window.
import { html, useState } from '../../lib.js';
import { api } from '../../api.js';
import { Problem, Loading, Empty, Field, Badge, useAction } from '../../ui.js';
import { when, usePoll, ReasonField } from './b-shared.js';

/** A datetime-local value (the reader's own time zone) as an ISO instant, or undefined. */
function instant(local) {
  return local ? new Date(local).toISOString() : undefined;
}

function PublishForm({ onPublished }) {
  const [run, busy, error] = useAction();
  const [scheduled, setScheduled] = useState(false);
  const submit = (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const body = { message: f.message.value, severity: f.severity.value };
    if (scheduled) { body.startsAt = instant(f.startsAt.value); body.endsAt = instant(f.endsAt.value); } else if (f.endsAt.value) body.endsAt = instant(f.endsAt.value);
    if (f.accountId.value.trim()) body.accountId = f.accountId.value.trim();
    run(async () => { await api('POST', '/api/admin/announcements', body); e.target.reset(); setScheduled(false); onPublished(); });
  };
  return html`<form class="panel" onSubmit=${submit}>
    <h2>Publish</h2>
    <${Field} label="Message" id="ann-message"><textarea id="ann-message" name="message" required maxlength="2000"></textarea><//>
    <${Field} label="Severity" id="ann-severity"><select id="ann-severity" name="severity">
      <option value="info">Info</option><option value="warning">Warning</option><option value="critical">Critical</option></select><//>
    <label class="row"><input type="checkbox" id="ann-scheduled" checked=${scheduled} onChange=${(e) => setScheduled(e.target.checked)} /> Scheduled maintenance (a start and an end)</label>
    ${scheduled && html`<${Field} label="Starts at (your time)" id="ann-starts"><input id="ann-starts" name="startsAt" type="datetime-local" required /><//>`}
    <${Field} label=${scheduled ? 'Ends at (your time)' : 'Ends at (your time, optional)'} id="ann-ends"><input id="ann-ends" name="endsAt" type="datetime-local" required=${scheduled} /><//>
    <${Field} label="Only for account (optional)" id="ann-account" hint="An account id; empty shows it to everyone."><input id="ann-account" name="accountId" maxlength="100" autocomplete="off" /><//>
    <${Problem} error=${error} />
    <button type="submit" class="primary" disabled=${busy}>Publish announcement</button>
  </form>`;
}

function Announcement({ a, onExpired }) {
  const [run, busy, error] = useAction();
  const expire = (e) => {
    e.preventDefault();
    const reason = e.target.elements.reason.value.trim();
    run(async () => { await api('DELETE', '/api/admin/announcements/' + encodeURIComponent(a.id), { reason }); onExpired(); });
  };
  return html`<article class="b-item" aria-label=${'Announcement ' + a.message.slice(0, 40)}>
    <p><${Badge} value=${a.severity} /> <${Badge} value=${a.state} /> ${a.message}</p>
    <p class="small muted">${a.accountId ? 'For account ' + a.accountId : 'For everyone'} · from ${when(a.startsAt)} until ${a.endsAt ? when(a.endsAt) : 'expired by hand'}${a.expiredAt ? ' · expired ' + when(a.expiredAt) : ''}</p>
    <${Problem} error=${error} />
    ${a.state !== 'ended' && html`<form class="row" onSubmit=${expire} aria-label="Expire this announcement">
      <${ReasonField} id=${'expire-' + a.id} label="Reason to expire" />
      <button type="submit" class="danger" disabled=${busy}>Expire now</button>
    </form>`}
  </article>`;
}

export function Announcements() {
  const [list, setList] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const load = async () => {
    try { setList((await api('GET', '/api/admin/announcements')).announcements); setLoadError(null); } catch (e) { setLoadError(e); }
  };
  usePoll(load, 15000);
  return html`<main><h1>Announcements</h1>
    <${PublishForm} onPublished=${load} />
    <section class="panel" aria-labelledby="ann-list">
      <h2 id="ann-list">Published</h2>
      ${loadError ? html`<${Problem} error=${loadError} />` : !list ? html`<${Loading} what="announcements" />`
        : list.length === 0 ? html`<${Empty}>No announcements.<//>`
        : list.map((a) => html`<${Announcement} key=${a.id} a=${a} onExpired=${load} />`)}
    </section>
  </main>`;
}
