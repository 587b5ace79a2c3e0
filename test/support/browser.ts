import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_TOKEN } from './product.js';

/**
 * Browser tests drive Debian's Chromium (installed by `.ci/run`, never downloaded by a tool) through
 * playwright-core, against the settings app that the in-process api serves from web/dist.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const webDist = path.join(root, 'web', 'dist');
const screenshotsDir = path.join(root, 'test-output', 'screenshots');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** What the bundle is built from: the app, and the domain modules and pure workflow decisions it imports. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'domain', 'workflows/logic', 'package-lock.json'];

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  const times = await Promise.all(entries.filter((e) => e.isFile()).map(async (e) => (await stat(path.join(e.parentPath, e.name))).mtimeMs));
  return Math.max(0, ...times);
}

/**
 * Builds web/dist when it is missing or older than its sources. Call it before startProduct(): the api
 * serves /app/ only if web/dist exists when the app is created.
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(webDist, 'index.html');
  if (existsSync(index)) {
    const built = (await stat(index)).mtimeMs;
    const sources = await Promise.all(SOURCES.map((source) => newestMtime(path.join(root, source))));
    if (Math.max(...sources) <= built) return;
  }
  await promisify(execFile)(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Saves a screenshot to test-output/screenshots/<name>.png (gitignored), for a person to look at: the
 * whole page, or only the viewport (`fullPage: false`) where a dialog floats over it.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

/** A Bitrix24 slider's width: the settings app is tested at the size it is shown in. */
export const SLIDER = { width: 600, height: 900 };
export const BROWSER_TIMEOUT = 30_000;

/**
 * A fresh browser context at slider size, Russian unless told otherwise, signed in as a standalone admin
 * (the token where the sign-in form keeps it) unless `signedIn: false`.
 */
export async function sliderContext(browser: Browser, options: { locale?: string; timezoneId?: string; signedIn?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: SLIDER, locale: options.locale ?? 'ru-RU', ...(options.timezoneId && { timezoneId: options.timezoneId }) });
  context.setDefaultTimeout(BROWSER_TIMEOUT);
  if (options.signedIn !== false) {
    await context.addInitScript((token) => {
      window.sessionStorage.setItem('olb.adminToken', token);
    }, ADMIN_TOKEN);
  }
  return context;
}
