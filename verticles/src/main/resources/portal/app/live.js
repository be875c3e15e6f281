// Live server and operation changes over /api/events: one socket for the page, reconnecting with
// back-off after a drop (and re-reading state then, since changes may have been missed). No polling.
import { api, socketUrl } from './api.js';

/** The socket's close code when the session that opened it ended (sign-out, password reset). */
const SIGNED_OUT = 4401;
/** The node is draining for a restart (1012 Service Restart): reconnect at once, another node answers. */
const SERVICE_RESTART = 1012;

const listeners = new Set();
let socket = null;
let retry = 0;
let wanted = false;
let timer = null;

function open() {
  if (!wanted || socket) return;
  socket = new WebSocket(socketUrl('/api/events'));
  socket.onmessage = (message) => {
    let data;
    try { data = JSON.parse(message.data); } catch (e) { return; }
    if (data.type === 'subscribed') {
      // From now on every change arrives here; what changed before (while the page loaded, or
      // while the socket was down) is read again by each listener, so no change falls between.
      retry = 0;
      listeners.forEach((l) => l({ type: 'resync' }));
      return;
    }
    listeners.forEach((l) => l(data));
  };
  socket.onclose = (e) => {
    socket = null;
    if (!wanted) return;
    if (e.code === SIGNED_OUT) {
      wanted = false;
      window.dispatchEvent(new CustomEvent('zlh-signed-out'));
      return;
    }
    if (e.code === SERVICE_RESTART) {
      // not a failure: no back-off, only a little spread so a node's clients do not arrive together
      timer = setTimeout(open, 100 + Math.random() * 400);
      return;
    }
    retry += 1;
    const delay = Math.min(15000, 500 * 2 ** Math.min(retry, 5));
    timer = setTimeout(reconnect, delay);
  };
}

/** Reconnects only while still signed in: a 401 here signs the page out instead of retrying forever. */
function reconnect() {
  if (!wanted) return;
  api('GET', '/api/me').then(open, (e) => {
    if (e.status === 401) { wanted = false; return; }
    retry += 1;
    timer = setTimeout(reconnect, Math.min(15000, 500 * 2 ** Math.min(retry, 5)));
  });
}

/** Calls {@code listener} with each change; answers a function that stops listening. */
export function onServerEvents(listener) {
  listeners.add(listener);
  wanted = true;
  open();
  return () => listeners.delete(listener);
}

/** Closes the socket (sign-out). */
export function closeLive() {
  wanted = false;
  clearTimeout(timer);
  if (socket) socket.close();
  socket = null;
}
