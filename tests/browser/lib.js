// lib.js: what the browser journeys share: launching Debian's Chromium, checking every page a journey
// visits (accessibility with axe-core, no sideways scrolling, weight, requests, third parties), and
// screenshots a person can look at.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const BASE = process.env.PASSAGE_TEST_URL;
export const VAR = process.env.PASSAGE_TEST_VAR;
export const SHOTS = process.env.PASSAGE_SCREENSHOTS || path.join(VAR || '/tmp', 'screenshots');
export const WEIGHT_MAX = 30 * 1024;
export const REQUESTS_MAX = 5;

export const VIEWPORTS = {
	phone: { width: 360, height: 740 },
	desktop: { width: 1280, height: 900 },
};

export function credentials() {
	const text = fs.readFileSync(path.join(VAR, 'dev', 'credentials'), 'utf8');
	return Object.fromEntries(text.trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
}

// One query against the test database, through psql: returns rows of tab-separated fields.
export function sql(query, ...params) {
	const args = ['-X', '-A', '-t', '-F', '\t', '-q', `${process.env.PASSAGE_TEST_DB} dbname=passage`, '-c', query];
	params.forEach((p, i) => args.push('-v', `p${i + 1}=${p}`));
	const out = execFileSync('psql', args, { encoding: 'utf8' });
	return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

export async function launch() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
}

// A browser context like a visitor's: a viewport, JavaScript on or off, and a log of every response.
export async function visitor(browser, viewport, javaScript) {
	const context = await browser.newContext({
		viewport: VIEWPORTS[viewport],
		javaScriptEnabled: javaScript,
		ignoreHTTPSErrors: true, // the stack's certificate is self-signed; the connection is still TLS
		userAgent: `passage-browser-test (${viewport}${javaScript ? '' : ', no JS'})`,
	});
	const page = await context.newPage();
	page.loads = [];
	// What one page costs: a new top-level navigation (a link, a form, a redirect) starts the count again.
	page.on('request', (req) => {
		if (req.isNavigationRequest() && req.frame() === page.mainFrame()) page.loads = [];
	});
	// sizes() resolves later: checkPage awaits what is pending, so no request of the page is missed.
	page.pending = [];
	page.on('requestfinished', (req) => {
		const loads = page.loads;
		page.pending.push(req.sizes().catch(() => null).then((sizes) => {
			loads.push({ url: req.url(), bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0 });
		}));
	});
	page.label = `${viewport}${javaScript ? '' : '-nojs'}`;
	return { context, page };
}

// axe-core judges a page by its markup and styles: two pages with the same markup at the same viewport get
// the same verdict, whatever their text says (a name, a code, the order of a quiz's options). The key is
// the page's shape: its tags in order, each with the names of its attributes and the values of those that
// change what axe sees (class, lang, dir, role, type, style, aria-*), and which text nodes are empty; and
// the viewport. A page met again in a test file (the same step with JavaScript on and off, a second
// attempt) is checked once: the journeys spend most of their time in axe.
const axeSeen = new Map();
const AXE_VALUES = /^(class|lang|dir|role|type|style|hidden|disabled|tabindex)$|^aria-/;
export function axeKey(html, viewport) {
	const shape = [viewport];
	for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|([^<]+)/g)) {
		if (m[4] !== undefined) {
			if (m[4].trim()) shape.push('#');
			continue;
		}
		let tag = m[1] + m[2].toLowerCase();
		for (const a of (m[3] || '').matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
			const name = a[1].toLowerCase();
			tag += AXE_VALUES.test(name) ? ` ${name}=${a[2] ?? a[3] ?? a[4] ?? ''}` : ` ${name}`;
		}
		shape.push(tag);
	}
	return createHash('sha256').update(shape.join('\n')).digest('hex');
}

// Runs axe-core in a fresh JavaScript-enabled page holding the same HTML (the visitor may have
// JavaScript off): no violations of WCAG 2.1 A and AA; and, at the desktop viewport, no sideways
// scrolling at 200% zoom. A page of a shape already checked gets that verdict.
async function axe(browser, page, viewport) {
	const html = await page.content();
	const key = axeKey(html, viewport);
	if (!axeSeen.has(key)) axeSeen.set(key, axeRun(browser, page, viewport, html));
	return axeSeen.get(key);
}

async function axeRun(browser, page, viewport, html) {
	// bypassCSP lets axe-core in: the pages themselves allow no inline script.
	const context = await browser.newContext({ viewport: VIEWPORTS[viewport], ignoreHTTPSErrors: true, bypassCSP: true });
	const copy = await context.newPage();
	// The copy is not signed in: live.js would fetch a different page into it while axe looks.
	await copy.route('**/*', (route) => (/\/static\/live\.[0-9a-f]+\.js$/.test(route.request().url()) ? route.abort() : route.continue()));
	await copy.goto(page.url(), { waitUntil: 'commit' }).catch(() => {});
	await copy.setContent(html, { waitUntil: 'load' });
	await copy.addScriptTag({ content: AXE_SOURCE });
	const result = await copy.evaluate(async () =>
		// eslint-disable-next-line no-undef
		axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
	const problems = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
	// Nothing scrolls sideways at 200% zoom (the same page at half the width; at the page's own width,
	// checkPage looks at every page).
	await copy.setViewportSize({ width: Math.round(VIEWPORTS[viewport].width / 2), height: VIEWPORTS[viewport].height });
	if (viewport === 'desktop' && await copy.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1))
		problems.push('the page scrolls sideways at 200% zoom');
	await context.close();
	return problems;
}

