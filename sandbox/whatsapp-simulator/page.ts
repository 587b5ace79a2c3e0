import type { AccountView } from './account-view.js';
import { pageScript } from './page-script.js';
import { SIMULATOR_BASE_PATH } from './protocol.js';
import type { SentEntry } from './sent-log.js';

/**
 * The sandbox's overview of the simulated WhatsApp world: accounts, their state, what they sent, and
 * per account the controls of its phone, its clients and WhatsApp's faults, which call the control API.
 */

const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** Where the sandbox's examples write from: a client, and the company's own number. */
const CLIENT_PHONE = '+79990001122';
const ACCOUNT_PHONE = '+79990000001';

/** A control button: it posts its form's `fields` (and its own name=value) to the account's `route`. */
function action(route: string, label: string, options: { fields?: string; name?: string; value?: string; voice?: boolean; cls?: string; form?: string } = {}): string {
  const attributes = [
    options.form ? `form="${options.form}"` : '',
    `data-route="${route}"`,
    options.fields ? `data-fields="${options.fields}"` : '',
    options.name ? `name="${options.name}" value="${escapeHtml(options.value)}"` : '',
    options.voice ? 'data-voice' : '',
    options.cls ? `class="${options.cls}"` : '',
  ];
  return `<button ${attributes.filter(Boolean).join(' ')}>${label}</button>`;
}

const field = (label: string, name: string, value = '', type = 'text', size = 14) =>
  `<label>${label} <input type="${type}" name="${name}" value="${escapeHtml(value)}" size="${size}"${type === 'number' ? ' min="1"' : ''}></label>`;

const controlForm = (title: string, hint: string, body: string) =>
  `<form><fieldset><legend>${title}</legend><p class="muted">${hint}</p>${body}<output role="status"></output></fieldset></form>`;

function controls(account: AccountView): string {
  return `<div class="controls">
${controlForm('Pairing', 'The phone scans the QR the connector offers now.', `${field('Phone', 'phone', account.phone ?? ACCOUNT_PHONE)} ${action('scan', 'Scan the QR', { fields: 'phone' })}`)}
${controlForm(
  'A client',
  'Writes, records a voice note or calls the account; while the account has no socket, WhatsApp holds it for the next one.',
  `${field('From', 'from', CLIENT_PHONE)} ${field('Text', 'text', '', 'text', 24)}
<p>${action('inbound', 'Send text', { fields: 'from text' })} ${action('inbound', 'Send a voice note', { fields: 'from', voice: true })}</p>
<p>Call: ${(['missed', 'rejected', 'answered'] as const).map((outcome) => action('call', outcome, { fields: 'from', name: 'outcome', value: outcome, cls: 'secondary' })).join(' ')}</p>`,
)}
${controlForm(
  "The company's phone",
  'Someone types a message on the account\'s own phone (it reaches the product as sent by the account).',
  `${field('To', 'to', CLIENT_PHONE)} ${field('Text', 'text', '', 'text', 24)} ${action('phone-message', 'Send from the phone', { fields: 'to text' })}`,
)}
${controlForm(
  'Faults',
  "What WhatsApp's servers or the phone do to the account.",
  `<p>${action('drop', 'Drop the connection', { cls: 'secondary' })} ${action('conflict', 'Conflict (another client)', { cls: 'secondary' })} ${action('qr-timeout', 'QR attempts end', { cls: 'secondary' })} ${action('logout', 'Log out from the phone', { cls: 'danger' })}</p>
<p>${field('Restrict for', 'seconds', '60', 'number', 6)} seconds ${action('restrict', 'Restrict', { fields: 'seconds', cls: 'danger' })}</p>`,
)}
</div>`;
}

function content(entry: SentEntry): string {
  if (entry.text !== undefined) return escapeHtml(entry.text);
  if (!entry.media) return '';
  const kind = entry.media.voice ? 'voice note' : entry.media.kind;
  return `[${escapeHtml(kind)}${entry.media.fileName ? `: ${escapeHtml(entry.media.fileName)}` : ''}]`;
}

/**
 * The sent log; a delivered message has a button by which its recipient reads it (the `receipt`
 * route). The buttons belong to a form outside the refreshed table, whose <output> outlives a refresh.
 */
