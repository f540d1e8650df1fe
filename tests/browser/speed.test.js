// speed.test.js: each page from a cold connection (new TLS handshake, empty cache) on throttled
// networks: Largest Contentful Paint under 1 s at 150 ms and 1.6 Mbit/s, under 2.5 s at 400 ms and
// 400 kbit/s, no layout shift. Writes each page's weight, requests and LCP to build/bench/browser.md
// (outside version control), which `make bench` puts into tests/bench/RESULTS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, credentials, sql, launch, visitor } from './lib.js';

const PROFILES = [
	{ name: '150 ms, 1.6 Mbit/s', latency: 150, bits: 1.6e6, lcpMax: 1000 },
	{ name: '400 ms, 400 kbit/s', latency: 400, bits: 400e3, lcpMax: 2500 },
];

async function measure(browser, cookies, url, profile) {
	const { context, page } = await visitor(browser, 'phone', true);
	if (cookies.length) await context.addCookies(cookies);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false, latency: profile.latency,
		downloadThroughput: profile.bits / 8, uploadThroughput: profile.bits / 8,
	});
	await page.goto(url, { waitUntil: 'load' });
	const result = await page.evaluate(() => new Promise((resolve) => {
		let lcp = 0, cls = 0;
		new PerformanceObserver((l) => { for (const e of l.getEntries()) lcp = Math.max(lcp, e.startTime); })
			.observe({ type: 'largest-contentful-paint', buffered: true });
		new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) cls += e.value; })
			.observe({ type: 'layout-shift', buffered: true });
		setTimeout(() => resolve({ lcp, cls }), 300);
	}));
	await Promise.all(page.pending.splice(0));
	const bytes = page.loads.reduce((s, l) => s + l.bytes, 0);
	const requests = page.loads.length;
	await context.close();
	return { ...result, bytes, requests };
}

test('pages paint fast on slow networks, from a cold connection', { timeout: 300000 }, async () => {
	const browser = await launch();
	// A trainee's session, for the signed-in pages.
	const creds = credentials();
	const { context, page } = await visitor(browser, 'phone', false);
	await page.goto(`${BASE}/join`);
	await page.fill('#f-code', creds.JOIN_CODE);
	await page.fill('#f-name', 'Speed Test');
	await page.click('main button[type=submit]');
	const cookies = (await context.cookies()).filter((c) => c.name === '__Host-passage');
	await context.close();
	const [[slug]] = sql('SELECT slug FROM modules ORDER BY position LIMIT 1');
	const pages = [
		['home', '/', []], ['join', '/join', []], ['my modules', '/modules', cookies],
		['a lesson', `/modules/${slug}/lessons/1`, cookies], ['the quiz', `/modules/${slug}/quiz`, cookies],
		['the case', `/modules/${slug}/scenario`, cookies],
	];
	const rows = [];
	const failures = [];
	for (const [name, p, c] of pages) {
		const row = [name, `\`${p.replace(slug, 'SLUG')}\``];
		let weight = 0, requests = 0;
		for (const profile of PROFILES) {
			const m = await measure(browser, c, `${BASE}${p}`, profile);
			weight = m.bytes;
			requests = m.requests;
			row.push(`${Math.round(m.lcp)}`);
			if (m.lcp > profile.lcpMax) failures.push(`${name}: LCP ${Math.round(m.lcp)} ms at ${profile.name}`);
			if (m.cls > 0) failures.push(`${name}: layout shift ${m.cls}`);
		}
		row.splice(2, 0, `${(weight / 1024).toFixed(1)}`, `${requests}`);
		rows.push(row);
	}
	await browser.close();
	const here = path.dirname(fileURLToPath(import.meta.url));
	const out = [
		'## Pages in the browser',
		'',
		`Measured by the browser suite (tests/browser/speed.test.js) on ${new Date().toISOString().slice(0, 10)}: Debian's`,
		'Chromium on a 360x740 phone viewport, each page from a cold connection (TLS handshake included, cache',
		'off), weight as transferred (compressed), with its stylesheet.',
		'',
		'| page | path | KB transferred | requests | LCP ms at 150 ms, 1.6 Mbit/s | LCP ms at 400 ms, 400 kbit/s |',
		'| --- | --- | ---: | ---: | ---: | ---: |',
		...rows.map((r) => `| ${r.join(' | ')} |`),
		'',
		'Targets: at most 30 KB and 5 requests a page; LCP under 1,000 ms and 2,500 ms; no layout shift.',
		'',
	].join('\n');
	const dir = path.join(here, '..', '..', 'build', 'bench');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'browser.md'), out);
	assert.deepEqual(failures, []);
});
