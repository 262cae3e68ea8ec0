// The web admin in Chromium: every flow of issue 14's acceptance list, an
// axe-core scan of the admin's main pages, and screenshots.
//
//   node tests/browser/admin.mjs BASE_URL [OUT_DIR]
//
// The node at BASE_URL (set up by scripts/browser-test) has:
//   - an admin `ADMIN_USER` / `ADMIN_PASSWORD` and a disabled editor
//     `DISABLED_USER` / `DISABLED_PASSWORD`,
//   - site pages in two languages (so the compose form offers both),
//   - a city that approves followers by hand, and a pending follow request from
//     `FOLLOWER` (another node's city actor, which sent a signed Follow).
// Screenshots of the dashboard, the compose page (also with a validation
// error), API tokens, the profile form, the media library and moderation at
// 1280 and 390 px go to OUT_DIR (default target/screenshots).

import { Runner, SCREENSHOTS, axe, describeViolations, launch, newContext, screenshot, sideScroll, isLocal } from './lib.mjs';

const [base, outDir = SCREENSHOTS] = process.argv.slice(2);
if (!base) {
  console.error('usage: node tests/browser/admin.mjs BASE_URL [OUT_DIR]');
  process.exit(2);
}
const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`admin.mjs: ${name} is not set`);
    process.exit(2);
  }
  return v;
};
const ADMIN = env('ADMIN_USER');
const ADMIN_PASSWORD = env('ADMIN_PASSWORD');
const DISABLED = env('DISABLED_USER');
const DISABLED_PASSWORD = env('DISABLED_PASSWORD');
const FOLLOWER = env('FOLLOWER');
const host = new URL(base).host;
const url = (path) => new URL(path, base).toString();
const stamp = Date.now().toString(36);

const t = new Runner({ label: 'browser' });
const browser = await launch();

/** A context at `width` that refuses anything off the node, with its page. */
async function open(width) {
  const context = await newContext(browser, width);
  await context.route('**/*', (route) =>
    isLocal(route.request().url(), host) ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  return { context, page };
}

async function logIn(page, name, password) {
  await page.goto(url('/admin/login'));
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  return Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Log in' }).click()]);
}

async function noSeriousViolations(page, what) {
  const v = await axe(page);
  t.ok(v.length === 0, `${what}: axe found\n    ${describeViolations(v)}`);
}

async function fetchText(path, accept = 'text/html') {
  const res = await fetch(url(path), { headers: { accept } });
  return { status: res.status, text: await res.text() };
}

/** Waits until `check()` holds, up to `ms`. */
async function eventually(what, ms, check) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) t.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// A 1×1 PNG (the Rust tests' own), for an image without a text alternative.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');

const { context, page } = await open(1280);

await t.test('login page: no serious accessibility problem', async () => {
  const res = await page.goto(url('/admin/login'));
  t.equal(res.status(), 200);
  await noSeriousViolations(page, 'login');
});

await t.test('a wrong password is refused', async () => {
  await logIn(page, ADMIN, 'not the password at all');
  t.ok(page.url().endsWith('/admin/login'), `still on the login page, not ${page.url()}`);
  t.ok(await page.getByRole('alert').isVisible(), 'the refusal is announced');
  const cookies = await context.cookies();
  t.ok(!cookies.some((c) => c.name === 'civicpub_admin'), 'no session cookie');
});

await t.test('a disabled user is refused', async () => {
  await logIn(page, DISABLED, DISABLED_PASSWORD);
  t.ok(page.url().endsWith('/admin/login'), `still on the login page, not ${page.url()}`);
  t.ok((await page.getByRole('alert').textContent()).includes('disabled'), 'the refusal says why it may be');
});

await t.test('log in', async () => {
  await logIn(page, ADMIN, ADMIN_PASSWORD);
  t.ok(new URL(page.url()).pathname === '/admin', `on the dashboard, not ${page.url()}`);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  const cookie = (await context.cookies()).find((c) => c.name === 'civicpub_admin');
  t.ok(cookie && cookie.httpOnly && cookie.sameSite === 'Lax', `session cookie HttpOnly, SameSite=Lax: ${JSON.stringify(cookie)}`);
});

