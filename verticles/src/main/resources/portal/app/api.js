// The portal's only way to the platform: the public contract (/openapi.yaml), with the session
// cookie set at sign-in, and the CSRF cookie's value echoed on every unsafe request.

/** A failed request: the problem document's fields (detail, requestId for 5xx). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('Request failed (' + status + ')'));
    this.status = status;
    this.problem = problem;
    this.requestId = problem.requestId;
  }
}

function csrfToken() {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'zlh_csrf' || name === '__Host-zlh_csrf') return decodeURIComponent(value.join('='));
  }
  return '';
}

function headersFor(method, extra) {
  const headers = Object.assign({}, extra);
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken();
  return headers;
}

async function problemOf(response) {
  const requestId = response.headers.get('X-Request-Id') || undefined;
  try {
    const body = await response.json();
    return Object.assign({ requestId }, body);
  } catch (e) {
    return { title: response.statusText || 'Request failed', status: response.status, requestId };
  }
}

/** Calls the API; answers the JSON body (or null for 204), or throws an ApiError. */
export async function api(method, path, body, extraHeaders) {
  const headers = headersFor(method, extraHeaders);
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The platform could not be reached. Check your connection and try again.' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && path !== '/api/auth/login') window.dispatchEvent(new CustomEvent('zlh-signed-out'));
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** Reads a file's text. */
export async function readText(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.text();
}

/** Uploads bytes with progress (fetch has no upload progress; XMLHttpRequest has). */
export function upload(path, blob, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', path);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let problem;
      try { problem = JSON.parse(xhr.responseText); } catch (e) { problem = { title: 'Upload failed' }; }
      problem.requestId = problem.requestId || xhr.getResponseHeader('X-Request-Id');
      reject(new ApiError(xhr.status, problem));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: 'The upload could not reach the platform.' }));
    xhr.send(blob);
  });
}

/** A fresh Idempotency-Key: one per form submission, so a double click creates one server. */
export function idempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + '-' + Math.random().toString(16).slice(2);
}

/** ws:// or wss:// URL of a same-origin WebSocket path. */
export function socketUrl(path) {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
}
