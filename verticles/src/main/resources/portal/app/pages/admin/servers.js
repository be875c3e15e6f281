// Operator console page: Servers (to be built).
import { html } from '../../lib.js';

export function Servers() {
  return html`<main><h1>Servers</h1><p class="muted">Not built yet.</p></main>`;
}
