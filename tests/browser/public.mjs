// Every public page of a running civicpub node, in English and in French, in
// Chromium at 1280 and 390 px.
//
//   node tests/browser/public.mjs BASE_URL [OUT_DIR]
//
// Starting from the home page and the site and network menus, it follows the links
// to every public page (lists, items, translations, document versions, tags, actor
// profiles, the network views and gathered items, the pages the city wrote), adds a
// search for a word of the newest news item and missing pages, and checks each page
// in English and in French (`?lang=fr`) at each width:
//   - it answers 200 (404 for the missing pages) with an HTML page,
//   - no request leaves the node's host (no third-party asset, ever),
//   - axe-core finds no serious or critical WCAG 2.1 A/AA violation,
//   - the page does not scroll sideways,
//   - every image loads, and the console shows no error,
//   - the French page says `<html lang="fr">`,
//   - a full-page screenshot is written to OUT_DIR/<page>-<width>.png
//     (default: target/screenshots; French pages' names end in --lang-fr).
// With BROWSER_SEEDED=FILE (one URL a line, as the publishing commands print them)
// it also checks that each seeded item is reachable by links from the home page.
// Tap targets that axe's `target-size` rule (WCAG 2.2 AA) finds too small are
// listed as notes, not failures: WCAG 2.1 AA does not ask it.

import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  Runner,
  SCREENSHOTS,
  WIDTHS,
  axe,
  brokenImages,
  describeViolations,
  launch,
  openPage,
  pageName,
  screenshot,
  sideScroll,
  smallTargets,
} from './lib.mjs';

const [base, outDir = SCREENSHOTS] = process.argv.slice(2);
if (!base) {
  console.error('usage: node tests/browser/public.mjs BASE_URL [OUT_DIR]');
  process.exit(2);
}
const origin = new URL(base).origin;
const MAX_PAGES = 200;

/** Public HTML pages, by kind; a link that matches none is not followed. */
const KINDS = [
  ['home', /^\/$/],
  ['list', /^\/(news|events|documents)$/],
  ['news', /^\/news\/\d+$/],
  ['event', /^\/events\/\d+$/],
  ['document', /^\/documents\/\d+$/],
  ['version', /^\/documents\/\d+\/versions\/\d+$/],
  ['tag', /^\/tags\/[^/]+$/],
  ['actor', /^\/actors\/[^/]+$/],
  ['network', /^\/network(\/(library|calendar|cities|search))?$/],
  ['network-item', /^\/network\/items\/\d+$/],
  ['site-page', /^\/(about|contact|privacy|accessibility)$/],
  ['consultations', /^\/consultations$/],
  ['consultation', /^\/consultations\/\d+$/],
];
/** Kinds the seeded node must have at least one page of, reached by links. */
const REQUIRED = ['news', 'event', 'document', 'version', 'tag', 'actor', 'network-item', 'site-page', 'consultation'];
/** Each page is checked in these languages: the browser's (English), and French by the URL. */
const LANGUAGES = ['en', 'fr'];

/** `path` in language `lang`: as it is for English, with `lang=fr` for French. */
function inLanguage(path, lang) {
  if (lang === 'en' || /[?&]lang=/.test(path)) return path;
  return path + (path.includes('?') ? '&' : '?') + `lang=${lang}`;
}

function kindOf(path) {
  const k = KINDS.find(([, re]) => re.test(path));
  return k && k[0];
}

/**
 * The page a link leads to, as path + the query that matters, or null when it is
 * not a public HTML page of this node. Kept: `lang` on item pages (translations),
 * `city` and `tag` on /network (one filtered view each). Calendar months and
 * pagers are dropped so that the walk ends.
 */
function normalise(href) {
  let u;
  try {
    u = new URL(href, origin);
  } catch {
    return null;
  }
  if (u.origin !== origin) return null;
  const kind = kindOf(u.pathname);
  if (!kind) return null;
  const keep = new URLSearchParams();
  if (['news', 'event', 'document', 'network-item', 'consultation'].includes(kind) && u.searchParams.get('lang')) {
    keep.set('lang', u.searchParams.get('lang'));
  }
  if (u.pathname === '/network') {
    for (const k of ['city', 'tag']) if (u.searchParams.get(k)) keep.set(k, u.searchParams.get(k));
  }
  const q = keep.toString();
  return u.pathname + (q ? `?${q}` : '');
}

