// Operator console page: Timeline. For any server, account or ticket, its events in order and in
// words (/admin/timeline?subject=server:<id>), each with its cause and its raw event.
import { html, useState, useEffect } from '../../lib.js';
import { navigate, onRoute } from '../../router.js';
import { Field } from '../../ui.js';
import { TimelineEntries } from './a-timeline.js';

const KINDS = [['server', 'Server'], ['account', 'Account'], ['ticket', 'Ticket']];

function subjectOf(search) {
  const subject = new URLSearchParams(search).get('subject') || '';
  const at = subject.indexOf(':');
  return at > 0 ? { kind: subject.slice(0, at), id: subject.slice(at + 1) } : { kind: 'server', id: '' };
}

export function Timeline() {
  const [search, setSearch] = useState(location.search);
  useEffect(() => onRoute(() => setSearch(location.search)), []);
  const subject = subjectOf(search);
  const [kind, setKind] = useState(subject.kind);
  const [id, setId] = useState(subject.id);
  useEffect(() => { setKind(subject.kind); setId(subject.id); }, [search]);
  const submit = (e) => {
    e.preventDefault();
    if (id.trim()) navigate('/admin/timeline?subject=' + encodeURIComponent(kind + ':' + id.trim()));
  };
  const shown = subject.id ? subject.kind + ':' + subject.id : null;
  return html`<main><h1>Timeline</h1>
    <p class="muted">Everything that happened to a server, an account or a ticket, newest first, with who or what caused it.</p>
    <form class="panel" onSubmit=${submit} aria-label="Choose a subject">
      <div class="row">
        <${Field} label="Kind" id="tl-kind"><select id="tl-kind" value=${kind} onChange=${(e) => setKind(e.target.value)}>
          ${KINDS.map(([k, label]) => html`<option value=${k}>${label}</option>`)}</select><//>
        <${Field} label="Id" id="tl-id"><input id="tl-id" value=${id} onInput=${(e) => setId(e.target.value)} required maxlength="100" autocomplete="off" /><//>
      </div>
      <button type="submit" class="primary">Show timeline</button>
    </form>
    ${shown && html`<section class="panel" aria-label="Events">
      <h2>${KINDS.find(([k]) => k === subject.kind)?.[1] || subject.kind} <span class="mono">${subject.id}</span></h2>
      ${subject.kind === 'server' && html`<p class="small"><a href=${'/admin/servers/' + encodeURIComponent(subject.id)}>Open the server</a></p>`}
      ${subject.kind === 'account' && html`<p class="small"><a href=${'/admin/accounts/' + encodeURIComponent(subject.id)}>Open the account</a></p>`}
      <${TimelineEntries} stream=${shown} />
    </section>`}
  </main>`;
}
