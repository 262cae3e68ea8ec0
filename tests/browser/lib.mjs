// Helpers for civicpub's browser tests: Debian's Chromium driven by playwright-core,
// accessibility checked by axe-core, and a tiny test runner.
//
//   import { launch, openPage, axe, sideScroll, screenshot, Runner } from './lib.mjs';
//
//   const t = new Runner();
//   const browser = await launch();
//   const { page, response, offsite } = await openPage(browser, url, 390);
//   await t.test(`${url} @390: answers 200`, () => t.equal(response.status(), 200));
//   ...
//   await browser.close();
//   process.exit(t.done());   // prints failures and `browser: N passed, M failed`
//
// Pages are opened with a viewport of WIDTH x 900 and deviceScaleFactor 1, like a
// desktop window or a phone held upright (390 px). Requests that leave the node's
// host are recorded and aborted: the node must never load third-party assets.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository's root (this file is tests/browser/lib.mjs). */
export const REPO = resolve(HERE, '..', '..');
/** Where screenshots go unless a test says otherwise: `target/screenshots` in the repository. */
export const SCREENSHOTS = join(REPO, 'target', 'screenshots');
/** The widths every public page is checked at: a desktop window and a phone. */
export const WIDTHS = [1280, 390];
export const HEIGHT = 900;

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium (Debian's, never a downloaded build). */
export async function launch(options = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium package (scripts/browser-test does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    ...options,
  });
}

/**
 * A fresh browser context with a WIDTH x 900 viewport at deviceScaleFactor 1, and
 * English (en-US) as the browser's language so that pages negotiate the same way everywhere.
 */
export async function newContext(browser, width, options = {}) {
  return browser.newContext({
    viewport: { width, height: HEIGHT },
    deviceScaleFactor: 1,
    locale: 'en-US',
    ...options,
  });
}

/**
 * Opens `url` in a new context at `width` and waits for it to load.
 *
 * Returns { context, page, response, offsite, consoleErrors, close }:
 * - `response`: the main document's response (null if there was none),
 * - `offsite`: every request whose host is not the page's own (they are aborted),
 * - `consoleErrors`: console errors and uncaught exceptions, as strings.
 * Call `close()` when done.
 */
export async function openPage(browser, url, width, options = {}) {
  const host = new URL(url).host;
  const context = await newContext(browser, width, options.context);
  const page = await context.newPage();
  const offsite = [];
  const consoleErrors = [];
  page.on('request', (req) => {
    const u = req.url();
    if (!isLocal(u, host)) offsite.push(u);
  });
  // Never let a page wait on the outside world: abort what leaves the node.
  await context.route('**/*', (route) =>
    isLocal(route.request().url(), host) ? route.continue() : route.abort('blockedbyclient'),
  );
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      consoleErrors.push({ text: msg.text(), url: loc && loc.url });
    }
  });
  page.on('pageerror', (err) => consoleErrors.push({ text: String(err), url }));
  const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeout ?? 30_000 });
  return { context, page, response, offsite, consoleErrors, close: () => context.close() };
}

/** True when `u` stays on `host` (data: and blob: URLs count as local). */
export function isLocal(u, host) {
  if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return true;
  try {
    return new URL(u).host === host;
  } catch {
    return false;
  }
}

let axeSource;

/**
 * Runs axe-core on the page with the WCAG 2.1 A and AA rules (or only `rules`) and returns the
 * serious and critical violations: [{ id, impact, help, helpUrl, targets: [{ target, html, summary }] }].
 * axe is evaluated through the DevTools protocol, so a strict Content-Security-Policy does not block it.
 */
export async function axe(page, { impacts = ['serious', 'critical'], rules } = {}) {
  axeSource ??= readFileSync(join(HERE, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(axeSource);
  }
  const runOnly = rules
    ? { type: 'rule', values: rules }
    : { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] };
  const results = await page.evaluate(async (runOnly) => window.axe.run(document, { runOnly, resultTypes: ['violations'] }), runOnly);
  return results.violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html.length > 160 ? n.html.slice(0, 157) + '...' : n.html,
        summary: n.failureSummary,
      })),
    }));
}

/** Formats axe violations for a failure message. */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.targets.map((t) => `      at ${t.target}\n         ${t.html}`).join('\n'),
    )
    .join('\n    ');
}

/**
 * Whether the page scrolls sideways: { ok, scrollWidth, innerWidth, culprits }, `ok` when
 * `document.documentElement.scrollWidth <= window.innerWidth`. `culprits` lists up to
 * ten elements whose right edge passes the window, to say what overflows.
 */
