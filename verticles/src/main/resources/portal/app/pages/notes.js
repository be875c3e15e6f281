// The server's notepad: load, save at the version loaded, and a conflict explained when another
// tab or person saved first (the text typed here is kept).
import { html, useState, useEffect } from '../lib.js';
import { api } from '../api.js';
import { Problem, Loading, Field, useAction } from '../ui.js';

export function NotesPanel({ serverId }) {
  const path = `/api/servers/${encodeURIComponent(serverId)}/notes`;
  const [notes, setNotes] = useState(null);
  const [text, setText] = useState('');
  const [loadError, setLoadError] = useState(null);
  const [conflict, setConflict] = useState(null);
  const [saved, setSaved] = useState(false);
  const [run, busy, error] = useAction();
  const load = () => api('GET', path).then((n) => { setNotes(n); setText(n.text); setConflict(null); setLoadError(null); }, setLoadError);
  useEffect(() => { load(); }, [serverId]);
  const save = (e) => {
    e.preventDefault();
    setSaved(false);
    run(async () => {
      try {
        const n = await api('PUT', path, { text, version: notes.version });
        setNotes(n); setConflict(null); setSaved(true);
      } catch (err) {
        if (err.status === 409) { setConflict(err.problem.currentVersion); return; }
        throw err;
      }
    });
  };
  if (loadError) return html`<div class="panel"><h2>Notes</h2><${Problem} error=${loadError} /><button type="button" onClick=${load}>Try again</button></div>`;
  if (!notes) return html`<div class="panel"><h2>Notes</h2><${Loading} what="notes" /></div>`;
  return html`<form class="panel" onSubmit=${save}>
    <h2>Notes</h2>
    <${Field} label="Notes for this server" id="notes-text" hint=${notes.version === 0 && !text ? 'Nothing written yet. Notes are private to your account.' : 'Saved version ' + notes.version + '.'}>
      <textarea id="notes-text" value=${text} onInput=${(e) => { setText(e.target.value); setSaved(false); }}></textarea>
    <//>
    ${conflict !== null && html`<div class="problem" role="alert">These notes were changed elsewhere (now version ${conflict}) since you opened them,
      so they were not saved. Copy your text, then <button type="button" onClick=${load}>load the newer notes</button>.</div>`}
    <${Problem} error=${error} />
    ${saved && html`<p class="notice" role="status">Notes saved.</p>`}
    <button type="submit" class="primary" disabled=${busy}>Save notes</button>
  </form>`;
}
