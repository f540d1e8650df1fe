// reading.test.js: a trainee reads a lesson on a phone with JavaScript off and on a desktop with it on:
// the reading time, a glossary word that opens its definition in place (the <details> opens for a link
// into it, and by its own summary), a source mark that leads to the Sources list and back, and the page
// on what the source is. Every lesson of every module stays under the weight budget with its marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, credentials, sql, launch, visitor, checkPage, firstModule, WEIGHT_MAX } from './lib.js';

for (const [viewport, js] of [['phone', false], ['desktop', true]]) {
	test(`a trainee reads a lesson with its words and sources in place (${viewport}, JavaScript ${js ? 'on' : 'off'})`,
		{ timeout: 120000 }, async (t) => {
			const browser = await launch();
			t.after(() => browser.close());   // also when an assertion fails: an open browser hangs the runner
			const { page } = await visitor(browser, viewport, js);
			const problems = [];
			const check = async (name) => problems.push(...(await checkPage(browser, page, viewport, name, t)));
			const { slug } = firstModule();

			await page.goto(`${BASE}/join`);
			await page.fill('#f-code', credentials().JOIN_CODE);
			await page.fill('#f-name', `Reader ${viewport}`);
			await page.click('main button[type=submit]');
			await page.goto(`${BASE}/modules/${slug}`);
			assert.match(await page.textContent('ol.steps'), /\(\d+ min\)/, 'each lesson says how long it takes');
			await page.click('main a[href="/about-the-source"]');
			assert.equal(await page.textContent('h1'), 'Where these lessons come from');
			await check('about-the-source');
			await page.goBack();

			// A lesson with a glossary word: the first one found.
			const [[n]] = sql(`SELECT l.position FROM lessons l JOIN modules m ON m.current_revision = l.revision_id
				WHERE m.slug = '${slug}' AND l.html LIKE '%<details class="term">%' ORDER BY l.position LIMIT 1`);
			await page.click(`ol.steps a[href="/modules/${slug}/lessons/${n}"]`);
			assert.match(await page.textContent('p.minutes'), /^About \d+ min to read$/);
			await check('lesson');

			const word = page.locator('article a[href^="#g-"]').first();
			const target = (await word.getAttribute('href')).slice(1);
			const box = page.locator(`details.term:has(#${target})`);
			assert.equal(await box.evaluate((d) => d.open), false, 'the definition starts closed');
			await word.click();
			assert.equal(new URL(page.url()).hash, `#${target}`);
			assert.equal(await box.evaluate((d) => d.open), true, 'the word opens its definition, in the lesson');
			assert.ok(await page.locator(`#${target}`).isVisible());
			await box.locator('summary').click();
			assert.equal(await box.evaluate((d) => d.open), false, 'its summary closes it again');
			await box.locator('summary').click();
			assert.equal(await box.evaluate((d) => d.open), true, 'and opens it');

			// The first source mark, to the Sources list and back to the sentence.
			const mark = page.locator('sup.src a').first();
			assert.equal(await mark.textContent(), '1');
			await mark.click();
			assert.equal(new URL(page.url()).hash, '#src-1');
			const item = page.locator('#src-1');
			assert.ok(await item.isVisible());
			assert.match(await item.textContent(), /^¶\d+[^:]*: “.+”/, 'the paragraph and the sentence it supports');
			await item.locator('a[href="#ref-1"]').click();
			assert.equal(new URL(page.url()).hash, '#ref-1');
			await page.click('section.sources a[href="/about-the-source"]');
			assert.equal(new URL(page.url()).pathname, '/about-the-source');

			assert.deepEqual(problems, []);
		});
}

