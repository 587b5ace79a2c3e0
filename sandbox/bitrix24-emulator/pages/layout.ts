/** Plain server-rendered pages: a little CSS, no scripts beyond the file picker of the reply form. */
export const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

export type Html = { html: string };
export const raw = (html: string): Html => ({ html });

/** A tagged template that escapes interpolations unless they are `raw(...)` or arrays of those. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (v: unknown): string => (Array.isArray(v) ? v.map(part).join('') : v && typeof v === 'object' && 'html' in v ? (v as Html).html : esc(v));
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

const CSS = `
body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#f4f6f8}
header{background:#2fc6f6;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:1100px;margin:1rem auto;padding:0 1rem}
section{background:#fff;border-radius:8px;padding:1rem 1.2rem;margin-bottom:1rem;box-shadow:0 1px 2px #0001}
h1{font-size:1.3rem;margin:0}h2{font-size:1.05rem;margin:0 0 .6rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}
code{background:#f2f2f2;padding:0 .25rem;border-radius:3px;font-size:.85em;word-break:break-all}
form.inline{display:inline}button{background:#2fc6f6;border:0;color:#fff;padding:.35rem .8rem;border-radius:4px;cursor:pointer}
button.secondary{background:#9aa5ad}button.danger{background:#e05c5c}
input,select,textarea{padding:.3rem;border:1px solid #ccd;border-radius:4px;font:inherit}
.ok{color:#2a9d3a}.bad{color:#c0392b}.muted{color:#888;font-size:.85em}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.msgs{display:flex;flex-direction:column;gap:.5rem}
.msg{max-width:70%;padding:.5rem .7rem;border-radius:8px;background:#eef3f7}
.msg.operator{align-self:flex-end;background:#dff5d8}.msg.system{align-self:center;background:#fff6d6;font-size:.9em}
.msg.deleted{opacity:.5;text-decoration:line-through}
pre{white-space:pre-wrap;font-size:.8rem;max-height:12rem;overflow:auto;background:#f7f7f7;padding:.4rem;margin:0}
`;

export function layout(title: string, body: Html): string {
  return h`<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${title} · Bitrix24 emulator</title><style>${raw(CSS)}</style></head>
<body><header><h1>Bitrix24 portal emulator</h1><a href="/">Портал</a><a href="/chats">Чаты открытых линий</a></header>
<main>${body}</main></body></html>`.html;
}

export const button = (action: string, label: string, cls = '', fields: Record<string, string> = {}) =>
  h`<form class="inline" method="post" action="${action}">${Object.entries(fields).map(([k, v]) => h`<input type="hidden" name="${k}" value="${v}">`)}<button class="${cls}">${label}</button></form>`;

export const when = (at: number) => new Date(at).toLocaleString('ru-RU');
