// Operator console page: Tickets (to be built).
import { html } from '../../lib.js';

export function Tickets() {
  return html`<main><h1>Tickets</h1><p class="muted">Not built yet.</p></main>`;
}
