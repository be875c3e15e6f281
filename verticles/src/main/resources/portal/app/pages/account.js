// The account: who is signed in, change display name or password, sign out here or everywhere.
import { html, useState } from '../lib.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { closeLive } from '../live.js';
import { Problem, Field, useAction } from '../ui.js';

export function Account({ me, setMe }) {
  const [run, busy, error] = useAction();
  const [changed, setChanged] = useState(false);
  const [renamed, setRenamed] = useState(false);
  const rename = (e) => {
    e.preventDefault();
    const name = e.target.elements.displayName.value;
    run(async () => {
      setMe(await api('PATCH', '/api/me', { displayName: name }));
      setRenamed(true);
    });
  };
  const signOut = (everywhere) => run(async () => {
    await api('POST', everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout');
    closeLive();
    setMe(null);
    navigate('/sign-in', true);
  });
  const change = (e) => {
    e.preventDefault();
    const f = e.target.elements;
    run(async () => {
      await api('POST', '/api/me/password', { currentPassword: f.current.value, newPassword: f.next.value });
      e.target.reset();
      setChanged(true);
    });
  };
  return html`<main><h1>Account</h1>
    <div class="panel">
      <h2>You</h2>
      <p>${me.displayName} <span class="muted">(${me.username})</span><br /><span class="small muted">${me.email} · ${me.display}</span></p>
      <div class="row">
        <button type="button" onClick=${() => signOut(false)} disabled=${busy}>Sign out</button>
        <button type="button" class="danger" onClick=${() => signOut(true)} disabled=${busy}>Sign out everywhere</button>
      </div>
      <p class="hint">“Everywhere” ends every session of your account: other browsers, open consoles and IDE tabs.</p>
    </div>
    <form class="panel" onSubmit=${rename} aria-label="Display name">
      <h2>Display name</h2>
      <${Field} label="Display name" id="display-name" hint="What people and our mails call you."><input id="display-name" name="displayName" value=${me.displayName} required maxlength="64" /><//>
      ${renamed && html`<p class="notice" role="status">Display name saved.</p>`}
      <button type="submit" class="primary" disabled=${busy}>Save name</button>
    </form>
    <form class="panel" onSubmit=${change}>
      <h2>Change password</h2>
      <${Field} label="Current password" id="pw-current"><input id="pw-current" name="current" type="password" autocomplete="current-password" required /><//>
      <${Field} label="New password" id="pw-new" hint="10 characters or more. Your other sessions are signed out."><input id="pw-new" name="next" type="password" autocomplete="new-password" required minlength="10" /><//>
      ${changed && html`<p class="notice" role="status">Password changed. Other sessions are signed out.</p>`}
      <button type="submit" class="primary" disabled=${busy}>Change password</button>
    </form>
    <${Problem} error=${error} />
  </main>`;
}
