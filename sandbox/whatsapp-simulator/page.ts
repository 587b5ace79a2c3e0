import type { AccountView } from './account-view.js';
import type { SentEntry } from './sent-log.js';

/** The sandbox's plain overview of the simulated WhatsApp world: accounts, their state, what they sent. */

const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

function sentRows(sent: SentEntry[]): string {
  if (sent.length === 0) return '<p>Nothing sent yet.</p>';
  const rows = sent.map((entry) => {
    const content = entry.text ?? (entry.media ? `[${entry.media.kind}${entry.media.fileName ? `: ${entry.media.fileName}` : ''}]` : '');
    const from = entry.fromPhone ? ' (from the phone)' : '';
    return `<tr><td>${time(entry.at)}</td><td>${escapeHtml(entry.to)}</td><td>${escapeHtml(content)}${from}</td><td>${entry.status}</td><td>${entry.attempts}</td></tr>`;
  });
  return `<table><tr><th>at (UTC)</th><th>to</th><th>message</th><th>status</th><th>attempts</th></tr>${rows.join('')}</table>`;
}

function accountSection(account: AccountView, sent: SentEntry[]): string {
  const facts = [
    `socket: <b>${account.socket}</b>`,
    account.paired ? `paired as ${escapeHtml(account.phone)}` : 'not paired',
    account.restriction ? `restricted (${escapeHtml(account.restriction.reason)}) until ${time(account.restriction.until)}` : '',
    account.backlog ? `${account.backlog} events waiting` : '',
  ].filter(Boolean);
  return `<section><h2>${escapeHtml(account.connectorId)}</h2><p>${facts.join(' · ')}</p>${sentRows(sent)}</section>`;
}

export function renderPage(accounts: { account: AccountView; sent: SentEntry[] }[]): string {
  const body = accounts.length ? accounts.map(({ account, sent }) => accountSection(account, sent)).join('') : '<p>No connector has connected yet.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WhatsApp simulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#333}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}</style>
</head><body>
<h1>WhatsApp simulator</h1>
${body}
</body></html>`;
}
