// The console: xterm over the console WebSocket, with every state said in words and a button that
// always comes back ("Open console" / "Reconnect"). xterm is loaded only here, on first use.
import { html, useState, useEffect, useRef } from '../lib.js';
import { socketUrl } from '../api.js';

export const CONNECT_TIMEOUT_MS = 10000;
/** The node serving the console drains for a restart (1012 Service Restart): the console reconnects by itself. */
const SERVICE_RESTART = 1012;

const WORDS = {
  idle: 'The console is not open.',
  connecting: 'Connecting to the console…',
  reconnecting: 'The platform moved your console to another node: reconnecting…',
  connected: 'Connected. Type a command and press Enter.',
  closed: 'The console closed.',
  error: 'The console hit a problem.',
  timeout: 'Your server did not answer in time.',
  throttled: 'Too much input too fast: the console was closed. Reconnect to go on.',
  suspended: 'This server is suspended for billing, so its console is closed. See Billing.',
  signed_out: 'You were signed out, so the console closed. Sign in again.',
};
const REASONS = {
  agent_unreachable: 'Your server could not be reached. It may be stopped or starting.',
  agent_error: 'Your server ended the console with an error.',
  idle: 'Nothing happened for a while, so the console closed.',
  shutdown: 'The platform is restarting. Reconnect in a moment.',
};

let xtermLoading = null;
function loadXterm() {
  if (!xtermLoading) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('../../vendor/xterm.css', import.meta.url).href;
    document.head.appendChild(css);
    // xterm 4 is a UMD file: importing it runs it, and it sets window.Terminal.
    xtermLoading = import('../../vendor/xterm.js').then(() => window.Terminal);
  }
  return xtermLoading;
}

/** The state a final status frame or a close code means. */
function endState(status, code) {
  if (status && status.state === 'closed') return { state: 'closed' };
  if (status && status.state === 'error') {
    const r = status.reason;
    if (r === 'timeout' || r === 'throttled' || r === 'suspended' || r === 'signed_out') return { state: r };
    return { state: 'error', reason: r };
  }
  if (code === 4401) return { state: 'signed_out' };
  if (code === 4409) return { state: 'suspended' };
  if (code === 1008 || code === 1009) return { state: 'throttled' };
  if (code === 1011 || code === 1013) return { state: 'error' };
  return { state: 'closed' };
}

export function ConsolePanel({ serverId }) {
  const [view, setView] = useState({ state: 'idle' });
  const box = useRef(null);
  const term = useRef(null);
  const socket = useRef(null);

  const wanted = useRef(false);
  const disconnect = () => { wanted.current = false; if (socket.current) socket.current.close(1000); };
  useEffect(() => () => { disconnect(); if (term.current) term.current.dispose(); }, []);

  const connect = async (again) => {
    wanted.current = true;
    setView({ state: again === true ? 'reconnecting' : 'connecting' });
    let Terminal;
    try { Terminal = await loadXterm(); } catch (e) { setView({ state: 'error', reason: 'load' }); return; }
    if (!term.current) {
      const cols = Math.max(20, Math.floor((box.current.clientWidth - 16) / 8.6));
      term.current = new Terminal({ convertEol: true, screenReaderMode: true, fontSize: 14, rows: 18, cols, scrollback: 2000 });
      term.current.open(box.current);
      term.current.onData((data) => { const s = socket.current; if (s && s.readyState === 1) s.send(JSON.stringify({ type: 'input', data })); });
    }
    let last = null;
    let ended = false;
    const ws = new WebSocket(socketUrl(`/api/servers/${encodeURIComponent(serverId)}/console`));
    ws.binaryType = 'arraybuffer';
    socket.current = ws;
    const finish = (next) => { if (ended) return; ended = true; clearTimeout(timer); setView(next); };
    const timer = setTimeout(() => { if (last === null || last.state === 'connecting') { finish({ state: 'timeout' }); ws.close(); } }, CONNECT_TIMEOUT_MS);
    ws.onmessage = (m) => {
      if (typeof m.data === 'string') {
        let status;
        try { status = JSON.parse(m.data); } catch (e) { term.current.write(m.data); return; }
        if (status.type !== 'status') return;
        last = status;
        if (status.state === 'connected') { clearTimeout(timer); setView({ state: 'connected' }); term.current.focus(); }
        else if (status.state === 'connecting') setView({ state: 'connecting' });
        else if (status.reason !== 'restart') finish(endState(status));
      } else {
        term.current.write(new Uint8Array(m.data));
      }
    };
    ws.onerror = () => {};
    ws.onclose = (e) => {
      if (socket.current === ws) socket.current = null;
      const restarting = e.code === SERVICE_RESTART || (last && last.reason === 'restart');
      if (restarting && wanted.current && !ended) {
        // the node drains: a new socket, through the load balancer, reaches another node
        ended = true;
        clearTimeout(timer);
        setTimeout(() => { if (wanted.current) connect(true); }, 100 + Math.random() * 400);
        return;
      }
      finish(endState(last && last.state !== 'connected' && last.state !== 'connecting' ? last : null, e.code));
    };
  };

  const s = view.state;
  const open = s === 'connecting' || s === 'connected' || s === 'reconnecting';
  const words = WORDS[s] + (s === 'error' && view.reason && REASONS[view.reason] ? ' ' + REASONS[view.reason] : '');
  return html`<div class="panel stack">
    <div class="row spread">
      <h2>Console</h2>
      <div class="row">
        <span class="badge ${s}" data-console-state=${s}>${s.replace('_', ' ')}</span>
        ${open ? html`<button type="button" onClick=${disconnect}>Disconnect</button>`
          : html`<button type="button" class="primary" onClick=${connect}>${s === 'idle' ? 'Open console' : 'Reconnect'}</button>`}
      </div>
    </div>
    <p role="status" class="small">${words}</p>
    <div class="terminal-box" ref=${box} aria-label="Console output"></div>
  </div>`;
}
