// Operator console page: Projections (to be built).
import { html } from '../../lib.js';

export function Projections() {
  return html`<main><h1>Projections</h1><p class="muted">Not built yet.</p></main>`;
}
