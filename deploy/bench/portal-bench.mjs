// The portal benchmark's browser part (run by portal-bench.sh against a node it started):
// 1. bytes over the wire for a signed-in customer's first dashboard load (and whether xterm loads),
// 2. navigation start -> server cards rendered, median of alternated cold (empty cache) and warm runs,
// 3. operation end -> its card changing, for creates made through the API while the dashboard is open.
// Prints one JSON line. Env: ZLH_URL, PLAYWRIGHT_DIR (where playwright-core is installed),
// RUNS (default 5 of each kind), CREATES (default 20), SERVERS (on the dashboard for 1-2, default 3).
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';

const require = createRequire(process.env.PLAYWRIGHT_DIR + '/node_modules/');
const { chromium } = require('playwright-core');
const base = process.env.ZLH_URL;
const runs = Number(process.env.RUNS || 5);
const creates = Number(process.env.CREATES || 20);
const initialServers = Number(process.env.SERVERS || 3);
const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
const round = (x) => Math.round(x * 10) / 10;

// In every page, before its scripts: record when the server cards are rendered (usable) and when
// each card turns from pending into a server card (wall clock, to compare with the API's times).
const observer = () => {
  window.__cardReadyAt = {};
  const scan = () => {
    const cards = document.querySelectorAll('article.card[data-server]');
    let ready = 0;
    for (const c of cards) {
      if (c.classList.contains('pending')) continue;
      ready++;
      const id = c.getAttribute('data-server');
      if (!(id in window.__cardReadyAt)) window.__cardReadyAt[id] = performance.timeOrigin + performance.now();
    }
    if (window.__usableAt === undefined && ready >= (window.__expectCards || 1)) window.__usableAt = performance.now();
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
};

async function api(context, method, path, body, headers = {}) {
  const csrf = (await context.cookies(base)).find((c) => c.name === 'zlh_csrf' || c.name === '__Host-zlh_csrf');
  const h = { ...headers };
  if (method !== 'GET' && csrf) h['X-CSRF-Token'] = decodeURIComponent(csrf.value);
  const r = await context.request.fetch(base + path, { method, headers: h, data: body });
  if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
  return r.status() === 204 ? null : r.json();
}

async function createServer(context, catalog, name) {
  return api(context, 'POST', '/api/instances',
    { type: 'game', name, variant: catalog.game.variants[0].id, plan: catalog.game.plans[0].id },
    { 'Idempotency-Key': randomUUID() });
}

async function waitAllReady(context) {
  for (let i = 0; i < 600; i++) {
    const { servers } = await api(context, 'GET', '/api/servers');
    if (servers.every((s) => s.lifecycle !== 'provisioning' && !(s.operation && ['queued', 'running'].includes(s.operation.status)))) return servers;
    await sleep(100);
  }
  throw new Error('servers not ready in 60 s');
}

/** One dashboard load in a page: bytes (CDP encodedDataLength), usable time, xterm requested? */
async function loadDashboard(context, expectCards) {
  const page = await context.newPage();
  await page.addInitScript(`window.__expectCards = ${expectCards}; (${observer})();`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const bytesById = new Map();
  const urls = [];
  let usableBytes = null;
  cdp.on('Network.requestWillBeSent', (e) => urls.push(e.request.url));
  cdp.on('Network.loadingFinished', (e) => bytesById.set(e.requestId, e.encodedDataLength));
  const sum = () => [...bytesById.values()].reduce((a, b) => a + b, 0);
  await page.goto(base + '/', { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 20000, polling: 10 });
  usableBytes = sum();
  const usableMs = await page.evaluate(() => window.__usableAt);
  await sleep(1500); // the cards' metrics requests and anything else started by the first render
  const result = { usableMs, usableBytes, totalBytes: sum(), requests: urls.length,
    xterm: urls.some((u) => /xterm/i.test(u)), urls };
  await cdp.detach();
  await page.close();
  return result;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
try {
  // a customer, registered and signed in through the API; the browser context holds its cookies
  const id = randomUUID().slice(0, 8);
  const email = `bench-${id}@portal.zerolaghub.test`;
  const password = `portal bench ${randomUUID()}`;
  const signIn = await browser.newContext();
  await api(signIn, 'POST', '/api/auth/register', { email, password, username: `bench${id}`, displayName: 'Portal bench' });
  await api(signIn, 'POST', '/api/auth/login', { email, password });
  const catalog = await api(signIn, 'GET', '/api/catalog');
  for (let i = 0; i < initialServers; i++) await createServer(signIn, catalog, `bench-${i}`);
  await waitAllReady(signIn);
  const state = await signIn.storageState();

  // 1 and 2: alternate a cold load (fresh context, empty cache: the first dashboard load) and a
  // warm reload (same context, cached immutable assets)
  const cold = [], warm = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ storageState: state });
    cold.push(await loadDashboard(ctx, initialServers));
    warm.push(await loadDashboard(ctx, initialServers));
    await ctx.close();
  }

  // 3: the dashboard open, creates through the API one after another; the card's change (page clock)
  // against the operation's end (its updatedAt from the API, and when a 20 ms poll saw it end)
  const ctx = await browser.newContext({ storageState: state });
  const page = await ctx.newPage();
  await page.addInitScript(`window.__expectCards = ${initialServers}; (${observer})();`);
  await page.goto(base + '/');
  await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 20000 });
  await sleep(500); // live socket subscribed
  const delays = [], pollDelays = [], failures = [];
  for (let i = 0; i < creates; i++) {
    const accepted = await createServer(ctx, catalog, `live-${i}`);
    let op = null, polledEnd = null;
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      if (!polledEnd) {
        op = await api(ctx, 'GET', `/api/operations/${accepted.operationId}`);
        if (op.status === 'succeeded' || op.status === 'failed') polledEnd = Date.now();
      }
      const cardAt = await page.evaluate((sid) => window.__cardReadyAt[sid], accepted.serverId);
      if (cardAt && polledEnd) {
        if (op.status !== 'succeeded') failures.push(op);
        delays.push(cardAt - Date.parse(op.updatedAt));
        pollDelays.push(cardAt - polledEnd);
        break;
      }
      await sleep(20);
    }
    if (delays.length !== i + 1 - failures.length) throw new Error(`create ${i}: card or operation end not seen in 30 s`);
  }
  await ctx.close();

  const first = cold[0];
  console.log(JSON.stringify({
    bench: 'portal', runs, servers: initialServers,
    firstLoadBytes: { median: median(cold.map((r) => r.totalBytes)), atUsableMedian: median(cold.map((r) => r.usableBytes)), targetMax: 150 * 1024 },
    warmLoadBytesMedian: median(warm.map((r) => r.totalBytes)),
    xtermOnDashboard: cold.some((r) => r.xterm) || warm.some((r) => r.xterm),
    usableMs: { coldMedian: round(median(cold.map((r) => r.usableMs))), warmMedian: round(median(warm.map((r) => r.usableMs))),
      cold: cold.map((r) => round(r.usableMs)), warm: warm.map((r) => round(r.usableMs)), targetMax: 1000 },
    firstLoadRequests: first.requests, firstLoadUrls: first.urls.map((u) => u.replace(base, '')),
    cardDelayMs: { creates, failed: failures.length, p50: round(pct(delays, 50)), p99: round(pct(delays, 99)), max: round(Math.max(...delays)),
      fromPollP50: round(pct(pollDelays, 50)), fromPollP99: round(pct(pollDelays, 99)), targetP99Max: 500, all: delays.map(round) },
  }));
} finally {
  await browser.close();
}
