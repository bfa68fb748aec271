// harness: what the browser tests stand on: an index of the bundled sample
// built by the real warta-indexer, the real warta-searchd on a free loopback
// port (stopped by its PID), and Debian's Chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (ctest sets it; see tests/browser/README.md)`);
  return value;
}

export const config = {
  indexer: () => required('WARTA_INDEXER_BIN'),
  searchd: () => required('WARTA_SEARCHD_BIN'),
  sample: process.env.WARTA_SAMPLE_ARCHIVE || path.join(repo, 'data/sample/indosum-sample.jsonl.gz'),
  webRoot: process.env.WARTA_WEB_ROOT || path.join(repo, 'web'),
  chromium: process.env.WARTA_CHROMIUM || '/usr/bin/chromium',
  artifacts: process.env.WARTA_BROWSER_ARTIFACTS || path.join(tmpdir(), 'warta-browser-artifacts'),
  // "all": a screenshot after every test, not only after a failure.
  screenshots: process.env.WARTA_BROWSER_SCREENSHOTS || 'failures',
};

// playwright-core from the node_modules that `npm ci` filled: the build
// directory's (WARTA_BROWSER_DEPS) or this folder's.
export function playwright() {
  const base = process.env.WARTA_BROWSER_DEPS || here;
  return createRequire(path.join(base, 'package.json'))('playwright-core');
}

// Indexes the sample and starts searchd; resolves to {url, stop()}.
export async function startServer() {
  const dir = mkdtempSync(path.join(tmpdir(), 'warta-browser-'));
  const db = path.join(dir, 'index');
  const indexed = spawnSync(config.indexer(), ['--db', db, '--no-progress', '--log-level', 'warn', config.sample], { encoding: 'utf8' });
  if (indexed.status !== 0) throw new Error(`warta-indexer exited ${indexed.status}: ${indexed.stderr}`);

  const child = spawn(config.searchd(), ['--db', db, '--listen', '127.0.0.1:0', '--threads', '2', '--web-root', config.webRoot], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`warta-searchd did not report "listening on" in 30 s:\n${log}`)), 30000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`warta-searchd exited ${code} before listening:\n${log}`));
    });
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    url: `http://${address}`,
    log: () => log,
    async stop() {
      process.kill(child.pid, 'SIGTERM');
      const result = await exited;
      rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}

export async function launchBrowser() {
  if (!existsSync(config.chromium)) throw new Error(`no browser at ${config.chromium}: tools/setup installs Debian's chromium`);
  const { chromium } = playwright();
  // Playwright gives each launch a fresh, temporary user-data-dir.
  return chromium.launch({
    executablePath: config.chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// Runs `body(page, context)` in a new context; on failure (or always, with
// WARTA_BROWSER_SCREENSHOTS=all) saves a full-page screenshot named after
// the test. Console errors and page errors (a CSP violation, say) fail it.
// options: Playwright context options, and `expectedErrors`, a RegExp of
// console errors the test provokes on purpose.
export async function withPage(browser, t, { expectedErrors = null, ...options }, body) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !(expectedErrors && expectedErrors.test(m.text()))) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const name = t.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  let failed = false;
  try {
    await body(page, context);
    if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    if (failed || config.screenshots === 'all') {
      mkdirSync(config.artifacts, { recursive: true });
      const file = path.join(config.artifacts, `${failed ? 'FAILED-' : ''}${name}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      if (failed) console.error(`screenshot: ${file}`);
    }
    await context.close();
  }
}