function sentRows(sent: SentEntry[], receiptsForm: string): string {
  if (sent.length === 0) return '<p class="muted">Nothing sent yet.</p>';
  const rows = sent.map((entry) => {
    const from = entry.fromPhone ? ' <span class="muted">(from the phone)</span>' : '';
    const read = entry.status === 'delivered' ? action('receipt', 'Mark read', { fields: 'status', name: 'id', value: entry.id, cls: 'secondary small', form: receiptsForm }) : '';
    return `<tr><td>${time(entry.at)}</td><td>${escapeHtml(entry.to)}</td><td>${content(entry)}${from}</td><td>${entry.status} ${read}</td><td>${entry.attempts}</td></tr>`;
  });
  return `<table><tr><th>at (UTC)</th><th>to</th><th>message</th><th>status</th><th>attempts</th></tr>${rows.join('')}</table>`;
}

function accountSection(account: AccountView, sent: SentEntry[], index: number): string {
  const facts = [
    `socket: <b>${account.socket}</b>`,
    account.paired ? `paired as ${escapeHtml(account.phone)}` : 'not paired',
    account.socket === 'pairing' && account.qr ? `offering a QR${account.qrExpiresAt ? ` until ${time(account.qrExpiresAt)} UTC` : ''}` : '',
    account.restriction ? `restricted (${escapeHtml(account.restriction.reason)}) until ${time(account.restriction.until)} UTC` : '',
    account.backlog ? `${account.backlog} ${account.backlog === 1 ? 'event' : 'events'} waiting` : '',
  ].filter(Boolean);
  const root = `${SIMULATOR_BASE_PATH}/${encodeURIComponent(account.connectorId)}`;
  const receiptsForm = `receipts-${index}`;
  return `<section data-connector="${escapeHtml(account.connectorId)}" data-root="${escapeHtml(root)}">
<div data-live><h2>${escapeHtml(account.connectorId)}</h2><p>${facts.join(' · ')}</p></div>
${controls(account)}
<h3>Sent by the account</h3>
<div data-live>${sentRows(sent, receiptsForm)}</div>
<form id="${receiptsForm}"><input type="hidden" name="status" value="read"><output role="status"></output></form>
</section>`;
}

const CSS = `
body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#f4f6f8}
header{background:#075e54;color:#fff;padding:.6rem 1.2rem}
main{max-width:1100px;margin:1rem auto;padding:0 1rem}
section{background:#fff;border-radius:8px;padding:1rem 1.2rem;margin-bottom:1rem;box-shadow:0 1px 2px #0001}
h1{font-size:1.3rem;margin:0}h2{font-size:1.05rem;margin:0 0 .4rem;word-break:break-all}h3{font-size:.95rem;margin:1rem 0 .4rem}
p{margin:.4rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}
.controls{margin-top:.8rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:.8rem}
fieldset{border:1px solid #dde3e8;border-radius:6px;margin:0;padding:.4rem .8rem .6rem;height:100%;box-sizing:border-box}
legend{font-weight:600;padding:0 .3rem}
label{white-space:nowrap}
button{background:#128c7e;border:0;color:#fff;padding:.35rem .8rem;border-radius:4px;cursor:pointer;font:inherit}
button.secondary{background:#66737d}button.danger{background:#c94040}button.small{padding:.1rem .5rem;font-size:.8rem;margin-left:.3rem}
button:disabled{opacity:.5}
input{padding:.3rem;border:1px solid #ccd;border-radius:4px;font:inherit}input[type=number]{width:5rem}
output{display:block;min-height:1.2em;font-size:.85em;margin-top:.3rem;word-break:break-word}
.ok{color:#2a9d3a}.bad{color:#c0392b}.muted{color:#888;font-size:.85em}
`;

export function renderPage(accounts: { account: AccountView; sent: SentEntry[] }[]): string {
  const body = accounts.length
    ? accounts.map(({ account, sent }, index) => accountSection(account, sent, index)).join('\n')
    : '<section><p>No connector has connected yet: create one in the settings app, and it shows up here.</p></section>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WhatsApp simulator</title><style>${CSS}</style></head>
<body><header><h1>WhatsApp simulator</h1></header>
<main>${body}</main>
<script>${pageScript}</script>
</body></html>`;
}
