import { portalSummary } from '../control.js';
import type { Runtime } from '../runtime.js';
import { button, h, layout, raw, when, type Html } from './layout.js';

function installSection(summary: ReturnType<typeof portalSummary>): Html {
  const status = summary.installed
    ? summary.finished
      ? h`<span class="ok">установлено</span>`
      : h`<span class="bad">установлено, но не завершено (installFinish)</span>`
    : h`<span class="bad">не установлено</span>`;
  return h`<section><h2>Приложение</h2>
<p>Статус: ${status} · member_id <code>${summary.memberId}</code> · domain <code>${summary.domain}</code></p>
<p class="muted">client_id <code>${summary.clientId}</code> · client_endpoint <code>${summary.clientEndpoint}</code> · application_token <code>${summary.applicationToken ?? '—'}</code></p>
<p>${button('/ui/install', 'Установить (ONAPPINSTALL)', '', { mode: 'event' })} ${button('/ui/install', 'Установить через страницу', 'secondary', { mode: 'page' })}
${summary.installed && !summary.finished ? button('/ui/finish', 'installFinish()', 'secondary') : raw('')}
${button('/ui/uninstall', 'Удалить', 'danger', { clean: '0' })} ${button('/ui/uninstall', 'Удалить с очисткой (CLEAN=1)', 'danger', { clean: '1' })}</p></section>`;
}

function linesSection(summary: ReturnType<typeof portalSummary>): Html {
  const rows = summary.lines.map(
    (line) => h`<tr><td>${line.id}</td><td>${line.name}</td><td>${line.connectors.map(
      (lc) => h`<div><code>${lc.connector}</code> ${lc.status.STATUS ? h`<span class="ok">STATUS</span>` : h`<span class="bad">off</span>`}
${lc.error ? h`<span class="bad">ERROR</span>` : raw('')} <span class="muted">${lc.data ? JSON.stringify(lc.data) : 'нет данных'}</span>
${lc.active ? button(`/ui/lines/${line.id}/turn-off`, 'отключить', 'secondary', { connector: lc.connector }) : raw('')}</div>`,
    )}</td><td>${summary.connectors.map((c) => h`<form class="inline" method="post" action="/ui/placement" target="_blank"><input type="hidden" name="connector" value="${c.id}"><input type="hidden" name="line" value="${line.id}"><button class="secondary">Настроить ${c.id}</button></form> `)}
${button(`/ui/lines/${line.id}/delete`, 'удалить линию', 'danger')}</td></tr>`,
  );
  return h`<section><h2>Открытые линии</h2><table><tr><th>ID</th><th>Название</th><th>Коннекторы</th><th></th></tr>${rows}</table>
<p class="muted">Зарегистрированные коннекторы: ${summary.connectors.map((c) => h`<code>${c.id}</code> (${c.name}) `)}</p></section>`;
}

function automationSection(summary: ReturnType<typeof portalSummary>): Html {
  const senders = summary.senders.map((s) => h`<option value="${s.code}">${s.code}</option>`);
  const robots = summary.robots.map((r) => h`<option value="${r.code}">${r.code}</option>`);
  return h`<div class="grid"><section><h2>SMS-провайдеры</h2>
<p>${summary.senders.map((s) => h`<code>${s.code}</code> → <code>${s.handler}</code><br>`)}</p>
<form method="post" action="/ui/sms"><select name="code">${senders}</select>
<select name="source"><option value="crm">из карточки CRM</option><option value="bizproc">из робота / БП</option><option value="mailing">рассылка CRM-маркетинга</option></select><br>
<input name="phone" placeholder="+79001234567" required> <input name="text" placeholder="Текст" required> <button>Отправить SMS</button></form></section>
<section><h2>Роботы</h2><p>${summary.robots.map((r) => h`<code>${r.code}</code> → <code>${String(r.fields.HANDLER)}</code><br>`)}</p>
<form method="post" action="/ui/robot"><select name="code">${robots}</select><br>
<input name="phone" placeholder="phone"> <input name="text" placeholder="text"> <input name="connector" placeholder="connector"> <label><input type="checkbox" name="create_chat" value="Y"> create_chat</label>
<button>Запустить робота</button></form>
${summary.robots.length === 0 ? h`<p class="muted">Роботов нет.</p>` : raw('')}</section></div>`;
}

function logSection(rt: Runtime): Html {
  const rows = [...rt.portal.state.eventLog].reverse().slice(0, 40).map(
    (e) => h`<tr><td>${when(e.at)}</td><td><code>${e.event}</code></td><td><code>${e.handler}</code></td>
<td>${e.answer ? (e.answer.status ? h`<span class="${e.answer.status < 300 ? 'ok' : 'bad'}">${e.answer.status}</span>` : h`<span class="bad">${e.answer.error}</span>`) : '…'}</td>
<td><details><summary>payload</summary><pre>${JSON.stringify(e.payload, null, 1)}</pre></details></td></tr>`,
  );
  const bindings = rt.portal.state.eventBindings.map((b) => h`<code>${b.event}</code> → <code>${b.handler}</code><br>`);
  return h`<section><h2>События</h2><p class="muted">${bindings}</p><table><tr><th>Когда</th><th>Событие</th><th>Куда</th><th>Ответ</th><th></th></tr>${rows}</table></section>`;
}

export function overviewPage(rt: Runtime): string {
  const summary = portalSummary(rt);
  return layout('Портал', h`${installSection(summary)}${linesSection(summary)}${automationSection(summary)}${logSection(rt)}`);
}
