// Pieces the repairs, projections, support, announcements and audit pages share: dates in the
// reader's words, a poll that stops with the page, a typed reason, evidence as a list.
import { html, useEffect, useRef } from '../../lib.js';
import { Field } from '../../ui.js';

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Calls fn now and every ms while the page is open (one call at a time; stops on unmount). */
export function usePoll(fn, ms, deps) {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    let stopped = false;
    let timer;
    const tick = async () => {
      try { await latest.current(); } catch (e) { /* each caller shows its own error */ }
      if (!stopped) timer = setTimeout(tick, ms);
    };
    tick();
    return () => { stopped = true; clearTimeout(timer); };
  }, deps || []);
}

/** The reason an administrator types; kept in the event the action appends. */
export function ReasonField({ id, label, hint }) {
  return html`<${Field} label=${label || 'Reason'} id=${id} hint=${hint || 'Kept in the event log with your name.'}>
    <input id=${id} name="reason" required minlength="3" maxlength="500" autocomplete="off" /><//>`;
}

/** An object's fields as a definition list (drift evidence, a failed operation). */
export function Facts({ of }) {
  const entries = Object.entries(of || {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (entries.length === 0) return null;
  return html`<dl class="facts">${entries.map(([k, v]) => html`<dt>${k}</dt><dd>${typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>`)}</dl>`;
}
