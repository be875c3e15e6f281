// Operator console page: Overview (to be built).
import { html } from '../../lib.js';

export function Overview() {
  return html`<main><h1>Overview</h1><p class="muted">Not built yet.</p></main>`;
}
