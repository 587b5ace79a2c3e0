import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../lib/config.js';
import { searchAttributes } from '../../workflows/constants.js';

/**
 * No Docker engine exists on the build machines, so the production deployment files are checked
 * statically: what `docker compose up` would resolve, fed to the same config loader the processes use.
 */

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

// Compose resolves `<<: *anchor` merge keys; so must the parser, or the product services look empty.
const compose: unknown = parse(read('../../docker-compose.yml'), { merge: true });
assert.ok(isDict(compose) && isDict(compose.services), 'docker-compose.yml has a services map');
const services = compose.services as Record<string, Dict>;
const dockerfile = read('../../Dockerfile');
const caddyfile = read('../../deploy/Caddyfile');
const packageVersion = (JSON.parse(read('../../package.json')) as { version: string }).version;

const PRODUCT_SERVICES = ['api', 'worker', 'session-host'] as const;

/** What an operator would put in .env for the `${VAR}` interpolations of the product services. */
const SAMPLE_VALUES: Record<string, string> = {
  ADMIN_API_TOKEN: 'x'.repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  PUBLIC_URL: 'https://bridge.example.com',
  BITRIX24_CLIENT_ID: 'app.123',
  BITRIX24_CLIENT_SECRET: 'secret',
};

const REQUIRED_SECRETS = ['ADMIN_API_TOKEN', 'ENCRYPTION_KEY', 'PUBLIC_URL', 'BITRIX24_CLIENT_ID', 'BITRIX24_CLIENT_SECRET'];

/**
 * Variables the product services may set although lib/config.ts does not read them: none today.
 * Anything added here must say why (e.g. a variable read by a library rather than by the product).
 */
const COMPOSE_ONLY_VARIABLES = new Set<string>([]);

function service(name: string): Dict {
  const found = services[name];
  assert.ok(isDict(found), `service ${name} is declared`);
  return found;
}

/** Compose's interpolation: `$$` is a literal `$`; `${VAR:?msg}` fails `up` when VAR is unset or empty. */
function interpolate(text: string, where: string): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare)!;
      const sample = SAMPLE_VALUES[name];
      if (sample !== undefined) return sample;
      if (operator?.endsWith('-')) return argument ?? '';
      assert.fail(`${where}: ${match} needs a sample value in SAMPLE_VALUES`);
    },
  );
}

/** The `environment:` of a service (map or list form) as the container would see it. */
function environmentOf(name: string): Record<string, string> {
  const raw = service(name).environment ?? {};
  const entries: [string, string][] = Array.isArray(raw)
    ? raw.map((item) => {
        const text = String(item);
        const equals = text.indexOf('=');
        // `- VAR` without a value passes the variable through from the shell / .env.
        return equals === -1 ? [text, `\${${text}}`] : [text.slice(0, equals), text.slice(equals + 1)];
      })
    : Object.entries(raw as Dict).map(([key, value]) => [key, value === null ? `\${${key}}` : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value, `${name}.environment.${key}`)]));
}

function rawEnvironmentValue(name: string, variable: string): string | undefined {
  const raw = service(name).environment;
  if (isDict(raw)) return raw[variable] === undefined ? undefined : String(raw[variable]);
  if (Array.isArray(raw)) {
    const item = raw.map(String).find((entry) => entry.startsWith(`${variable}=`));
    return item?.slice(variable.length + 1);
  }
  return undefined;
}

function images(): [string, string][] {
  return Object.entries(services)
    .filter(([, definition]) => definition.image !== undefined)
    .map(([name, definition]) => [name, String(definition.image)]);
}

/** The tag of an image reference (`registry:5000/org/name:tag`), or undefined when there is none. */
function tagOf(image: string): string | undefined {
  const lastSegment = image.slice(image.lastIndexOf('/') + 1).split('@')[0]!;
  const colon = lastSegment.indexOf(':');
  return colon === -1 ? undefined : lastSegment.slice(colon + 1);
}

function dependsOn(name: string): Dict {
  const raw = service(name).depends_on;
  assert.ok(isDict(raw), `${name} uses the long depends_on form, with conditions`);
  return raw;
}

function commandOf(name: string): string {
  const command = service(name).command;
  return Array.isArray(command) ? command.map(String).join(' ') : String(command ?? '');
}

