// The server's files: browse folders, view and edit text, upload with progress, download.
import { html, useState, useEffect } from '../lib.js';
import { api, readText, upload } from '../api.js';
import { Problem, Loading, Empty, Field, useAction } from '../ui.js';

function join(folder, name) { return (folder === '/' || folder === '' ? '' : folder.replace(/\/$/, '')) + '/' + name; }
function parent(folder) { const i = folder.replace(/\/$/, '').lastIndexOf('/'); return i <= 0 ? '/' : folder.slice(0, i); }
function size(n) { return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KB' : (n / 1048576).toFixed(1) + ' MB'; }

export function FilesPanel({ serverId }) {
  const base = `/api/servers/${encodeURIComponent(serverId)}/files`;
  const [folder, setFolder] = useState('/');
  const [listing, setListing] = useState(null);
  const [listError, setListError] = useState(null);
  const [open, setOpen] = useState(null); // {path, text}
  const [progress, setProgress] = useState(null);
  const [run, busy, error] = useAction();
  const [saved, setSaved] = useState('');
  const contentUrl = (path) => `${base}/content?path=${encodeURIComponent(path)}`;

  const list = (path) => {
    setListing(null);
    setListError(null);
    api('GET', path === '/' ? base : `${base}?path=${encodeURIComponent(path)}`).then(setListing, setListError);
  };
  useEffect(() => list(folder), [folder]);

  const view = (path) => run(async () => { setSaved(''); setOpen({ path, text: await readText(contentUrl(path)) }); });
  const save = () => run(async () => {
    await upload(contentUrl(open.path), new Blob([open.text], { type: 'application/octet-stream' }), () => {});
    setSaved('Saved ' + open.path);
    list(folder);
  });
  const onUpload = (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const path = join(folder, file.name);
    run(async () => {
      setProgress(0);
      try { await upload(contentUrl(path), file, setProgress); } finally { setProgress(null); e.target.value = ''; }
      setSaved('Uploaded ' + path);
      list(folder);
    });
  };

  return html`<div class="stack">
    <div class="panel">
      <div class="row spread"><h2>Files</h2><span class="mono small" aria-label="Current folder">${folder}</span></div>
      <${Field} label="Upload a file to this folder" id="files-upload"><input id="files-upload" type="file" onChange=${onUpload} disabled=${busy} /><//>
      ${progress !== null && html`<progress class="progress" max="1" value=${progress} aria-label="Upload progress"></progress>`}
      ${saved && html`<p class="notice" role="status">${saved}</p>`}
      <${Problem} error=${error} />
      ${listError ? html`<${Problem} error=${listError} />` : !listing ? html`<${Loading} what="files" />` : html`
        <table aria-label="Files in ${folder}">
          <thead><tr><th scope="col">Name</th><th scope="col" class="nowrap">Size</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            ${folder !== '/' && html`<tr><td colspan="3"><button type="button" onClick=${() => setFolder(parent(folder))}>↑ Up one folder</button></td></tr>`}
            ${[...listing.entries].sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'directory' ? -1 : 1)).map((e) => html`<tr key=${e.name}>
              <td>${e.type === 'directory' ? html`<button type="button" onClick=${() => setFolder(join(folder, e.name))} aria-label=${'Open folder ' + e.name}>${e.name}/</button>` : e.name}</td>
              <td class="nowrap">${e.type === 'directory' ? '' : size(e.size)}</td>
              <td>${e.type === 'file' && html`<div class="row">
                <button type="button" onClick=${() => view(join(folder, e.name))} aria-label=${'Open ' + e.name}>Open</button>
                <a class="button" href=${contentUrl(join(folder, e.name))} download=${e.name} aria-label=${'Download ' + e.name}>Download</a></div>`}</td>
            </tr>`)}
          </tbody>
        </table>
        ${listing.entries.length === 0 && html`<${Empty}>This folder is empty. Upload a file to add one.<//>`}`}
    </div>
    ${open && html`<div class="panel">
      <${Field} label=${'Editing ' + open.path} id="file-editor">
        <textarea id="file-editor" value=${open.text} onInput=${(e) => setOpen({ path: open.path, text: e.target.value })} spellcheck="false"></textarea>
      <//>
      <div class="row"><button type="button" class="primary" onClick=${save} disabled=${busy}>Save file</button>
        <button type="button" onClick=${() => setOpen(null)}>Close</button></div>
    </div>`}
  </div>`;
}
