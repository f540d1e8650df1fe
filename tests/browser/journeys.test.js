// journeys.test.js: what trainees and facilitators do, in Debian's Chromium, on a 360x740 phone and
// on a desktop, with JavaScript on and off, each of the four in another language (the browser's
// language cookie, as the switch sets it): Arabic on the phone without JavaScript, Spanish on the phone
// with it, French on the desktop with it, English on the desktop without. Steps find what to click by
// its place on the page, or by its words in the page's language (lib.js: msg). Every page is checked
// (lib.js: checkPage: axe, no sideways scroll, weight) and photographed; the suite fails on any problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SHOTS, credentials, sql, launch, visitor, checkPage, shownRight, firstModule, msg } from './lib.js';

const CONFIGS = [
	['phone', true, 'es'], ['phone', false, 'ar'], ['desktop', true, 'fr'], ['desktop', false, 'en'],
];

// A visitor whose device has chosen `lang` (the cookie the language switch sets).
async function speaker(browser, viewport, js, lang) {
	const v = await visitor(browser, viewport, js);
	await v.context.addCookies([{ name: 'lang', value: lang, url: BASE }]);
	return v;
}

for (const [viewport, js, lang] of CONFIGS) {
	test(`trainee from join to certificate and back with the resume code (${viewport}, JavaScript ${js ? 'on' : 'off'}, ${lang})`,
		{ timeout: 240000 }, async (t) => {
			const browser = await launch();
			const { context, page } = await speaker(browser, viewport, js, lang);
			const problems = [];
			const check = async (name) => problems.push(...(await checkPage(browser, page, viewport, `${name}-${lang}`, t)));
			const { slug, lessons, right } = firstModule(lang);
			const creds = credentials();
			const name = `Browser ${viewport}${js ? '' : ' nojs'}`;

			await page.goto(`${BASE}/`);
			assert.equal(await page.getAttribute('html', 'lang'), lang);
			assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
			await check('home');
			await page.click('main a[href="/join"]');
			await check('join');
			await page.fill('#f-code', creds.JOIN_CODE.toLowerCase());
			await page.fill('#f-name', name);
			await page.click('main button[type=submit]');
			await check('welcome');
			const resume = (await page.textContent('.code-big')).trim();
			assert.match(resume, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			await page.click('main a.btn[href="/modules"]');
			assert.equal(new URL(page.url()).pathname, '/modules');
			await check('modules');
			await page.click(`a[href="/modules/${slug}"]`);
			await check('module');

			// Every lesson, by the "next" links.
			await page.goto(`${BASE}/modules/${slug}/lessons/1`);
			await check('lesson');
			for (let i = 2; i <= lessons; i++) await page.click('a[rel=next]');
			await page.click('a[rel=next]'); // to the quiz
			assert.match(page.url(), /\/quiz/);
			await check('quiz');
			// A first attempt with only the first option of each question, then the right answers.
			for (const box of await page.$$('fieldset.question')) {
				const first = await box.$('input');
				await first.check();
			}
			await page.click('form.quiz button[type=submit]');
			await check('review');
			await page.goto(`${BASE}/modules/${slug}/quiz?attempt=2`);
			for (const [q, opts] of Object.entries(await shownRight(page, right)))
				for (const o of opts) await page.check(`input[name=q${q}][value="${o}"]`);
			await page.click('form.quiz button[type=submit]');
			assert.ok((await page.textContent('main .notice.ok')).includes(msg(lang, '✓ You passed.')));
			assert.ok((await page.textContent('main')).includes(msg(lang, '(your answer)')));

			// The case, always the first choice, to an ending.
			await page.goto(`${BASE}/modules/${slug}/scenario`);
			await check('case-start');
			await page.click('main button[type=submit]');
			let shotStep = true;
			for (let i = 0; i < 40 && !(await page.$('.ending')); i++) {
				if (shotStep) await check('case-step');
				await page.check('main input[name=choice] >> nth=0');
				await page.click('main button[type=submit]');
				if (shotStep) await check('case-feedback');
				shotStep = false;
				await page.click('main a.btn');
			}
			assert.ok(await page.$('.ending'), 'the case ends');
			await check('case-ending');

			// The certificate, verified by a stranger.
			await page.goto(`${BASE}/modules/${slug}`);
			await page.click('main form[action$="/certificate"] button');
			await check('certificate');
			assert.ok((await page.textContent('.cert-name')).includes(name));
			const code = (await page.textContent('.cert-code strong')).trim();
			const stranger = await speaker(browser, viewport, js, lang);
			await stranger.page.goto(`${BASE}/verify`);
			await stranger.page.fill('#f-code', code);
			await stranger.page.click('main button[type=submit]');
			assert.ok((await stranger.page.textContent('main')).includes(msg(lang, 'This certificate is genuine.')));
			await stranger.context.close();

			// Sign out; back in with the resume code.
			await page.click('header form[action="/signout"] button');
			await check('signout-asks'); // only a resume code: asked whether it is written down
			await page.click('main form[action="/signout"] button');
			await page.goto(`${BASE}/resume`);
			await check('resume');
			await page.fill('#f-code', resume);
			await page.click('main button[type=submit]');
			assert.equal(new URL(page.url()).pathname, '/modules');
			await context.close();
			await browser.close();
			assert.deepEqual(problems, [], `screenshots in ${SHOTS}`);
		});

	// The facilitator's journey in two of the four: Arabic on the phone without JavaScript, French on
	// the desktop with it (the walk in languages.test.js reads every facilitator page in every language).
	if (!((viewport === 'phone' && !js) || (viewport === 'desktop' && js))) continue;
	test(`facilitator signs in, reads a module's notes and runs cohorts (${viewport}, JavaScript ${js ? 'on' : 'off'}, ${lang})`,
		{ timeout: 120000 }, async (t) => {
			const browser = await launch();
			const { context, page } = await speaker(browser, viewport, js, lang);
			const problems = [];
			const check = async (name) => problems.push(...(await checkPage(browser, page, viewport, `${name}-${lang}`, t)));
			const creds = credentials();
			const { slug } = firstModule();
			await page.goto(`${BASE}/signin`);
			await check('signin');
			await page.fill('#f-username', 'nobody');
			await page.fill('#f-password', 'not the password');
			await page.click('main button[type=submit]');
			assert.ok((await page.title()).startsWith(msg(lang, 'Error: %s').replace('%s', '')), 'errors are announced in the title');
			await check('signin-error');
			await page.fill('#f-username', creds.FACILITATOR_USER);
			await page.fill('#f-password', creds.FACILITATOR_PASSWORD);
			await page.click('main button[type=submit]');
			assert.equal(new URL(page.url()).pathname, '/me');
			await check('account');
			await page.goto(`${BASE}/modules/${slug}/notes`);
			await check('notes');

			// The workspace: start a cohort, its settings and join sheet; then the demo cohort, where the
			// trainee journeys have left their records: overview, module report, roster, one trainee.
			await page.click('header a[href="/cohorts"]');
			await check('cohorts');
			await page.fill('#f-name', `Browser cohort ${viewport}${js ? '' : ' nojs'}`);
			await page.click('main form[action="/cohorts"] button[type=submit]');
			assert.match(new URL(page.url()).pathname, /^\/cohorts\/\d+\/settings$/);
			await check('cohort-settings');
			await page.click('nav.tabs a[href$="/sheet"]');
			assert.ok(await page.$('.qr svg'), 'the join sheet has a QR code');
			await check('join-sheet');
			const [[demo]] = sql(`SELECT id FROM cohorts WHERE name = 'Demo cohort'`);
			await page.goto(`${BASE}/cohorts/${demo}`);
			assert.ok(await page.$('table.matrix'), 'the progress matrix is shown');
			await check('cohort-overview');
			await page.click(`main a[href="/cohorts/${demo}/modules/${slug}"]`);
			assert.ok(await page.$('main ol.items'), 'the item analysis is shown');
			await check('cohort-module');
			await page.goto(`${BASE}/cohorts/${demo}/roster`);
			await check('cohort-roster');
			await page.click('main table a[href*="/trainees/"] >> nth=0');
			await check('cohort-trainee');
			await context.close();
			await browser.close();
			assert.deepEqual(problems, [], `screenshots in ${SHOTS}`);
		});
}

test('the keyboard alone: join, with a visible focus indicator', { timeout: 120000 }, async () => {
	const browser = await launch();
	const { context, page } = await visitor(browser, 'phone', true);
	const creds = credentials();
	await page.goto(`${BASE}/join`);
	// The first Tab reaches the skip link, which is visible when focused.
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
	let guard = 0;
	while (!(await page.evaluate(() => document.activeElement.id === 'f-code')) && guard++ < 20)
		await page.keyboard.press('Tab');
	const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
	assert.notEqual(outline, 'none', 'the focused field shows a focus indicator');
	await page.keyboard.type(creds.JOIN_CODE);
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'f-name');
	await page.keyboard.type('Keyboard Only');
	await page.keyboard.press('Enter');
	await page.waitForSelector('.code-big');
	await context.close();
	await browser.close();
});