test('every image is pinned to an explicit tag', () => {
  assert.ok(images().length > 0);
  for (const [name, image] of images()) {
    const tag = tagOf(image);
    assert.ok(tag !== undefined || image.includes('@sha256:'), `${name}: image ${image} has no tag`);
    assert.notEqual(tag, 'latest', `${name}: image ${image} floats on latest`);
    assert.doesNotMatch(image, /\$\{?/, `${name}: image ${image} depends on an interpolated variable`);
  }
  for (const [name, definition] of Object.entries(services)) {
    assert.ok(definition.image !== undefined, `${name} names its image (an untagged build is not reproducible)`);
  }
});

test('declares the temporal server on postgresql, the temporal UI, mongodb 7, api, worker, session-host and an https proxy', () => {
  assert.match(String(service('postgresql').image), /^postgres:/);
  assert.match(String(service('temporal').image), /^temporalio\/auto-setup:/);
  const temporalEnv = service('temporal').environment as Dict;
  assert.equal(temporalEnv.DB, 'postgres12');
  assert.equal(temporalEnv.POSTGRES_SEEDS, 'postgresql');
  assert.match(String(service('temporal-ui').image), /^temporalio\/ui:/);
  assert.match(String(service('mongo').image), /^mongo:7\.0\./);
  for (const name of PRODUCT_SERVICES) assert.ok(service(name).build !== undefined, `${name} is built from the repo`);
  assert.match(String(service('caddy').image), /^caddy:/);
});

test('api, worker and session-host run the one product image with their own entry points', () => {
  const expected = {
    api: 'node --import tsx api/server.ts',
    worker: 'node --import tsx workers/orchestrator.ts',
    'session-host': 'node --import tsx workers/session-host.ts',
  };
  for (const name of PRODUCT_SERVICES) {
    assert.equal(service(name).build, '.', `${name} builds the repo's Dockerfile`);
    assert.equal(service(name).image, `openline-bridge:${packageVersion}`, `${name} is tagged with the package version`);
    assert.equal(commandOf(name), expected[name]);
  }
});

test('api, worker and session-host have health checks', () => {
  for (const name of PRODUCT_SERVICES) {
    const healthcheck = service(name).healthcheck;
    assert.ok(isDict(healthcheck) && Array.isArray(healthcheck.test) && healthcheck.test.length > 1, `${name} has a health check`);
  }
  const apiCheck = (service('api').healthcheck as Dict).test as unknown[];
  assert.match(apiCheck.map(String).join(' '), /\/healthz/, 'the api check asks /healthz');
});

test('the databases and temporal have health checks the product waits for', () => {
  for (const name of ['postgresql', 'temporal', 'mongo']) {
    assert.ok(isDict(service(name).healthcheck), `${name} has a health check`);
  }
  for (const name of PRODUCT_SERVICES) {
    const dependencies = dependsOn(name);
    assert.deepEqual(dependencies.mongo, { condition: 'service_healthy' }, `${name} waits for mongo`);
    assert.deepEqual(dependencies.temporal, { condition: 'service_healthy' }, `${name} waits for temporal`);
    assert.deepEqual(
      dependencies['temporal-admin-tools'],
      { condition: 'service_completed_successfully' },
      `${name} waits for the search attributes`,
    );
  }
  assert.deepEqual(dependsOn('temporal').postgresql, { condition: 'service_healthy' });
});

test('registers every search attribute the workflows set, once, as a one-shot', () => {
  const adminTools = service('temporal-admin-tools');
  assert.match(String(adminTools.image), /^temporalio\/admin-tools:/);
  assert.equal(adminTools.restart, 'no');
  const script = commandOf('temporal-admin-tools');
  assert.match(script, /temporal operator search-attribute create --address temporal:7233/);
  for (const key of Object.values(searchAttributes)) {
    const cliType = key.type.charAt(0) + key.type.slice(1).toLowerCase(); // KEYWORD → Keyword
    assert.match(script, new RegExp(`--name ${key.name} --type ${cliType}\\b`), `${key.name} is registered as ${cliType}`);
  }
  assert.match(script, /already exists/, 'a rerun on an existing stack is not a failure');
});

test('the proxy publishes 443 and forwards to the api', () => {
  const caddy = service('caddy');
  const targets = (caddy.ports as unknown[]).map((port) =>
    isDict(port) ? String(port.target) : String(port).split('/')[0]!.split(':').at(-1),
  );
  assert.ok(targets.includes('443'), 'port 443 is published');
  assert.ok(targets.includes('80'), 'port 80 is published (ACME HTTP challenge and redirect to HTTPS)');
  assert.ok(
    (caddy.volumes as unknown[]).map(String).some((volume) => volume.startsWith('./deploy/Caddyfile:/etc/caddy/Caddyfile')),
    'the Caddyfile is mounted',
  );
  assert.match(caddyfile, /^\{\$PUBLIC_HOST\} \{/m, 'the site is the public host, so Caddy gets its certificate');
  assert.match(caddyfile, /^\s*reverse_proxy api:3000\s*$/m);
  assert.match(String(caddy.environment && (caddy.environment as Dict).PUBLIC_HOST), /^\$\{PUBLIC_HOST:\?/);
});

test('the temporal UI is reachable from the host only', () => {
  const ports = (service('temporal-ui').ports as unknown[]).map(String);
  assert.deepEqual(ports, ['127.0.0.1:8080:8080']);
  for (const name of ['postgresql', 'temporal', 'mongo', ...PRODUCT_SERVICES]) {
    assert.equal(service(name).ports, undefined, `${name} publishes no port`);
  }
});

test('every variable the config module requires is provided to api, worker and session-host', () => {
  for (const name of PRODUCT_SERVICES) {
    const env = environmentOf(name);
    assert.doesNotThrow(() => loadConfig(env), `${name}: loadConfig rejects its environment`);
    const config = loadConfig(env);
    assert.equal(config.whatsappTransport, 'baileys');
    assert.equal(config.bitrix24.mode, 'portal');
    assert.equal(config.mongoUrl, 'mongodb://mongo:27017/openline');
    assert.equal(config.temporal.address, 'temporal:7233');
  }
});

test('api, worker and session-host set no variable the config module does not know', () => {
  const known = new Set(CONFIG_VARIABLES);
  for (const name of PRODUCT_SERVICES) {
    for (const variable of Object.keys(environmentOf(name))) {
      assert.ok(known.has(variable) || COMPOSE_ONLY_VARIABLES.has(variable), `${name} sets ${variable}, which lib/config.ts does not read`);
    }
  }
});

test('secrets must be set at `docker compose up` rather than defaulted', () => {
  for (const name of PRODUCT_SERVICES) {
    for (const variable of REQUIRED_SECRETS) {
      assert.match(rawEnvironmentValue(name, variable) ?? '', new RegExp(`^\\$\\{${variable}:\\?.+\\}$`), `${name}: ${variable}`);
    }
  }
});

test('state lives in named volumes', () => {
  const declared = Object.keys((compose as Dict).volumes as Dict);
  const mounts: Record<string, string> = {
    postgresql: '/var/lib/postgresql/data',
    mongo: '/data/db',
    api: '/data',
    worker: '/data',
    'session-host': '/data',
    caddy: '/data',
  };
  for (const [name, target] of Object.entries(mounts)) {
    const volume = (service(name).volumes as unknown[]).map(String).find((entry) => entry.split(':')[1] === target);
    assert.ok(volume, `${name} mounts a volume at ${target}`);
    assert.ok(declared.includes(volume.split(':')[0]!), `${name}: ${volume} is a declared named volume`);
  }
  for (const name of PRODUCT_SERVICES) assert.equal(environmentOf(name).DATA_DIR, '/data');
});

test('the Dockerfile builds on a pinned node 20 bookworm-slim image', () => {
  const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]!);
  const stages = new Set([...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((match) => match[1]!));
  const external = bases.filter((image) => !stages.has(image));
  assert.ok(external.length > 0);
  for (const image of external) assert.match(image, /^node:20\.\d+\.\d+-bookworm-slim$/);
});

test('the image runs as the node user in production mode, with ffmpeg', () => {
  assert.match(dockerfile, /^USER node$/m);
  assert.match(dockerfile, /^ENV NODE_ENV=production$/m);
  assert.match(dockerfile, /apt-get install[^\n]*ffmpeg/);
  assert.match(dockerfile, /npm run build:web/);
  assert.match(dockerfile, /npm prune --omit=dev/);
});

test('the build context leaves out dependencies, local data, build output and secrets', () => {
  const ignored = read('../../.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const entry of ['node_modules', '.data', 'web/dist', '.git', 'test-output', '.env']) {
    assert.ok(ignored.includes(entry), `.dockerignore lists ${entry}`);
  }
});