export async function sideScroll(page) {
  return page.evaluate(() => {
    const scrollWidth = document.documentElement.scrollWidth;
    const innerWidth = window.innerWidth;
    const culprits = [];
    const describe = (el) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls}`;
    };
    if (scrollWidth > innerWidth) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > innerWidth + 1 && r.width > 0) {
          // Report the outermost overflowing elements, not each of their children.
          if (culprits.some((c) => c.el.contains(el))) continue;
          culprits.push({ el, what: `${describe(el)} (right edge ${Math.round(r.right)} px)` });
          if (culprits.length >= 10) break;
        }
      }
      // Text that runs out of its box (a long word, a URL) overflows without its box doing so.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walker.nextNode(); n && culprits.length < 10; n = walker.nextNode()) {
        if (!n.textContent.trim()) continue;
        range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        if (r.right > innerWidth + 1 && r.width > 0 && !culprits.some((c) => c.el.contains(n))) {
          const text = n.textContent.trim().replace(/\s+/g, ' ');
          culprits.push({
            el: n.parentElement,
            what: `text in ${describe(n.parentElement)} (right edge ${Math.round(r.right)} px): "${text.length > 60 ? text.slice(0, 57) + '...' : text}"`,
          });
        }
      }
    }
    return { ok: scrollWidth <= innerWidth, scrollWidth, innerWidth, culprits: culprits.map((c) => c.what) };
  });
}

/**
 * Images that failed to load or have no size: [{ src, alt }]. Lazy images are scrolled into view first.
 */
export async function brokenImages(page) {
  return page.evaluate(async () => {
    const imgs = [...document.images];
    for (const img of imgs) {
      if (!img.complete) {
        img.loading = 'eager';
        await new Promise((r) => {
          img.addEventListener('load', r, { once: true });
          img.addEventListener('error', r, { once: true });
          setTimeout(r, 5000);
        });
      }
    }
    return imgs.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => ({ src: i.currentSrc || i.src, alt: i.alt }));
  });
}

/**
 * Tap targets too small and too close to others, by axe-core's `target-size` rule
 * (WCAG 2.2's 2.5.8, level AA: 24 x 24 px, or spaced so that 24 px circles do not
 * overlap): [{ target, html, summary }]. Not part of WCAG 2.1, so `axe()` leaves it out.
 */
export async function smallTargets(page) {
  const v = await axe(page, { rules: ['target-size'], impacts: ['minor', 'moderate', 'serious', 'critical'] });
  return v.flatMap((x) => x.targets);
}

/** A file-name-safe name for a path: `/` -> `home`, `/documents/3/versions/1` -> `documents-3-versions-1`. */
export function pageName(pathAndQuery) {
  const [path, query] = pathAndQuery.split('?');
  let name = path.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9_.-]+/g, '-') || 'home';
  if (query) name += '--' + query.replace(/[^A-Za-z0-9_.-]+/g, '-');
  return name.slice(0, 120);
}

/** Takes a full-page screenshot into `dir/<name>-<width>.png` (dir created if missing); returns its path. */
export async function screenshot(page, name, width, dir = SCREENSHOTS) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

export class AssertionError extends Error {}

/**
 * A tiny test runner: `await t.test(name, fn)` runs `fn`, counts a pass, or a failure
 * (printed at once with its message) when it throws. `t.done()` prints every failure
 * again, then `browser: N passed, M failed`, and returns the exit status (0 when none failed).
 */
export class Runner {
  constructor({ label = 'browser', quiet = false } = {}) {
    this.label = label;
    this.quiet = quiet;
    this.passed = 0;
    this.failures = [];
  }

  async test(name, fn) {
    try {
      await fn();
      this.passed++;
      if (!this.quiet) console.log(`ok   ${name}`);
    } catch (e) {
      const message = e instanceof AssertionError ? e.message : (e && e.stack) || String(e);
      this.failures.push({ name, message });
      console.log(`FAIL ${name}\n    ${message.split('\n').join('\n    ')}`);
    }
  }

  /** Fails the current test with `message` unless `cond`. */
  ok(cond, message) {
    if (!cond) throw new AssertionError(message);
  }

  equal(actual, expected, message = '') {
    if (actual !== expected) {
      throw new AssertionError(`${message ? message + ': ' : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  }

  fail(message) {
    throw new AssertionError(message);
  }

  done() {
    if (this.failures.length) {
      console.log(`\n${this.failures.length} failure(s):`);
      for (const f of this.failures) console.log(`- ${f.name}\n    ${f.message.split('\n').join('\n    ')}`);
    }
    console.log(`${this.label}: ${this.passed} passed, ${this.failures.length} failed`);
    return this.failures.length ? 1 : 0;
  }
}
