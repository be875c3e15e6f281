// Operator console page: Repairs (to be built).
import { html } from '../../lib.js';

export function Repairs() {
  return html`<main><h1>Repairs</h1><p class="muted">Not built yet.</p></main>`;
}
