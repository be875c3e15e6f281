// A subject's events in words, newest first, paged with "Older": each with its time, who or what
// caused it and a link to the raw event as the log holds it.
import { html, useState, useEffect } from '../../lib.js';
import { api } from '../../api.js';
import { Problem, Loading, Empty, useAction } from '../../ui.js';
import { when } from './a-common.js';

const CAUSES = { customer: 'customer', admin: 'administrator', billing: 'billing', stripe: 'Stripe', controller: 'controller', node: 'node', system: 'system' };

function Entry({ e }) {
  return html`<li class="timeline-entry">
    <div><strong>${e.text}</strong></div>
    <div class="small muted">
      <time datetime=${e.at}>${when(e.at)}</time> · by <span class=${'cause ' + e.cause.kind}>${e.cause.kind === 'admin' ? e.cause.text : (CAUSES[e.cause.kind] || e.cause.kind)}</span>${' · '}<a href=${e.raw} target="_blank" rel="noopener" aria-label=${'Raw event ' + e.position}>raw event #${e.position}</a>
    </div>
  </li>`;
}

/** stream: server:<id>, account:<id> or ticket:<id>. */
export function TimelineEntries({ stream, limit, refresh }) {
  const [events, setEvents] = useState(null);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  const [run, busy, olderError] = useAction();
  const size = limit || 50;
  const page = (before) => api('GET', '/api/admin/timeline?stream=' + encodeURIComponent(stream) + '&limit=' + size + (before ? '&before=' + before : ''));
  useEffect(() => {
    setEvents(null); setError(null);
    page().then((r) => { setEvents(r.events); setNext(r.next); }, setError);
  }, [stream, refresh]);
  const older = () => run(async () => {
    const r = await page(next);
    setEvents((events || []).concat(r.events));
    setNext(r.next);
  });
  if (error) return html`<${Problem} error=${error} />`;
  if (!events) return html`<${Loading} what="the timeline" />`;
  if (events.length === 0) return html`<${Empty}>No events yet.<//>`;
  return html`<div>
    <ol class="timeline" aria-label=${'Timeline of ' + stream}>${events.map((e) => html`<${Entry} e=${e} key=${e.position} />`)}</ol>
    <${Problem} error=${olderError} />
    ${next ? html`<button type="button" onClick=${older} disabled=${busy}>Older</button>` : html`<p class="small muted">That is the beginning.</p>`}
  </div>`;
}
