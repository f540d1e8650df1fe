// names.test.js: names in Arabic, Ethiopic, Devanagari, emoji and combining marks on a 360 px phone, in
// Debian's Chromium with JavaScript off. Trainees join a cohort and a live workshop under those names; the
// live room, the certificate, the roster, a trainee's page and the projector show them and pass every check
// (lib.js: checkPage). Also: a radio button keeps its size beside a long label that wraps, and the
// certificate's code stays on one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SHOTS, sql, credentials, launch, visitor, checkPage } from './lib.js';

const NAMES = ['فاطمة الزهراء', 'ሰላማዊት ገብረመድህን', 'देवनागरी नाम', 'Ana 🌍🧕🏽', 'Zoe\u0308', 'Nguye\u0302\u0303n'];
const LONG = 'Both the country of origin and the country of destination, together with the migrants themselves, ' +
	'through their own associations.';

test('names in every script, on a phone without JavaScript', { timeout: 240000 }, async (t) => {
	const browser = await launch();
	const problems = [];
	const check = async (page, viewport, name) => problems.push(...(await checkPage(browser, page, viewport, name, t)));
	const creds = credentials();
	try {
		// A facilitator on a phone starts a cohort and prepares a workshop with one poll.
		const fac = await visitor(browser, 'phone', false);
		const f = fac.page;
		await f.goto(`${BASE}/signin`);
		await f.fill('#f-username', creds.FACILITATOR_USER);
		await f.fill('#f-password', creds.FACILITATOR_PASSWORD);
		await f.click('main button[type=submit]');
		await f.goto(`${BASE}/cohorts`);
		const cohortName = 'ورشة كيسومو للأسماء';
		await f.fill('#f-name', cohortName);
		await f.click('main form[action="/cohorts"] button[type=submit]');
		const [, cohort] = new URL(f.url()).pathname.match(/^\/cohorts\/(\d+)\/settings$/) || [];
		assert.ok(cohort, `the new cohort's settings, not ${f.url()}`);
		const join = (await f.textContent('.code-big')).trim();
		await f.goto(`${BASE}/workshops`);
		await f.fill('#f-title', 'Names in every script');
		await f.selectOption('#f-module', '');
		await f.selectOption('#f-cohort', { label: cohortName });
		await f.click('main button:has-text("Prepare the workshop")');
		const [, workshop] = new URL(f.url()).pathname.match(/^\/workshops\/(\d+)$/) || [];
		assert.ok(workshop, `the new workshop's page, not ${f.url()}`);
		await f.selectOption('#f-kind', 'poll');
		await f.fill('#f-prompt', 'Who decides how a remittance is spent?');
		await f.fill('#f-options', `${LONG}\nThe family.`);
		await f.click('main button:has-text("Add the question")');
		const [[code]] = sql(`SELECT code FROM workshops WHERE id = ${Number(workshop)}`);

		// Each trainee joins the cohort and the workshop from a phone.
		const phones = [];
		for (const name of NAMES) {
			const v = await visitor(browser, 'phone', false);
			await v.page.goto(`${BASE}/join`);
			await v.page.fill('#f-code', join);
			await v.page.fill('#f-name', name);
			await v.page.click('main button[type=submit]');
			assert.ok((await v.page.textContent('main h1')).includes(name), `welcome, ${name}`);
			await v.page.goto(`${BASE}/live?code=${code}`);
			await v.page.click('main button[type=submit]');
			assert.equal(new URL(v.page.url()).pathname, `/live/${code}`);
			phones.push(v);
		}

		// The question opens; the first phone sees it: the radio buttons keep their size beside the label
		// that wraps onto several lines.
		await f.goto(`${BASE}/workshops/${workshop}/console`);
		await f.click('main button:has-text("Start the workshop")');
		await f.click('main button:has-text("Show question 1")');
		await f.waitForTimeout(300); // each worker renews its copy of the workshop within 200 ms
		const p = phones[0].page;
		await p.goto(`${BASE}/live/${code}`);
		const inputs = await p.$$('main .choice input');
		assert.equal(inputs.length, 2, 'two options');
		const label = await p.$('main .choice label');
		const lb = await label.boundingBox();
		assert.ok(lb.height > 40, `the long label wraps (${lb.height} px high)`);
		for (const input of inputs) {
			const b = await input.boundingBox();
			assert.ok(Math.abs(b.width - 20) <= 1 && Math.abs(b.height - 20) <= 1,
				`a radio button is ${b.width}x${b.height} px, not 20x20`);
		}
		assert.ok((await p.textContent('main .crumbs')).includes(NAMES[0]));
		await check(p, 'phone', 'names-live-room');
		await p.check('main .choice input >> nth=1');
		await p.click('main button[type=submit]');
		assert.ok((await p.textContent('main')).includes('Your answer: B. The family. You can change'),
			'one full stop after an answer that has one');

		// The first trainee's certificate (written as the store writes it): the name, and the code on one line.
		const [[uid]] = sql(`SELECT id FROM users WHERE cohort_id = ${Number(cohort)} AND display_name = '${NAMES[0]}'`);
		sql(`INSERT INTO certificates (code, user_id, module_id, revision_id, display_name, module_title)
			SELECT 'MNPQRSTVWXYZ', u.id, m.id, v.id, u.display_name, v.title FROM users u, modules m
			JOIN module_revisions v ON v.id = m.current_revision WHERE u.id = ${Number(uid)} ORDER BY m.position LIMIT 1`);
		await p.goto(`${BASE}/certificates/MNPQ-RSTV-WXYZ`);
		assert.equal((await p.textContent('.cert-name')).trim(), NAMES[0]);
		const lines = await p.$eval('.cert-code strong', (e) => e.getClientRects().length);
		assert.equal(lines, 1, `the certificate's code is on ${lines} lines`);
		const right = await p.$eval('.cert-code strong', (e) => e.getBoundingClientRect().right);
		assert.ok(right <= 360, `the code ends at ${right} px, past the screen`);
		await check(p, 'phone', 'names-certificate');

		// The facilitator's pages with every name.
		await f.goto(`${BASE}/cohorts/${cohort}/roster`);
		for (const name of NAMES)
			assert.ok((await f.textContent('main table')).includes(name), `the roster names ${name}`);
		await check(f, 'phone', 'names-roster');
		await f.goto(`${BASE}/cohorts/${cohort}/trainees/${uid}`);
		assert.equal((await f.textContent('main h1')).trim(), NAMES[0]);
		await check(f, 'phone', 'names-trainee');
		await f.goto(`${BASE}/cohorts/${cohort}`);
		await check(f, 'phone', 'names-overview');
		const proj = await visitor(browser, 'desktop', false);
		await proj.context.addCookies(await fac.context.cookies());
		await proj.page.goto(`${BASE}/workshops/${workshop}/screen`);
		assert.ok((await proj.page.textContent('main')).includes(LONG));
		await check(proj.page, 'desktop', 'names-screen');
		for (const v of phones) await v.context.close();
		await proj.context.close();
		await fac.context.close();
	} finally {
		await browser.close();
	}
	assert.deepEqual(problems, [], `screenshots in ${SHOTS}`);
});
