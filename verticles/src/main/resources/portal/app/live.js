// Live server and operation changes over /api/events: one socket for the page, reconnecting with
// back-off after a drop (and re-reading state then, since changes may have been missed). No polling.
import { socketUrl } from './api.js';

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
      const reconnected = retry > 0;
      retry = 0;
      if (reconnected) listeners.forEach((l) => l({ type: 'resync' }));
      return;
    }
    listeners.forEach((l) => l(data));
  };
  socket.onclose = () => {
    socket = null;
    if (!wanted) return;
    retry += 1;
    const delay = Math.min(15000, 500 * 2 ** Math.min(retry, 5));
    timer = setTimeout(open, delay);
  };
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
