// Operator console page: Announcements (to be built).
import { html } from '../../lib.js';

export function Announcements() {
  return html`<main><h1>Announcements</h1><p class="muted">Not built yet.</p></main>`;
}