// Presses Tab (up to 80 times) until the focused element matches `selector`; checks that it shows a
// focus indicator.
async function tabTo(page, selector) {
	for (let i = 0; i < 80; i++) {
		if (await page.evaluate((sel) => document.activeElement && document.activeElement.matches(sel), selector)) {
			const style = await page.evaluate(() => {
				const cs = getComputedStyle(document.activeElement);
				return { outline: cs.outlineStyle, shadow: cs.boxShadow };
			});
			assert.ok(style.outline !== 'none' || style.shadow !== 'none', `no focus indicator on ${selector}`);
			return;
		}
		await page.keyboard.press('Tab');
	}
	assert.fail(`the keyboard never reaches ${selector} on ${page.url()}`);
}

test('the keyboard alone: a trainee from join to certificate', { timeout: 240000 }, async () => {
	const browser = await launch();
	const { context, page } = await visitor(browser, 'desktop', true);
	const creds = credentials();
	const { slug, lessons, right: rightTexts } = firstModule();
	const enter = async (selector) => {
		await tabTo(page, selector);
		const moved = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
		await page.keyboard.press('Enter');
		await moved;
		await page.waitForLoadState('load');
	};
	await page.goto(`${BASE}/join`);
	await tabTo(page, '#f-code');
	await page.keyboard.type(creds.JOIN_CODE);
	await tabTo(page, '#f-name');
	await page.keyboard.type('Keys Only');
	const joined = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
	await page.keyboard.press('Enter');
	await joined;
	await page.waitForSelector('.code-big');
	await enter('main a.btn');
	await enter(`main a[href="/modules/${slug}"]`);
	await enter(`main a[href="/modules/${slug}/lessons/1"]`);
	for (let i = 1; i <= lessons; i++) await enter('main a[rel=next]');
	assert.match(page.url(), /\/quiz/);
	const right = await shownRight(page, rightTexts);
	// Each question: Tab into the group, then Space on the options that are right (arrows move in a
	// radio group; checkboxes are each a stop).
	for (const [q, opts] of Object.entries(right)) {
		const kind = await page.getAttribute(`input[name=q${q}]`, 'type');
		if (kind === 'radio') {
			await tabTo(page, `input[name=q${q}]`);
			const at = await page.evaluate(() => Number(document.activeElement.value));
			for (let k = at; k < opts[0]; k++) await page.keyboard.press('ArrowDown');
			await page.keyboard.press('Space');
		} else {
			for (const o of opts) {
				await tabTo(page, `input[name=q${q}][value="${o}"]`);
				await page.keyboard.press('Space');
			}
		}
	}
	await enter('form.quiz button[type=submit]');
	assert.ok((await page.textContent('main')).includes('You passed'));
	await enter(`main a[href="/modules/${slug}/scenario"]`);
	await enter('main button[type=submit]');
	for (let i = 0; i < 40 && !(await page.$('.ending')); i++) {
		await tabTo(page, 'main input[name=choice]');
		await page.keyboard.press('Space');
		await enter('main button[type=submit]');
		await enter('main a.btn');
	}
	assert.ok(await page.$('.ending'));
	await page.goto(`${BASE}/modules/${slug}`);
	await enter('main button[type=submit]');
	assert.ok((await page.textContent('.cert-name')).includes('Keys Only'));
	await context.close();
	await browser.close();
});
