import { SIMULATOR_BASE_PATH } from './protocol.js';
import { VOICE_NOTE } from './voice-note.js';

/**
 * The overview page's only script. Each control button names its route (`data-route`, under its
 * account's `data-root`) and the fields of its form it sends (`data-fields`); the answer, or the
 * server's reason for refusing, shows in the form's <output>. The parts marked `data-live` are swapped
 * for fresh ones every two seconds and after each action, so what the product did shows up without
 * losing what was typed into the forms.
 */
export const pageScript = `
const VOICE_NOTE = ${JSON.stringify(VOICE_NOTE)};

async function refresh() {
  const response = await fetch(${JSON.stringify(`${SIMULATOR_BASE_PATH}/`)}, { cache: 'no-store' }).catch(() => undefined);
  if (!response || !response.ok) return;
  const next = new DOMParser().parseFromString(await response.text(), 'text/html');
  const accounts = (doc) => [...doc.querySelectorAll('section[data-connector]')].map((section) => section.dataset.connector).join('\\n');
  if (accounts(next) !== accounts(document)) return location.reload();
  const fresh = next.querySelectorAll('[data-live]');
  const shown = document.querySelectorAll('[data-live]');
  if (fresh.length !== shown.length) return location.reload();
  shown.forEach((live, index) => live.replaceWith(fresh[index]));
}

function refusal(answer, response) {
  const fields = Object.entries(answer.fields || {}).map(([path, message]) => (path === '(body)' ? message : path + ': ' + message));
  return [answer.message || response.status + ' ' + response.statusText, ...fields].join(' — ');
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  const button = event.submitter;
  const section = form.closest('section[data-connector]');
  if (!section || !button || !button.dataset.route) return;
  event.preventDefault();
  const body = {};
  for (const name of (button.dataset.fields || '').split(' ').filter(Boolean)) {
    const input = form.elements.namedItem(name);
    if (input.value !== '') body[name] = input.type === 'number' ? Number(input.value) : input.value;
  }
  if (button.name) body[button.name] = button.value;
  if ('voice' in button.dataset) Object.assign(body, { media: VOICE_NOTE, voice: true });
  const output = form.querySelector('output');
  output.className = 'muted';
  output.textContent = '…';
  button.disabled = true;
  try {
    const response = await fetch(section.dataset.root + '/' + button.dataset.route, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    output.className = response.ok ? 'ok' : 'bad';
    output.textContent = response.ok ? (response.status === 202 ? 'Accepted' + (answer.id ? ' (' + answer.id + ')' : '') : 'Done') : refusal(answer, response);
  } catch (error) {
    output.className = 'bad';
    output.textContent = String(error);
  } finally {
    button.disabled = false;
  }
  await refresh();
});

setInterval(() => document.hidden || refresh(), 2000);
`;
