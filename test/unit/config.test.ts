import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig, loadLauncherConfig } from '../../lib/config.js';

const valid = {
  MONGO_URL: 'mongodb://127.0.0.1:27017/openline',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  ADMIN_API_TOKEN: 'a'.repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
}

test('with nothing set, the launcher runs the sandbox on the documented defaults', () => {
  const config = loadLauncherConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.whatsappTransport, 'simulator');
  assert.equal(config.bitrix24.mode, 'emulator');
  assert.equal(config.defaultPhoneRegion, 'RU');
  assert.equal(config.sendTtlMs, 24 * 3_600_000);
  assert.equal(config.publicUrl, 'http://localhost:3000');
  assert.equal(config.mongoUrl, undefined);
  assert.equal(config.temporalAddress, undefined);
});

test('a product process refuses to start without its database, Temporal and secrets, naming each variable', () => {
  const problems = problemsOf({});
  for (const name of ['MONGO_URL', 'TEMPORAL_ADDRESS', 'ADMIN_API_TOKEN', 'ENCRYPTION_KEY']) {
    assert.ok(problems.some((p) => p.startsWith(name)), `${name} missing from ${problems.join('; ')}`);
  }
});

test('an encryption key that is not 32 bytes of base64 is refused', () => {
  const problems = problemsOf({ ...valid, ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') });
  assert.match(problems.join('\n'), /^ENCRYPTION_KEY must be 32 bytes/m);
});

test('SEND_TTL accepts durations like 90s, 30m and 24h and refuses other shapes', () => {
  assert.equal(loadConfig({ ...valid, SEND_TTL: '90s' }).sendTtlMs, 90_000);
  assert.equal(loadConfig({ ...valid, SEND_TTL: '30m' }).sendTtlMs, 1_800_000);
  assert.match(problemsOf({ ...valid, SEND_TTL: 'a day' }).join('\n'), /^SEND_TTL must be a duration/m);
});

test('an unknown phone region, transport or port is refused with the variable named', () => {
  const problems = problemsOf({ ...valid, DEFAULT_PHONE_REGION: 'XX', WHATSAPP_TRANSPORT: 'telegram', PORT: '70000' });
  assert.ok(problems.some((p) => p.startsWith('DEFAULT_PHONE_REGION')));
  assert.ok(problems.some((p) => p.startsWith('WHATSAPP_TRANSPORT')));
  assert.ok(problems.some((p) => p.startsWith('PORT')));
});

test('a real portal needs the app credentials and a public URL', () => {
  const problems = problemsOf({ ...valid, BITRIX24_MODE: 'portal' });
  assert.deepEqual(
    ['BITRIX24_CLIENT_ID', 'BITRIX24_CLIENT_SECRET', 'PUBLIC_URL'].filter((name) => !problems.some((p) => p.startsWith(name))),
    [],
  );
});

test('an empty value counts as unset', () => {
  assert.equal(loadConfig({ ...valid, PORT: '', SEND_TTL: '' }).port, 3000);
});

test('the encryption key reaches the processes as 32 raw bytes', () => {
  assert.equal(loadConfig(valid).encryptionKey.length, 32);
});