test('every lesson of every module, with its source marks and definitions, weighs under the budget', { timeout: 180000 }, async (t) => {
	const browser = await launch();
	t.after(() => browser.close());
	const { page } = await visitor(browser, 'phone', false);
	// As checkPage weighs a page: bytes on the wire (compressed), the stylesheet counted on every page
	// (weighed on the first page, which fetches it).
	await page.goto(`${BASE}/join`);
	await Promise.all(page.pending.splice(0));
	const sheet = page.loads.find((l) => l.url.endsWith('.css'));
	assert.ok(sheet, 'the stylesheet is fetched');
	let cssBytes = sheet.bytes;
	await page.fill('#f-code', credentials().JOIN_CODE);
	await page.fill('#f-name', 'Weigher');
	await page.click('main button[type=submit]');
	const heavy = [];
	for (const [slug, count] of sql(`SELECT m.slug, r.lesson_count FROM modules m JOIN module_revisions r
		ON r.id = m.current_revision ORDER BY m.position`)) {
		for (let n = 1; n <= Number(count); n++) {
			const url = `${BASE}/modules/${slug}/lessons/${n}`;
			const res = await page.goto(url);
			assert.equal(res.status(), 200);
			await Promise.all(page.pending.splice(0));
			const loads = page.loads.splice(0);
			const css = loads.find((l) => l.url.endsWith('.css'));
			if (css) cssBytes = Math.max(cssBytes, css.bytes);
			const doc = loads.find((l) => l.url === url);
			assert.ok(doc, `${slug} lesson ${n}: weighed`);
			const text = await page.evaluate(() => {
				const a = document.querySelector('article').cloneNode(true);
				a.querySelectorAll('details.term').forEach((d) => d.remove());   // definitions keep theirs
				return a.textContent;
			});
			assert.doesNotMatch(text, /\(¶\d/, `${slug} lesson ${n}: a citation left in brackets`);
			if (doc.bytes + cssBytes > WEIGHT_MAX) heavy.push(`${slug}/${n}: ${doc.bytes + cssBytes} bytes`);
		}
	}
	assert.deepEqual(heavy, []);
});

// The switch at the foot of the page, without JavaScript, on a phone: the lesson comes back in the
// language chosen, Arabic right to left, with nothing scrolling sideways, and passes axe.
for (const code of ['fr', 'es', 'ar']) {
	test(`a trainee switches the lessons to ${code} on a phone without JavaScript`, { timeout: 120000 }, async (t) => {
		const browser = await launch();
		t.after(() => browser.close());
		const { page } = await visitor(browser, 'phone', false);
		const { slug } = firstModule();
		await page.goto(`${BASE}/join`);
		await page.fill('#f-code', credentials().JOIN_CODE);
		await page.fill('#f-name', `Reader ${code}`);
		await page.click('main button[type=submit]');
		await page.goto(`${BASE}/modules/${slug}/lessons/1`);
		await page.selectOption('#f-lang', code);
		await page.click('form.lang-switch button[type=submit]');
		assert.equal(new URL(page.url()).pathname, `/modules/${slug}/lessons/1`, 'back on the same lesson');
		const article = page.locator('article.lesson');
		assert.equal(await article.getAttribute('lang'), code);
		assert.equal(await article.getAttribute('dir'), code === 'ar' ? 'rtl' : 'ltr');
		assert.equal(await page.locator('#f-lang').inputValue(), code, 'the switch shows the choice');
		const problems = await checkPage(browser, page, 'phone', `lesson-${code}`, t);
		assert.deepEqual(problems, []);
	});
}

// Listen: the lesson read aloud with the device's own voices. The browser here has no speech voices, so a
// stand-in speechSynthesis with one French voice is put in the page before it loads: the control shows,
// reads the lesson block by block in the lesson's language without its source marks, and stops. With no
// voice for the language, and without JavaScript, it stays hidden.
test('Listen reads the lesson with a voice of its language, and is absent without one', { timeout: 120000 }, async (t) => {
	const browser = await launch();
	t.after(() => browser.close());
	const fakeVoices = (langs) => {
		window.__said = [];
		const synth = {
			speaking: false,
			getVoices: () => langs.map((lang) => ({ lang, name: `Test ${lang}`, default: true })),
			addEventListener() {},
			onvoiceschanged: null,
			cancel() { this.queue = []; },
			speak(u) { window.__said.push({ text: u.text, lang: u.lang, rate: u.rate }); if (window.__said.length < 3) setTimeout(() => u.onend && u.onend(), 0); },
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		window.SpeechSynthesisUtterance = function (text) { this.text = text; };
	};
	const { slug } = firstModule();
	const join = async (page, name) => {
		await page.goto(`${BASE}/join`);
		await page.fill('#f-code', credentials().JOIN_CODE);
		await page.fill('#f-name', name);
		await page.click('main button[type=submit]');
	};

	const { page } = await visitor(browser, 'desktop', true);
	await page.addInitScript(fakeVoices, ['fr-FR']);
	await join(page, 'Listener');
	await page.goto(`${BASE}/modules/${slug}/lessons/1`);
	await page.selectOption('#f-lang', 'fr');
	await page.click('form.lang-switch button[type=submit]');
	const button = page.locator('[data-listen] button');
	assert.ok(await button.isVisible(), 'a French voice: the control shows');
	await button.click();
	assert.equal(await button.getAttribute('aria-pressed'), 'true');
	const said = await page.evaluate(() => window.__said);
	assert.ok(said.length >= 3, `read block by block: ${said.length}`);
	assert.equal(said[0].lang, 'fr-FR');
	assert.equal(said[0].text, (await page.textContent('article.lesson h1')).trim(), 'the title first');
	assert.ok(said.every((s) => !/\[\d+\]|^\d+$/.test(s.text)), 'no source mark is read');
	await button.click();
	assert.equal(await button.getAttribute('aria-pressed'), 'false', 'and it stops');

	// English has no voice on this device: no control.
	await page.selectOption('#f-lang', 'en');
	await page.click('form.lang-switch button[type=submit]');
	assert.equal(await page.locator('[data-listen]').isVisible(), false);

	// Without JavaScript: the page works and shows no control.
	const plain = await visitor(browser, 'phone', false);
	await join(plain.page, 'Listener without script');
	await plain.page.goto(`${BASE}/modules/${slug}/lessons/1`);
	assert.equal(await plain.page.locator('[data-listen]').isVisible(), false);
	assert.ok(await plain.page.locator('article.lesson h1').isVisible());
});
