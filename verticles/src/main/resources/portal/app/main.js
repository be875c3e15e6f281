// The portal's shell: who is signed in, the announcements banner, navigation and the page for the URL.
import { html, render, useState, useEffect } from './lib.js';
import { api } from './api.js';
import { navigate, onRoute } from './router.js';
import { closeLive } from './live.js';
import { SignIn, SignUp, ForgotPassword, ResetPassword } from './pages/auth.js';
import { Dashboard } from './pages/dashboard.js';
import { CreateServer } from './pages/create.js';
import { ServerPage } from './pages/server.js';
import { Account } from './pages/account.js';
import { Billing } from './pages/billing.js';
import { Support } from './pages/support.js';
import { AdminConsole } from './pages/admin/console.js';
import { Loading } from './ui.js';

const PUBLIC = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password'];

function Banner({ me, path }) {
  const [items, setItems] = useState([]);
  useEffect(() => {
    if (!me) { setItems([]); return; }
    api('GET', '/api/announcements').then((r) => setItems(r.announcements || []), () => setItems([]));
  }, [me, path]);
  if (items.length === 0) return null;
  return html`<div role="region" aria-label="Announcements">
    ${items.map((a) => html`<div class="banner ${a.severity}" key=${a.id}><strong>${a.kind === 'billing' ? 'Billing' : 'Notice'}:</strong> ${a.message}</div>`)}
  </div>`;
}

function Header({ me, path }) {
  const link = (href, label) => html`<a href=${href} aria-current=${path === href || (href !== '/' && path.startsWith(href)) ? 'page' : undefined}>${label}</a>`;
  return html`<header class="top">
    <a class="brand" href="/">ZeroLagHub</a>
    ${me && html`<nav class="main" aria-label="Main">
      ${link('/', 'Servers')}${link('/new', 'New server')}${link('/billing', 'Billing')}${link('/support', 'Support')}${link('/account', 'Account')}${me.role === 'admin' && link('/admin', 'Admin')}
    </nav>`}
  </header>`;
}

function Page({ me, path, setMe }) {
  if (path === '/sign-in') return html`<${SignIn} onSignedIn=${setMe} />`;
  if (path === '/sign-up') return html`<${SignUp} onSignedIn=${setMe} />`;
  if (path === '/forgot-password') return html`<${ForgotPassword} />`;
  if (path === '/reset-password') return html`<${ResetPassword} />`;
  if (path === '/' ) return html`<${Dashboard} me=${me} />`;
  if (path === '/new') return html`<${CreateServer} />`;
  if (path.startsWith('/servers/')) return html`<${ServerPage} serverId=${decodeURIComponent(path.split('/')[2] || '')} />`;
  if (path === '/account') return html`<${Account} me=${me} setMe=${setMe} />`;
  if (path === '/billing') return html`<${Billing} />`;
  if (path === '/support') return html`<${Support} />`;
  if (path === '/admin' || path.startsWith('/admin/')) return html`<${AdminConsole} me=${me} path=${path} />`;
  return html`<main><h1>Page not found</h1><p>There is nothing at ${path}. <a href="/">Back to your servers</a>.</p></main>`;
}

function App() {
  const [path, setPath] = useState(location.pathname);
  const [me, setMe] = useState(undefined);
  useEffect(() => onRoute(() => setPath(location.pathname)), []);
  useEffect(() => {
    api('GET', '/api/me').then(setMe, () => setMe(null));
    const signedOut = () => { closeLive(); setMe(null); };
    window.addEventListener('zlh-signed-out', signedOut);
    return () => window.removeEventListener('zlh-signed-out', signedOut);
  }, []);
  useEffect(() => {
    if (me === null && !PUBLIC.includes(path)) navigate('/sign-in', true);
    if (me && (path === '/sign-in' || path === '/sign-up')) navigate('/', true);
  }, [me, path]);
  useEffect(() => {
    const h1 = document.querySelector('main h1');
    document.title = (h1 ? h1.textContent + ' · ' : '') + 'ZeroLagHub';
  });
  if (me === undefined) return html`<main><${Loading} what="your account" /></main>`;
  // Signed out on a customer page: render nothing of it (no API calls, no sockets) until the
  // effect above has moved to the sign-in page.
  if (me === null && !PUBLIC.includes(path)) return html`<main><${Loading} what="the sign-in page" /></main>`;
  return html`<${Header} me=${me} path=${path} /><${Banner} me=${me} path=${path} />
    <${Page} me=${me} path=${path} setMe=${setMe} />`;
}

const root = document.getElementById('app');
root.textContent = ''; // the static "Loading…" line, shown until the modules arrive
render(html`<${App} />`, root);