await t.test('dashboard: no serious accessibility problem, screenshots', async () => {
  await noSeriousViolations(page, 'dashboard');
  await screenshot(page, 'admin-dashboard', 1280, outDir);
  const phone = await open(390);
  await phone.context.addCookies(await context.cookies());
  await phone.page.goto(url('/admin'));
  const scroll = await sideScroll(phone.page);
  t.ok(scroll.ok, `the dashboard scrolls sideways at 390 px: ${scroll.culprits.join(', ')}`);
  await screenshot(phone.page, 'admin-dashboard', 390, outDir);
  await phone.page.goto(url('/admin/content/events/new'));
  await screenshot(phone.page, 'admin-compose', 390, outDir);
  await phone.page.getByRole('button', { name: 'Publish now' }).click();
  await phone.page.waitForLoadState('load');
  await screenshot(phone.page, 'admin-compose-error', 390, outDir);
  const scroll2 = await sideScroll(phone.page);
  t.ok(scroll2.ok, `the compose page scrolls sideways at 390 px: ${scroll2.culprits.join(', ')}`);
  await phone.context.close();
});

await t.test('a form without its CSRF token is refused', async () => {
  const res = await context.request.post(url('/admin/content/news/new'), {
    form: { actor: 'city', 'texts.en.title': `CSRF ${stamp}`, action: 'publish' },
    maxRedirects: 0,
  });
  t.equal(res.status(), 403, 'status');
  const news = await fetchText('/news');
  t.ok(!news.text.includes(`CSRF ${stamp}`), 'nothing was published');
});

const eventIt = `Assemblea di quartiere ${stamp}`;
const eventEn = `Neighbourhood meeting ${stamp}`;
let eventPath;

await t.test('compose with a validation error: errors beside their fields, accessible', async () => {
  await page.goto(url('/admin/content/events/new'));
  await screenshot(page, 'admin-compose', 1280, outDir);
  await page.locator('#f-texts-en-title').fill(eventEn);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.waitForLoadState('load');
  const summary = page.locator('#error-summary');
  t.ok(await summary.isVisible(), 'an error summary at the top');
  const starts = page.locator('#f-starts');
  t.equal(await starts.getAttribute('aria-invalid'), 'true', 'the start is marked invalid');
  const described = await starts.getAttribute('aria-describedby');
  t.ok(described && (await page.locator(`#${described.split(' ').pop()}`).isVisible()), 'its error is next to it');
  await noSeriousViolations(page, 'compose with an error');
  await screenshot(page, 'admin-compose-error', 1280, outDir);
});

await t.test('publish an event in two languages: on the public page and in the outbox', async () => {
  await page.goto(url('/admin/content/events/new'));
  await page.locator('#f-texts-it-title').fill(eventIt);
  await page.locator('#f-texts-it-body').fill('Incontro **aperto** a tutti.');
  await page.locator('#f-texts-en-title').fill(eventEn);
  await page.locator('#f-texts-en-body').fill('A meeting **open** to all.');
  await page.locator('#f-starts').fill('2031-05-20T18:00');
  await page.locator('#f-ends').fill('2031-05-20T20:00');
  await page.locator('#f-timezone').fill('Europe/Rome');
  await page.locator('#f-place').fill('Sala consiliare');
  // The preview is the server's rendering of the Markdown.
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForLoadState('load');
  t.ok((await page.locator('.preview strong').first().textContent()) === 'aperto', 'the preview renders Markdown');
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.waitForLoadState('load');
  t.ok(page.url().includes('/admin/content/events?done=published'), `back on the events list: ${page.url()}`);
  // The button's hidden words are a flex item of their own: "View : title".
  const link = page.getByRole('link', { name: new RegExp(`^View\\s*: ${eventIt}$`) });
  if (!(await link.count())) t.fail(`no link to the event in the list:\n${await page.locator('main').innerText()}`);
  eventPath = new URL(await link.getAttribute('href'), base).pathname;
  const en = await fetchText(`${eventPath}?lang=en`);
  t.equal(en.status, 200, 'the public page');
  t.ok(en.text.includes(eventEn), 'the English text on the public page');
  const it = await fetchText(`${eventPath}?lang=it`);
  t.ok(it.text.includes(eventIt), 'the Italian text on the public page');
  const outbox = await fetchText('/actors/city/outbox?page=true', 'application/activity+json');
  t.ok(outbox.text.includes(eventEn) && outbox.text.includes(eventIt), 'both texts in the outbox JSON');
});

