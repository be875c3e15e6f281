// Operator console page: AuditExport (to be built).
import { html } from '../../lib.js';

export function AuditExport() {
  return html`<main><h1>AuditExport</h1><p class="muted">Not built yet.</p></main>`;
}
