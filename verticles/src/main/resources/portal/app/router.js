// Client-side routes on the History API; the node answers index.html for every one of them.
const listeners = new Set();

export function navigate(path, replace) {
  if (replace) history.replaceState(null, '', path); else history.pushState(null, '', path);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

export function onRoute(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** Same-origin link clicks become client-side navigations. */
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[href^="/"]');
  if (!a || a.target || a.hasAttribute('download') || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  if (a.getAttribute('href').startsWith('/api/')) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
