// Shared pieces: problem messages, labelled fields, loading/empty/error states.
import { html, useState } from './lib.js';

let fieldIds = 0;
export function nextId(prefix) { fieldIds += 1; return (prefix || 'f') + fieldIds; }

/** A failure as customers read it: the problem's own message; for a 5xx, the request id to quote. */
export function Problem({ error }) {
  if (!error) return null;
  const problem = error.problem || {};
  const fields = problem.errors || [];
  return html`<div class="problem" role="alert">
    <strong>${error.message}</strong>
    ${fields.length > 0 && html`<ul>${fields.map((f) => html`<li>${f.field}: ${f.message}</li>`)}</ul>`}
    ${error.status >= 500 && html`<div class="small">Something went wrong on our side. Quote request id${' '}<code class="mono">${error.requestId || 'unknown'}</code> to support.</div>`}
  </div>`;
}

export function Field({ label, hint, id, children }) {
  return html`<div class="field"><label for=${id}>${label}</label>${children}${hint && html`<div class="hint">${hint}</div>`}</div>`;
}

export function Loading({ what }) {
  return html`<p class="muted" role="status">Loading ${what || ''}…</p>`;
}

export function Empty({ children }) {
  return html`<p class="muted">${children}</p>`;
}

/** Runs an async action with a busy flag and its error; answers [run, busy, error, setError]. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (fn) => {
    setBusy(true);
    setError(null);
    try { return await fn(); } catch (e) { setError(e); return undefined; } finally { setBusy(false); }
  };
  return [run, busy, error, setError];
}

export function Badge({ value }) {
  return html`<span class="badge ${value}">${String(value || 'unknown').replace(/_/g, ' ')}</span>`;
}