await t.test('edit the event', async () => {
  await page.goto(url(`/admin${eventPath.replace(/^\/events/, '/content/events')}`));
  await page.locator('#f-texts-en-title').fill(`${eventEn} (moved)`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForLoadState('load');
  t.ok(page.url().includes('done=saved'), `saved: ${page.url()}`);
  const en = await fetchText(`${eventPath}?lang=en`);
  await eventually('the new title on the public page', 5000, async () =>
    (await fetchText(`${eventPath}?lang=en`)).text.includes(`${eventEn} (moved)`),
  );
  t.equal(en.status, 200);
});

const draftTitle = `Draft budget ${stamp}`;
await t.test('a draft is kept and shown nowhere public', async () => {
  await page.goto(url('/admin/content/news/new'));
  await page.locator('#f-texts-en-title').fill(draftTitle);
  await page.locator('#f-texts-en-body').fill('Not yet.');
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.waitForLoadState('load');
  t.ok(page.url().includes('/admin/drafts'), `on the drafts: ${page.url()}`);
  t.ok(await page.getByRole('link', { name: draftTitle }).first().isVisible(), 'listed among the drafts');
  for (const [path, accept] of [
    ['/', 'text/html'],
    ['/news', 'text/html'],
    ['/network', 'text/html'],
    ['/feeds/news.rss', 'application/rss+xml'],
    ['/actors/city/outbox?page=true', 'application/activity+json'],
  ]) {
    const r = await fetchText(path, accept);
    t.ok(!r.text.includes(draftTitle), `the draft shows on ${path}`);
  }
});

const scheduledTitle = `Scheduled notice ${stamp}`;
await t.test('an item scheduled two seconds ahead is published', async () => {
  await page.goto(url('/admin/content/news/new'));
  await page.locator('#f-texts-en-title').fill(scheduledTitle);
  // Two seconds ahead, and a little for the browser to send the form.
  const at = new Date(Date.now() + 2500).toISOString().slice(0, 19);
  await page.locator('#f-publish-at').fill(at);
  await page.locator('#f-schedule-tz').fill('UTC');
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.waitForLoadState('load');
  t.ok(page.url().includes('done=scheduled'), `scheduled: ${page.url()} ${await page.locator('main').textContent()}`);
  t.ok(!(await fetchText('/news')).text.includes(scheduledTitle), 'not public before its time');
  await eventually('the scheduled item on the news page', 15000, async () => (await fetchText('/news')).text.includes(scheduledTitle));
});

await t.test('an image without alt text is refused', async () => {
  await page.goto(url('/admin/content/news/new'));
  await page.locator('#f-texts-en-title').fill(`With an image ${stamp}`);
  await page.locator('#f-hero').setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.waitForLoadState('load');
  const alt = page.locator('#f-hero-alt');
  t.equal(await alt.getAttribute('aria-invalid'), 'true', 'the text alternative is marked invalid');
  t.ok(await page.locator('#f-hero-alt-error').isVisible(), 'the problem is next to it');
  t.ok(!(await fetchText('/news')).text.includes(`With an image ${stamp}`), 'nothing was published');
});

await t.test('network page: a pending follower, approved', async () => {
  await page.goto(url('/admin/network'));
  await noSeriousViolations(page, 'network');
  const request = page.locator('#requests-heading + ul li', { hasText: FOLLOWER });
  t.ok(await request.isVisible(), `the request from ${FOLLOWER} is listed`);
  await request.getByRole('button', { name: /^Approve/ }).click();
  await page.waitForLoadState('load');
  t.ok(page.url().includes('done=decided'), page.url());
  const followers = await page.locator('#followers-heading + ul').textContent();
  t.ok(followers.includes(FOLLOWER), `${FOLLOWER} now follows`);
  const followersDoc = await fetchText('/actors/city/followers', 'application/activity+json');
  t.ok(/"totalItems":\s*1/.test(followersDoc.text), `the followers collection counts one: ${followersDoc.text.slice(0, 200)}`);
});

/** The page at `path` at 390 px (this session's cookies): no sideways scroll, a screenshot. */
async function onPhone(path, name) {
  const phone = await open(390);
  await phone.context.addCookies(await context.cookies());
  await phone.page.goto(url(path));
  const scroll = await sideScroll(phone.page);
  t.ok(scroll.ok, `${path} scrolls sideways at 390 px: ${scroll.culprits.join(', ')}`);
  await screenshot(phone.page, name, 390, outDir);
  await phone.context.close();
}

await t.test('API tokens: made, its secret shown once, revoked', async () => {
  const res = await page.goto(url('/admin/tokens'));
  t.equal(res.status(), 200);
  await noSeriousViolations(page, 'tokens');
  t.ok(await page.getByLabel('Read', { exact: true }).isChecked(), 'read is offered ticked');
  await page.getByRole('button', { name: 'Create a token' }).click();
  await page.waitForLoadState('load');
  const secret = await page.getByLabel('The new token').inputValue();
  t.ok(secret.startsWith('cpub_'), `the secret is shown: ${secret.slice(0, 8)}`);
  await noSeriousViolations(page, 'tokens with a new secret');
  await screenshot(page, 'admin-tokens', 1280, outDir);
  const api = await fetch(url('/api/v1/news'), { headers: { authorization: `Bearer ${secret}` } });
  t.equal(api.status, 200, 'the API takes the token');
  await page.goto(url('/admin/tokens'));
  t.ok(!(await page.content()).includes(secret), 'the list never shows the secret');
  await onPhone('/admin/tokens', 'admin-tokens');
  await page.getByRole('button', { name: /^Revoke/ }).first().click();
  await page.waitForLoadState('load');
  t.ok(page.url().includes('done=revoked'), page.url());
  const refused = await fetch(url('/api/v1/news'), { headers: { authorization: `Bearer ${secret}` } });
  t.equal(refused.status, 401, 'the API refuses the revoked token');
});

await t.test('profile: name and avatar changed, the actor document says so', async () => {
  const res = await page.goto(url('/admin/profile'));
  t.equal(res.status(), 200);
  await noSeriousViolations(page, 'profiles');
  await page.goto(url('/admin/profile/city'));
  await noSeriousViolations(page, 'profile form');
  await page.getByLabel('Display name').fill(`City ${stamp}`);
  await page.getByLabel('Website').fill('not a web address');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await page.waitForLoadState('load');
  const website = page.locator('#f-profile-website');
  t.equal(await website.getAttribute('aria-invalid'), 'true', 'the website is marked invalid');
  t.ok(await page.locator('#f-profile-website-error').isVisible(), 'its error is next to it');
  await noSeriousViolations(page, 'profile with an error');
  await screenshot(page, 'admin-profile-error', 1280, outDir);
  await website.fill('https://www.city.example/');
  await page.locator('#f-profile-icon').setInputFiles({ name: 'arms.png', mimeType: 'image/png', buffer: PNG });
  await page.getByLabel('Text alternative of the avatar').fill('The coat of arms');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await page.waitForLoadState('load');
  t.ok(page.url().includes('done=profile'), `saved: ${page.url()} ${await page.locator('main').innerText()}`);
  await screenshot(page, 'admin-profile', 1280, outDir);
  await onPhone('/admin/profile/city', 'admin-profile');
  await eventually('the new name in the actor document', 5000, async () =>
    (await fetchText('/actors/city', 'application/activity+json')).text.includes(`City ${stamp}`),
  );
});

await t.test('media library: the avatar listed with its use, accessible', async () => {
  const res = await page.goto(url('/admin/media'));
  t.equal(res.status(), 200);
  await noSeriousViolations(page, 'media');
  t.ok((await page.locator('main').innerText()).includes('The coat of arms'), 'the text alternative is listed');
  await screenshot(page, 'admin-media', 1280, outDir);
  await onPhone('/admin/media', 'admin-media');
});

await t.test('moderation queue: no serious accessibility problem', async () => {
  const res = await page.goto(url('/admin/moderation'));
  t.equal(res.status(), 200);
  await noSeriousViolations(page, 'moderation');
  t.ok(await page.getByRole('heading', { name: 'Blocks' }).isVisible(), 'the blocks are shown');
  await screenshot(page, 'admin-moderation', 1280, outDir);
  await onPhone('/admin/moderation', 'admin-moderation');
});

await t.test('delete an item: its page answers 410', async () => {
  await page.goto(url('/admin/content/events'));
  await page.getByRole('button', { name: new RegExp(`^Delete\\s*: ${eventIt}$`) }).click();
  await page.waitForLoadState('load');
  t.ok(page.url().includes('done=deleted'), page.url());
  t.equal((await fetchText(eventPath)).status, 410, 'the public page');
});

await t.test('log out', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForLoadState('load');
  const res = await page.goto(url('/admin'));
  t.ok(page.url().endsWith('/admin/login'), `sent to the login page: ${page.url()} (${res.status()})`);
});

await context.close();
await browser.close();
process.exit(t.done());