// Every check a page must pass. `name` names the screenshot.
export async function checkPage(browser, page, viewport, name, t) {
	const problems = [];
	const url = page.url();
	const origin = new URL(BASE).origin;
	await Promise.all(page.pending.splice(0));
	const loads = page.loads.splice(0);
	const thirdParty = loads.filter((l) => !l.url.startsWith(origin) && !l.url.startsWith('data:'));
	if (thirdParty.length) problems.push(`third-party requests: ${thirdParty.map((l) => l.url).join(', ')}`);
	const weight = loads.reduce((s, l) => s + l.bytes, 0);
	if (weight > WEIGHT_MAX) problems.push(`weighs ${weight} bytes (over ${WEIGHT_MAX})`);
	if (loads.length > REQUESTS_MAX) problems.push(`${loads.length} requests (over ${REQUESTS_MAX})`);
	const fonts = loads.filter((l) => /\.(woff2?|ttf|otf)(\?|$)/.test(l.url));
	if (fonts.length) problems.push('web fonts loaded');
	// Nothing scrolls sideways at the visitor's width: looked at on the page itself, every time (a long
	// name can make a page of a known shape wider).
	if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1))
		problems.push('the page scrolls sideways');
	problems.push(...(await axe(browser, page, viewport)));
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${page.label}-${name}.png`), fullPage: true });
	if (problems.length) t.diagnostic(`${name} (${url}): ${problems.join('; ')}`);
	return problems;
}

// The first module: its slug, its lesson count, and its quiz's right options by text, as {question
// position: [texts]} (options are shown in an order shuffled per attempt, so forms are answered by text).
export function firstModule(lang = 'en') {
	const [[slug, lessons]] = sql(`SELECT m.slug, r.lesson_count FROM modules m JOIN module_revisions r
		ON r.id = m.current_revision ORDER BY m.position LIMIT 1`);
	// The right options' texts as a page in `lang` shows them: the module's translation, True and False
	// from the interface's catalog.
	const right = {};
	for (const [q, kind, text] of sql(`SELECT q.position, q.kind, coalesce(ot.text, o.text) FROM modules m
		JOIN questions q ON q.revision_id = m.current_revision AND q.set = 'quiz' JOIN options o ON o.question_id = q.id
		AND o.correct LEFT JOIN option_translations ot ON ot.option_id = o.id AND ot.lang = '${lang}'
		WHERE m.slug = '${slug}'`)) (right[q] ||= []).push(kind === 'truefalse' ? msg(lang, text, 'answer') : text);
	return { slug, lessons: Number(lessons), right };
}

// Options are shown in an order shuffled per attempt: the values (shown positions) that the quiz form on
// the page gives the options with these texts, as {question: [values]} from {question: [texts]}.
export async function shownRight(page, texts) {
	const out = {};
	for (const [q, want] of Object.entries(texts)) {
		const shown = await page.$$eval(`input[name=q${q}]`,
			(els) => els.map((e) => [Number(e.value), e.parentElement.textContent.trim()]));
		out[q] = want.map((text) => {
			const hit = shown.find(([, label]) => label === text);
			if (!hit) throw new Error(`question ${q}: no option "${text}" on the form`);
			return hit[0];
		}).sort((a, b) => a - b);
	}
	return out;
}

// The interface's words in a language, from its catalog (po/CODE.po), for journeys that find a button
// by its text: msg('fr', 'Send my answer') is what a French page shows; English is the message itself.
// A plural message gives its first form; `ctx` picks a message with a context (msgctxt).
const catalogs = {};
export function msg(code, id, ctx = null) {
	if (code === 'en') return id;
	if (!catalogs[code]) {
		const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'po', `${code}.po`);
		const unq = (s) => JSON.parse(s);
		const map = new Map();
		let e = {}, key = null;
		const flush = () => { if (e.id !== undefined && e.str) map.set(`${e.ctx ?? ''}\u0004${e.id}`, e.str); e = {}; key = null; };
		for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
			let m;
			if (!line.trim() || line.startsWith('#')) { if (key === 'str') flush(); continue; }
			if ((m = line.match(/^msgctxt (".*")$/))) { if (key === 'str') flush(); e.ctx = unq(m[1]); key = 'ctx'; }
			else if ((m = line.match(/^msgid (".*")$/))) { if (key === 'str') flush(); e.id = unq(m[1]); key = 'id'; }
			else if ((m = line.match(/^msgid_plural (".*")$/))) key = 'plural';
			else if ((m = line.match(/^msgstr(?:\[0\])? (".*")$/))) { e.str = unq(m[1]); key = 'str'; }
			else if ((m = line.match(/^msgstr\[\d+\] /))) key = 'other';
			else if ((m = line.match(/^(".*")$/))) {
				if (key === 'ctx') e.ctx += unq(m[1]);
				else if (key === 'id') e.id += unq(m[1]);
				else if (key === 'str') e.str += unq(m[1]);
			}
		}
		flush();
		catalogs[code] = map;
	}
	const got = catalogs[code].get(`${ctx ?? ''}\u0004${id}`);
	if (!got) throw new Error(`no ${code} translation of "${id}"${ctx ? ` (${ctx})` : ''} in po/${code}.po`);
	return got;
}
