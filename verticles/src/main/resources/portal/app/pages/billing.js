// Billing: the account's standing and a Checkout to pay for a plan (the problem's message when it fails).
import { html, useState, useEffect } from '../lib.js';
import { api } from '../api.js';
import { Problem, Loading, Field, Badge, useAction } from '../ui.js';

const STANDING = {
  good: 'Your account is in good standing.',
  warning: 'A payment is overdue. Please pay to keep your servers running.',
  final_warning: 'Final warning: your servers will be suspended soon unless the payment arrives.',
  suspended: 'Your servers are suspended until the overdue payment arrives.',
};

export function Billing() {
  const [status, setStatus] = useState(null);
  const [plans, setPlans] = useState([]);
  const [loadError, setLoadError] = useState(null);
  const [run, busy, error] = useAction();
  useEffect(() => {
    api('GET', '/api/billing/status').then(setStatus, setLoadError);
    api('GET', '/api/catalog').then((c) => setPlans(c.game.plans || []), () => {});
  }, []);
  const checkout = (e) => {
    e.preventDefault();
    const plan = e.target.elements.plan.value;
    run(async () => { const r = await api('POST', '/api/billing/checkout', { plan }); location.href = r.url; });
  };
  return html`<main><h1>Billing</h1>
    <div class="panel">
      <h2>Standing</h2>
      ${loadError ? html`<${Problem} error=${loadError} />` : !status ? html`<${Loading} what="your billing" />` : html`
        <p><${Badge} value=${status.enforcement} /> ${STANDING[status.enforcement]}</p>
        <p class="small muted">Plan: ${status.plan || 'none yet'}${status.subscriptionStatus ? ' · subscription ' + status.subscriptionStatus : ''}
          ${status.nextEscalationAt ? ' · next step on ' + new Date(status.nextEscalationAt).toLocaleString() : ''}</p>
        ${(status.outstandingInvoices || []).length > 0 && html`<p>Unpaid invoices: ${status.outstandingInvoices.join(', ')}</p>`}`}
    </div>
    <form class="panel" onSubmit=${checkout}>
      <h2>Pay for a plan</h2>
      <${Field} label="Plan" id="billing-plan"><select id="billing-plan" name="plan">${plans.map((p) => html`<option value=${p.id}>${p.id}</option>`)}</select><//>
      <${Problem} error=${error} />
      <button type="submit" class="primary" disabled=${busy || plans.length === 0}>Go to checkout</button>
    </form>
  </main>`;
}
