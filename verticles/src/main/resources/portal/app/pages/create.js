// Creating a server from /api/catalog: game (variant, plan with its size) or dev (runtime, version,
// code-server). One Idempotency-Key per submission: a double click or a retry makes one server.
import { html, useState, useEffect } from '../lib.js';
import { api, idempotencyKey } from '../api.js';
import { navigate } from '../router.js';
import { Problem, Field, Loading, useAction } from '../ui.js';

function planLabel(p) {
  return `${p.id} — ${(p.memoryMib / 1024).toFixed(p.memoryMib % 1024 ? 1 : 0)} GB memory, ${p.cores} cores, ${p.diskGib} GB disk`;
}

export function CreateForm({ onCreated }) {
  const [catalog, setCatalog] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [kind, setKind] = useState('game');
  const [runtime, setRuntime] = useState('');
  const [key, setKey] = useState(idempotencyKey);
  const [run, busy, error] = useAction();
  useEffect(() => { api('GET', '/api/catalog').then(setCatalog, setLoadError); }, []);
  if (loadError) return html`<${Problem} error=${loadError} />`;
  if (!catalog) return html`<${Loading} what="what you can create" />`;
  const runtimes = catalog.dev.runtimes || [];
  const chosenRuntime = runtimes.find((r) => r.id === runtime) || runtimes[0];
  const submit = (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const body = kind === 'game'
      ? { type: 'game', name: f.name.value, variant: f.variant.value, plan: f.plan.value }
      : { type: 'dev', name: f.name.value, runtime: f.runtime.value, version: f.version.value, codeServer: f.codeServer.checked };
    run(async () => {
      const accepted = await api('POST', '/api/instances', body, { 'Idempotency-Key': key });
      setKey(idempotencyKey());
      onCreated(accepted);
    });
  };
  return html`<form onSubmit=${submit} aria-label="Create a server">
    <fieldset class="field"><legend>What kind of server?</legend>
      <div class="row">
        <label class="row"><input type="radio" name="kind" value="game" checked=${kind === 'game'} onChange=${() => setKind('game')} /> Game server</label>
        <label class="row"><input type="radio" name="kind" value="dev" checked=${kind === 'dev'} onChange=${() => setKind('dev')} /> Dev server (browser IDE)</label>
      </div>
    </fieldset>
    <${Field} label="Server name" id="create-name" hint="Letters, digits and dashes; players see it in the address.">
      <input id="create-name" name="name" required maxlength="64" pattern="[A-Za-z0-9]+(-[A-Za-z0-9]+)*" />
    <//>
    ${kind === 'game' ? html`
      <${Field} label="Game" id="create-variant"><select id="create-variant" name="variant">
        ${catalog.game.variants.map((v) => html`<option value=${v.id}>${v.label}</option>`)}</select><//>
      <${Field} label="Plan" id="create-plan"><select id="create-plan" name="plan">
        ${catalog.game.plans.map((p) => html`<option value=${p.id}>${planLabel(p)}</option>`)}</select><//>`
    : html`
      <${Field} label="Runtime" id="create-runtime"><select id="create-runtime" name="runtime" value=${chosenRuntime && chosenRuntime.id} onChange=${(e) => setRuntime(e.target.value)}>
        ${runtimes.map((r) => html`<option value=${r.id}>${r.label}</option>`)}</select><//>
      <${Field} label="Version" id="create-version"><select id="create-version" name="version">
        ${(chosenRuntime ? chosenRuntime.versions : []).map((v) => html`<option value=${v}>${v}</option>`)}</select><//>
      <div class="field"><label class="row" for="create-codeserver"><input id="create-codeserver" type="checkbox" name="codeServer" checked /> Include the browser IDE (code-server)</label></div>
      <p class="hint">Plan: ${planLabel(catalog.dev.plan)}</p>`}
    <${Problem} error=${error} />
    <button class="primary" type="submit" disabled=${busy}>${busy ? 'Creating…' : 'Create server'}</button>
  </form>`;
}

export function CreateServer() {
  return html`<main><div class="panel">
    <h1>New server</h1>
    <${CreateForm} onCreated=${() => navigate('/')} />
  </div></main>`;
}
