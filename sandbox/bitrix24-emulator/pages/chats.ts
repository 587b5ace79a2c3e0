import type { Runtime } from '../runtime.js';
import type { ChatMessage } from '../state.js';
import { button, h, layout, raw } from './layout.js';

export function chatsPage(rt: Runtime): string {
  const rows = [...rt.portal.state.chats].reverse().map((chat) => {
    const messages = rt.lines.messagesOf(chat.id);
    const last = messages[messages.length - 1];
    return h`<tr><td><a href="/chats/${chat.id}">${chat.title}</a></td><td><code>${chat.connector}</code> / линия ${chat.line}</td>
<td>${chat.user.phone ?? chat.user.externalId}</td><td>${chat.sessionClosed ? 'закрыт' : h`<span class="ok">открыт</span>`}</td>
<td class="muted">${last ? last.text.slice(0, 60) : ''}</td></tr>`;
  });
  return layout(
    'Чаты',
    h`<section><h2>Чаты открытых линий</h2>${rows.length ? h`<table><tr><th>Чат</th><th>Коннектор</th><th>Клиент</th><th>Сессия</th><th>Последнее</th></tr>${rows}</table>` : h`<p class="muted">Чатов пока нет: клиент ещё не писал.</p>`}</section>`,
  );
}

function marks(m: ChatMessage) {
  if (m.author !== 'operator' && m.author !== 'system') return raw('');
  if (m.read) return h`<span class="ok" title="прочитано">✓✓</span>`;
  if (m.delivered) return h`<span class="ok" title="доставлено">✓</span>`;
  return h`<span class="bad" title="не доставлено">не доставлено</span>`;
}

/** BB-code as the chat shows it: [b], [i], [br] and [url]; everything else as text. */
function bb(text: string) {
  const escaped = h`${text}`.html;
  return raw(
    escaped
      .replace(/\[br\]/gi, '<br>')
      .replace(/\n/g, '<br>')
      .replace(/\[(\/?)(b|i|u|s)\]/gi, '<$1$2>')
      .replace(/\[url=([^\]]+)\](.*?)\[\/url\]/gi, '<a href="$1">$2</a>'),
  );
}

export function chatPage(rt: Runtime, chatId: number): string | undefined {
  const chat = rt.lines.chat(chatId);
  if (!chat) return undefined;
  const operators = rt.portal.state.users.filter((u) => !u.admin || true);
  const messages = rt.lines.messagesOf(chat.id).map(
    (m) => h`<div class="msg ${m.author} ${m.deleted ? 'deleted' : ''}"><div class="muted">${m.author === 'client' ? chat.user.name ?? 'Клиент' : m.author === 'system' ? 'Система' : rt.portal.userName(m.userId ?? 0)} · #${m.id} ${m.edited ? '· изменено' : ''} ${m.via === 'rest' && m.author !== 'client' ? '· из REST' : ''}</div>
<div>${bb(m.text)}</div>${m.files.map((f) => (f.type === 'image' && f.size > 0 ? h`<div><img src="/files/${f.id}/${f.name}" style="max-width:240px"></div>` : h`<div>📎 ${f.size > 0 ? h`<a href="/files/${f.id}/${f.name}">${f.name}</a>` : h`${f.name} <span class="bad">${f.download?.error ?? f.download?.status ?? ''}</span>`}</div>`))}
<div class="muted">${marks(m)} ${m.externalIds.length ? h`<code>${m.externalIds.join(', ')}</code>` : raw('')}
${m.author === 'operator' && !m.deleted ? h`<form class="inline" method="post" action="/ui/messages/${m.id}/edit"><input name="text" placeholder="новый текст" size="12"><button class="secondary">изменить</button></form> ${button(`/ui/messages/${m.id}/delete`, 'удалить', 'danger')}` : raw('')}</div></div>`,
  );
  const select = operators.map((u) => h`<option value="${u.id}">${u.name} ${u.lastName}</option>`);
  return layout(
    chat.title,
    h`<section><h2>${chat.title}</h2><p class="muted">Чат ${chat.id} · сессия ${chat.sessionId} ${chat.sessionClosed ? '(закрыта)' : ''} · коннектор <code>${chat.connector}</code>, линия ${chat.line} · клиент <code>${chat.user.externalId}</code> ${chat.user.phone ?? ''}
${chat.leadId ? h`· лид ${chat.leadId}` : raw('')} ${chat.contactId ? h`· контакт ${chat.contactId}` : raw('')}</p>
<div class="msgs">${messages}</div></section>
<section><h2>Ответить как оператор</h2>
<form id="reply" method="post" action="/ui/chats/${chat.id}/reply"><select name="userId">${select}</select>
<textarea name="text" rows="3" style="width:100%"></textarea><input type="file" name="file"> <button>Отправить</button></form>
<p>${button(`/ui/chats/${chat.id}/system`, 'Системное сообщение (user_id 0)', 'secondary', { text: 'Автоматическое сообщение' })} ${button(`/ui/chats/${chat.id}/close`, 'Завершить диалог', 'secondary')}</p></section>
<script>
document.getElementById('reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const file = form.file.files[0];
  const body = { userId: Number(form.userId.value), text: form.text.value || undefined };
  if (file) {
    const data = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of data) binary += String.fromCharCode(byte);
    body.files = [{ name: file.name, mime: file.type || undefined, base64: btoa(binary) }];
  }
  const res = await fetch('/control/chats/${raw(String(chat.id))}/reply', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) alert(await res.text());
  location.reload();
});
</script>`,
  );
}