/** /network?city=a and /network?city=b are the same page with other data: visit one of each filter. */
function variantKey(path) {
  const [p, q] = path.split('?');
  if (p === '/network' && q) return `${p}?${[...new URLSearchParams(q).keys()].sort().join('&')}`;
  return path;
}

const t = new Runner({ quiet: true });
const browser = await launch();
const notes = new Map(); // small tap target -> pages it is on
const queue = [];
const seen = new Set();
const seenVariants = new Set();
const reached = new Map(); // path -> the page that linked to it
const expectStatus = new Map();

function enqueue(path, from) {
  if (!path) return;
  // A page visited from the start is still reached when a link leads to it.
  if (from !== undefined && from !== 'start' && seen.has(path) && !reached.has(path)) reached.set(path, from);
  if (seen.has(path)) return;
  const v = variantKey(path);
  if (v !== path && seenVariants.has(v)) return;
  if (seen.size >= MAX_PAGES) return;
  seen.add(path);
  seenVariants.add(v);
  if (from !== undefined) reached.set(path, from);
  queue.push(path);
}

// The site's own entry points; everything else is found by following links.
for (const p of ['/', '/news', '/events', '/documents', '/network', '/network/library', '/network/calendar',
  '/network/search', '/network/cities', '/about', '/contact', '/privacy', '/accessibility']) {
  enqueue(p, p === '/' ? 'start' : undefined);
}

let searchWord = null;

/** Checks one page at one width; returns the page's links (at the first width only). */
async function visit(path, width, collectLinks, lang = 'en') {
  const status = expectStatus.get(path) ?? 200;
  path = inLanguage(path, lang);
  const url = origin + path;
  const label = `${path} @${width}`;
  let opened;
  try {
    opened = await openPage(browser, url, width);
  } catch (e) {
    await t.test(`${label}: loads`, () => t.fail(String(e)));
    return [];
  }
  const { page, response, offsite, consoleErrors, close } = opened;
  const links = [];
  try {
    await t.test(`${label}: answers ${status}`, () =>
      t.equal(response && response.status(), status, 'status'),
    );
    const type = response && response.headers()['content-type'];
    await t.test(`${label}: is an HTML page`, () =>
      t.ok(type && type.startsWith('text/html'), `content-type is ${type}`),
    );

    await t.test(`${label}: loads nothing from other hosts`, () =>
      t.ok(offsite.length === 0, `requests left ${origin}:\n${[...new Set(offsite)].join('\n')}`),
    );

    await t.test(`${label}: every image loads`, async () => {
      const broken = await brokenImages(page);
      t.ok(broken.length === 0, broken.map((b) => `${b.src} (alt "${b.alt}")`).join('\n'));
    });

    await t.test(`${label}: no serious or critical axe violation (WCAG 2.1 A/AA)`, async () => {
      const v = await axe(page);
      t.ok(v.length === 0, `${v.length} violation(s):\n    ${describeViolations(v)}`);
    });

    await t.test(`${label}: does not scroll sideways`, async () => {
      const s = await sideScroll(page);
      t.ok(
        s.ok,
        `scrollWidth ${s.scrollWidth} > innerWidth ${s.innerWidth}; overflowing:\n${s.culprits.join('\n')}`,
      );
    });

    await t.test(`${label}: links have well-formed queries`, async () => {
      const odd = await page.$$eval('a[href*="?&"], a[href*="&&"]', (as) => as.map((a) => a.getAttribute('href')));
      t.ok(odd.length === 0, odd.join('\n'));
    });

    if (lang !== 'en') {
      await t.test(`${label}: is in French`, async () => {
        const htmlLang = await page.$eval('html', (h) => h.lang);
        t.equal(htmlLang, lang, 'html lang');
      });
    }

    await t.test(`${label}: no console error`, () => {
      const errors = consoleErrors.filter(
        // The missing pages' own 404 is expected.
        (e) => !(status === 404 && e.url === url && /404/.test(e.text)),
      );
      t.ok(errors.length === 0, errors.map((e) => `${e.text}${e.url ? ` (${e.url})` : ''}`).join('\n'));
    });

    for (const small of await smallTargets(page)) {
      const key = `${width} px: ${small.html}`;
      if (!notes.has(key)) notes.set(key, []);
      notes.get(key).push(path);
    }

    await t.test(`${label}: screenshot`, async () => {
      const file = await screenshot(page, pageName(path), width, outDir);
      t.ok(existsSync(file) && statSync(file).size > 0, `no screenshot at ${file}`);
    });

    if (collectLinks) {
      // The language menu links every page in every language: the walk checks
      // each page in LANGUAGES only, and follows an item's own translations.
      links.push(
        ...(await page.$$eval('a[href]', (as) =>
          as.filter((a) => !a.hreflang || a.closest('.translations')).map((a) => a.href),
        )),
      );
      if (path === '/news' && !searchWord) {
        const title = await page.$eval('main h3 a, main h2 a', (a) => a.textContent).catch(() => null);
        if (title) {
          searchWord = title
            .split(/[^\p{L}]+/u)
            .filter((w) => w.length >= 5)
            .sort((a, b) => b.length - a.length)[0];
        }
      }
    }
  } finally {
    await close();
  }
  return links;
}

