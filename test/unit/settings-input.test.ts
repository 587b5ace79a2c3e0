import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../domain/settings.js';
import { parseSettingsInput } from '../../domain/settings-input.js';

const withChanges = (change: Record<string, unknown>) => ({ ...defaultSettings(), ...change });

test('the defaults are a valid settings document', () => {
  assert.deepEqual(parseSettingsInput(defaultSettings(), 'RU'), { ok: true, settings: defaultSettings() });
});

test('ignored numbers typed in any common shape are stored in E.164, once each', () => {
  const result = parseSettingsInput(withChanges({ ignoredNumbers: ['8 (999) 000-00-01', '+7 999 000 00 01', '+49 30 901820'] }), 'RU');
  assert.deepEqual(result.ok && result.settings.ignoredNumbers, ['+79990000001', '+4930901820']);
});

test('an invalid ignored number is refused with its position', () => {
  const result = parseSettingsInput(withChanges({ ignoredNumbers: ['+79990000001', 'call me'] }), 'RU');
  assert.equal(result.ok, false);
  assert.deepEqual(Object.keys(!result.ok ? result.fields : {}), ['ignoredNumbers.1']);
});

test('a send interval below half a second is refused', () => {
  const result = parseSettingsInput(withChanges({ intervals: { sendMs: 499, marketingMs: 15_000 } }), 'RU');
  assert.deepEqual(Object.keys(!result.ok ? result.fields : {}), ['intervals.sendMs']);
});

test('a marketing interval outside 15 s to 10 min is refused', () => {
  const result = parseSettingsInput(withChanges({ intervals: { sendMs: 500, marketingMs: 600_001 } }), 'RU');
  assert.deepEqual(Object.keys(!result.ok ? result.fields : {}), ['intervals.marketingMs']);
});

test('an unknown field is refused rather than silently dropped', () => {
  const result = parseSettingsInput(withChanges({ chats: { ...defaultSettings().chats, typo: true } }), 'RU');
  assert.equal(result.ok, false);
});
