// The operator console: the admin side of the portal, shown only to administrators. Each page is
// a file of its own; this shell holds the section navigation and picks the page for the URL.
import { html } from '../../lib.js';
import { Overview } from './overview.js';
import { Accounts } from './accounts.js';
import { Servers } from './servers.js';
import { Timeline } from './timeline.js';
import { Repairs } from './repairs.js';
import { Projections } from './projections.js';
import { Tickets } from './tickets.js';
import { Announcements } from './announcements.js';
import { AuditExport } from './audit.js';

// [path prefix, label, page]; the first matching prefix wins, so '/admin' stays last
const SECTIONS = [
  ['/admin/accounts', 'Accounts', Accounts],
  ['/admin/servers', 'Servers', Servers],
  ['/admin/timeline', 'Timeline', Timeline],
  ['/admin/repairs', 'Drift and repairs', Repairs],
  ['/admin/projections', 'Projections', Projections],
  ['/admin/support', 'Support', Tickets],
  ['/admin/announcements', 'Announcements', Announcements],
  ['/admin/audit', 'Audit export', AuditExport],
  ['/admin', 'Overview', Overview],
];

function SectionNav({ path }) {
  const order = [SECTIONS[SECTIONS.length - 1], ...SECTIONS.slice(0, -1)];
  return html`<nav class="admin" aria-label="Operator console">
    ${order.map(([href, label]) => {
      const current = href === '/admin' ? path === '/admin' : path === href || path.startsWith(href + '/');
      return html`<a href=${href} key=${href} aria-current=${current ? 'page' : undefined}>${label}</a>`;
    })}
  </nav>`;
}

export function AdminConsole({ me, path }) {
  if (!me || me.role !== 'admin') {
    return html`<main><h1>Page not found</h1><p>There is nothing at ${path}. <a href="/">Back to your servers</a>.</p></main>`;
  }
  const [, , Page] = SECTIONS.find(([prefix]) => path === prefix || path.startsWith(prefix + '/'));
  const rest = path.split('/').slice(3).map(decodeURIComponent); // e.g. /admin/accounts/<id> → [<id>]
  return html`<${SectionNav} path=${path} /><${Page} me=${me} path=${path} params=${rest} />`;
}
