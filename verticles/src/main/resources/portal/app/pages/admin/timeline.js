// Operator console page: Timeline (to be built).
import { html } from '../../lib.js';

export function Timeline() {
  return html`<main><h1>Timeline</h1><p class="muted">Not built yet.</p></main>`;
}
