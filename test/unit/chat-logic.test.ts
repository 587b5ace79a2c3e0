import assert from 'node:assert/strict';
import { test } from 'node:test';
import { botSchema } from '../../domain/bot-script.js';
import { phoneVariants } from '../../domain/phone.js';
import { defaultSettings, settingsSchema } from '../../domain/settings.js';
import { autoreplyDue } from '../../workflows/logic/autoreply.js';
import { botTurn, chooseOption, initialBotState, menuText, operatorTookOver } from '../../workflows/logic/bot.js';
import { withinWorkingHours } from '../../workflows/logic/working-hours.js';

const HOUR = 3_600_000;
// Wednesday 2026-03-04 12:00 in Moscow (UTC+3).
const WEDNESDAY_NOON_MSK = Date.parse('2026-03-04T09:00:00Z');

const script = botSchema.parse({
  enabled: true,
  greeting: 'Hello! Choose:',
  options: [
    { label: 'Prices', keywords: ['price', 'цена'], reply: 'Prices are on the site.' },
    { label: 'Talk to a person', keywords: ['operator'], reply: 'Connecting you.', handOver: true },
    { label: '', inMenu: false, keywords: ['address'], reply: 'Lenina 1.' },
  ],
  unknownReply: 'Sorry, I did not get that.',
  workingHours: { enabled: true, timezone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', outOfHoursReply: 'We are closed.' },
});

test('an autoreply is due the first time and again only after a full period', () => {
  assert.equal(autoreplyDue({}, 'missedCall', 0, 24), true);
  assert.equal(autoreplyDue({ missedCall: 0 }, 'missedCall', 23 * HOUR, 24), false);
  assert.equal(autoreplyDue({ missedCall: 0 }, 'missedCall', 24 * HOUR, 24), true);
  assert.equal(autoreplyDue({ missedCall: 0 }, 'voiceMessage', HOUR, 24), true, 'each kind has its own period');
});

test('working hours hold on listed days between from and to in the zone, and overnight hours belong to their first day', () => {
  const hours = script.workingHours;
  assert.equal(withinWorkingHours(hours, WEDNESDAY_NOON_MSK), true);
  assert.equal(withinWorkingHours(hours, WEDNESDAY_NOON_MSK + 7 * HOUR), false, '19:00');
  assert.equal(withinWorkingHours(hours, WEDNESDAY_NOON_MSK + 3 * 24 * HOUR), false, 'Saturday');
  assert.equal(withinWorkingHours({ ...hours, enabled: false }, WEDNESDAY_NOON_MSK + 3 * 24 * HOUR), true, 'disabled means open');
  const night = { ...hours, days: [5], from: '22:00', to: '02:00' };
  assert.equal(withinWorkingHours(night, Date.parse('2026-03-06T20:00:00Z')), true, 'Friday 23:00');
  assert.equal(withinWorkingHours(night, Date.parse('2026-03-06T22:00:00Z')), true, 'Saturday 01:00');
  assert.equal(withinWorkingHours(night, Date.parse('2026-03-05T22:00:00Z')), false, 'Friday 01:00');
});

test('a client picks an option by its number or by a keyword anywhere in the text, ignoring case', () => {
  assert.deepEqual(chooseOption(script.options, ' 2. '), { option: 1 });
  assert.deepEqual(chooseOption(script.options, 'What is the PRICE?'), { option: 0 });
  assert.deepEqual(chooseOption(script.options, 'какая цена'), { option: 0 });
  assert.deepEqual(chooseOption(script.options, 'your address please'), { option: 2 });
  assert.deepEqual(chooseOption(script.options, 'priceless'), { option: null }, 'whole words only');
  assert.deepEqual(chooseOption(script.options, '7'), { option: null });
  assert.deepEqual(chooseOption(script.options, undefined), { option: null });
});

test('the menu numbers the options shown in it after the greeting', () => {
  assert.equal(menuText(script, script.greeting), 'Hello! Choose:\n\n1. Prices\n2. Talk to a person');
});

test('a new dialog is greeted with the menu; a choice is answered; an unknown text gets the menu again', () => {
  const greeted = botTurn(script, initialBotState(), { option: null }, WEDNESDAY_NOON_MSK, true);
  assert.deepEqual(greeted.replies, [menuText(script, 'Hello! Choose:')]);
  assert.equal(greeted.state.phase, 'menu');
  const answered = botTurn(script, greeted.state, { option: 0 }, WEDNESDAY_NOON_MSK + 1000, true);
  assert.deepEqual(answered.replies, ['Prices are on the site.']);
  assert.equal(answered.handOver, false);
  const unknown = botTurn(script, answered.state, { option: null }, WEDNESDAY_NOON_MSK + 2000, true);
  assert.deepEqual(unknown.replies, [menuText(script, 'Sorry, I did not get that.')]);
});

test('a hand-over option answers, hands the dialog to operators, and the bot is silent there until the dialog times out', () => {
  const handed = botTurn(script, { phase: 'menu' }, { option: 1 }, WEDNESDAY_NOON_MSK, true);
  assert.deepEqual(handed.replies, ['Connecting you.']);
  assert.equal(handed.handOver, true);
  assert.equal(handed.state.phase, 'operators');
  const silent = botTurn(script, handed.state, { option: 0 }, WEDNESDAY_NOON_MSK + HOUR, true);
  assert.deepEqual(silent.replies, []);
  const later = botTurn(script, silent.state, { option: null }, WEDNESDAY_NOON_MSK + 26 * HOUR, true);
  assert.equal(later.replies.length, 1, 'a new dialog after the timeout is greeted again');
});

test('an operator reply silences the bot in the dialog', () => {
  const state = operatorTookOver({ phase: 'menu', lastClientAt: WEDNESDAY_NOON_MSK });
  assert.deepEqual(botTurn(script, state, { option: 0 }, WEDNESDAY_NOON_MSK + 1000, true).replies, []);
});

test('out of hours the client is told once per dialog and the bot answers nothing else', () => {
  const first = botTurn(script, initialBotState(), { option: 0 }, WEDNESDAY_NOON_MSK, false);
  assert.deepEqual(first.replies, ['We are closed.']);
  const second = botTurn(script, first.state, { option: 0 }, WEDNESDAY_NOON_MSK + 1000, false);
  assert.deepEqual(second.replies, []);
});

test('a disabled bot answers nothing', () => {
  assert.deepEqual(botTurn({ ...script, enabled: false }, initialBotState(), { option: 0 }, WEDNESDAY_NOON_MSK, true).replies, []);
});

test('a settings document saved before the bot script still parses, with an empty script', () => {
  const old = { ...defaultSettings(), bot: { enabled: true } };
  const parsed = settingsSchema.parse(old);
  assert.equal(parsed.bot.enabled, true);
  assert.deepEqual(parsed.bot.options, []);
  assert.equal(parsed.bot.workingHours.enabled, false);
});

test('the bot script refuses an option that neither answers nor hands over, an unknown zone and a bad time', () => {
  assert.equal(botSchema.safeParse({ options: [{ label: 'Empty' }] }).success, false);
  assert.equal(botSchema.safeParse({ workingHours: { timezone: 'Mars/Olympus' } }).success, false);
  assert.equal(botSchema.safeParse({ workingHours: { from: '25:00' } }).success, false);
});

test('CRM is searched for a number as +7…, 7… and 8…', () => {
  assert.deepEqual(phoneVariants('+79990000801'), ['+79990000801', '79990000801', '89990000801']);
  assert.deepEqual(phoneVariants('+4915112345678'), ['+4915112345678', '4915112345678']);
});