const started = Date.now();
let missingAdded = false;
while (queue.length) {
  const path = queue.shift();
  console.log(`visit ${path}`);
  for (const lang of LANGUAGES) {
    // A page whose URL already names its language (a translation) is that language's.
    if (lang !== 'en' && /[?&]lang=/.test(path)) continue;
    for (const [i, width] of WIDTHS.entries()) {
      const links = await visit(path, width, i === 0 && lang === 'en', lang);
      for (const href of links) enqueue(normalise(href), path);
    }
  }
  if (!queue.length && !missingAdded) {
    missingAdded = true;
    // Pages no link leads to: a search for a word of the newest news, and missing pages.
    if (searchWord) {
      enqueue(`/network/search?q=${encodeURIComponent(searchWord.toLowerCase())}`);
    }
    for (const p of ['/no-such-page', '/news/999999', '/actors/nobody', '/network/items/999999',
      '/documents/999999/versions/1']) {
      expectStatus.set(p, 404);
      enqueue(p);
    }
    // Seeded items that no link reached are visited all the same (and fail below).
    for (const p of seededPaths()) enqueue(p);
  }
}

function seededPaths() {
  const file = process.env.BROWSER_SEEDED;
  if (!file) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => new URL(l, origin).pathname);
}

await t.test('a word of the newest news item found for the search page', () =>
  t.ok(searchWord, 'no news item title on /news to search for'),
);
if (searchWord) {
  await t.test(`/network/search?q=${searchWord.toLowerCase()} finds the news item`, async () => {
    const { page, close } = await openPage(browser, `${origin}/network/search?q=${encodeURIComponent(searchWord.toLowerCase())}`, 1280);
    try {
      const hits = await page.$$eval('main a[href^="/network/items/"]', (as) => as.length);
      t.ok(hits > 0, `no result links to /network/items/ for "${searchWord}"`);
    } finally {
      await close();
    }
  });
}

const byKind = new Map();
for (const p of reached.keys()) {
  const k = kindOf(p.split('?')[0]);
  byKind.set(k, (byKind.get(k) || 0) + 1);
}
for (const k of REQUIRED) {
  await t.test(`links reach at least one ${k} page`, () =>
    t.ok(byKind.get(k) > 0, `no link on any page leads to a ${k} page`),
  );
}
for (const p of seededPaths()) {
  await t.test(`seeded ${p} is linked from the site`, () =>
    t.ok(reached.has(p), `no page links to ${p}: a visitor cannot find it`),
  );
}

await browser.close();

if (notes.size) {
  console.log('\nNotes, not failures: tap targets under 24 x 24 px too close to others (WCAG 2.2 2.5.8)');
  for (const [target, pages] of notes) {
    console.log(`- at ${target}\n    on ${pages.length} page(s): ${pages.slice(0, 4).join(' ')}${pages.length > 4 ? ' ...' : ''}`);
  }
}
console.log(
  `\nVisited ${seen.size} pages in ${LANGUAGES.join(' and ')} at ${WIDTHS.join(' and ')} px in ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${outDir}`,
);
process.exit(t.done());
