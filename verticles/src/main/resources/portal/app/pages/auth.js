// Sign in, sign up, forgot password and the mailed reset link's page (/reset-password#token=…).
import { html, useState } from '../lib.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { Problem, Field, useAction } from '../ui.js';

function value(form, name) { return form.elements[name].value; }

export function SignIn({ onSignedIn }) {
  const [run, busy, error] = useAction();
  const submit = (e) => {
    e.preventDefault();
    const form = e.target;
    run(async () => {
      const r = await api('POST', '/api/auth/login', { email: value(form, 'email'), password: value(form, 'password') });
      onSignedIn(r.user);
      navigate('/', true);
    });
  };
  return html`<main class="narrow"><div class="panel">
    <h1>Sign in</h1>
    <form onSubmit=${submit}>
      <${Field} label="Email" id="signin-email"><input id="signin-email" name="email" type="email" autocomplete="email" required /><//>
      <${Field} label="Password" id="signin-password"><input id="signin-password" name="password" type="password" autocomplete="current-password" required /><//>
      <${Problem} error=${error} />
      <button class="primary" type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
    <p class="small"><a href="/forgot-password">Forgot your password?</a> · <a href="/sign-up">Create an account</a></p>
  </div></main>`;
}

export function SignUp({ onSignedIn }) {
  const [run, busy, error] = useAction();
  const submit = (e) => {
    e.preventDefault();
    const form = e.target;
    const email = value(form, 'email');
    const password = value(form, 'password');
    run(async () => {
      await api('POST', '/api/auth/register', { email, password, username: value(form, 'username'), displayName: value(form, 'displayName') });
      const r = await api('POST', '/api/auth/login', { email, password });
      onSignedIn(r.user);
      navigate('/', true);
    });
  };
  return html`<main class="narrow"><div class="panel">
    <h1>Create your account</h1>
    <form onSubmit=${submit}>
      <${Field} label="Email" id="signup-email"><input id="signup-email" name="email" type="email" autocomplete="email" required /><//>
      <${Field} label="Username" id="signup-username" hint="3 to 24 of a–z, 0–9 and _."><input id="signup-username" name="username" autocomplete="username" required pattern="[a-z0-9_]{3,24}" /><//>
      <${Field} label="Display name" id="signup-display" hint="How support and other people see you."><input id="signup-display" name="displayName" autocomplete="nickname" required maxlength="64" /><//>
      <${Field} label="Password" id="signup-password" hint="10 characters or more."><input id="signup-password" name="password" type="password" autocomplete="new-password" required minlength="10" /><//>
      <${Problem} error=${error} />
      <button class="primary" type="submit" disabled=${busy}>${busy ? 'Creating…' : 'Create account'}</button>
    </form>
    <p class="small">Already have an account? <a href="/sign-in">Sign in</a></p>
  </div></main>`;
}

export function ForgotPassword() {
  const [run, busy, error] = useAction();
  const [sent, setSent] = useState(false);
  const submit = (e) => {
    e.preventDefault();
    const email = value(e.target, 'email');
    run(async () => { await api('POST', '/api/auth/password-reset/request', { email }); setSent(true); });
  };
  return html`<main class="narrow"><div class="panel">
    <h1>Reset your password</h1>
    ${sent ? html`<p class="notice" role="status">If an account uses that email, a link to reset its password is on its way. The link works once and expires soon.</p>`
      : html`<form onSubmit=${submit}>
        <${Field} label="Email" id="forgot-email"><input id="forgot-email" name="email" type="email" autocomplete="email" required /><//>
        <${Problem} error=${error} />
        <button class="primary" type="submit" disabled=${busy}>Send reset link</button>
      </form>`}
    <p class="small"><a href="/sign-in">Back to sign in</a></p>
  </div></main>`;
}

export function ResetPassword() {
  // The token is in the fragment, so it never reaches a server log or a Referer header.
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  const [run, busy, error] = useAction();
  const [done, setDone] = useState(false);
  const submit = (e) => {
    e.preventDefault();
    const newPassword = value(e.target, 'password');
    run(async () => {
      await api('POST', '/api/auth/password-reset/confirm', { token, newPassword });
      history.replaceState(null, '', '/reset-password');
      setDone(true);
    });
  };
  return html`<main class="narrow"><div class="panel">
    <h1>Choose a new password</h1>
    ${!token && !done ? html`<p class="problem" role="alert">This page needs the link from your reset email. <a href="/forgot-password">Ask for a new link</a>.</p>`
      : done ? html`<p class="notice" role="status">Your password is changed and every session is signed out. <a href="/sign-in">Sign in</a> with the new password.</p>`
      : html`<form onSubmit=${submit}>
        <${Field} label="New password" id="reset-password" hint="10 characters or more."><input id="reset-password" name="password" type="password" autocomplete="new-password" required minlength="10" /><//>
        <${Problem} error=${error} />
        <button class="primary" type="submit" disabled=${busy}>Set new password</button>
      </form>`}
  </div></main>`;
}
