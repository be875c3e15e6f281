// Pieces the operator console's pages share: polling, times in words, and the action that asks
// for a reason (every admin action is an event naming the administrator and their reason).
import { html, useState, useEffect } from '../../lib.js';
import { Problem, Field, useAction } from '../../ui.js';

/** Calls fn now and every ms milliseconds while the page is open (and the tab visible). */
export function usePoll(fn, ms, deps) {
  useEffect(() => {
    let stopped = false;
    const tick = () => { if (!stopped && document.visibilityState !== 'hidden') fn(); };
    fn();
    const id = setInterval(tick, ms);
    return () => { stopped = true; clearInterval(id); };
  }, deps || []);
}

/** An ISO instant as the reader's local date and time. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Seconds as words a person reads at a glance: "42 s", "3 min", "2 h". */
export function age(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(Number(seconds));
  if (s < 90) return s + ' s';
  if (s < 5400) return Math.round(s / 60) + ' min';
  return Math.round(s / 3600) + ' h';
}

/**
 * An administrator's action: a labelled reason field and a button. onDone gets the answer.
 * The button stays disabled until a reason of 3 characters or more is typed (the API's minimum).
 */
export function ReasonAction({ id, title, hint, button, danger, act, onDone }) {
  const [reason, setReason] = useState('');
  const [run, busy, error] = useAction();
  const [done, setDone] = useState('');
  const submit = (e) => {
    e.preventDefault();
    run(async () => {
      const answer = await act(reason.trim());
      setReason('');
      setDone(button + ': done.');
      if (onDone) await onDone(answer);
    });
  };
  return html`<form class="admin-action" onSubmit=${submit} aria-label=${title}>
    <h3>${title}</h3>
    ${hint && html`<p class="hint">${hint}</p>`}
    <${Field} label="Reason (kept in the event)" id=${id}>
      <input id=${id} value=${reason} onInput=${(e) => { setReason(e.target.value); setDone(''); }} required minlength="3" maxlength="500" autocomplete="off" />
    <//>
    <${Problem} error=${error} />
    ${done && html`<p class="notice" role="status">${done}</p>`}
    <button type="submit" class=${danger ? 'danger' : 'primary'} disabled=${busy || reason.trim().length < 3}>${button}</button>
  </form>`;
}
