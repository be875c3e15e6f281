// Operator console page: Accounts (to be built).
import { html } from '../../lib.js';

export function Accounts() {
  return html`<main><h1>Accounts</h1><p class="muted">Not built yet.</p></main>`;
}
