// recovery.test.js: a lost resume code is not a lost account, in Debian's Chromium on a phone and on a
// desktop, with JavaScript on and off. A trainee loses their code and the device that held it; their
// facilitator issues a new code as a slip; the trainee resumes with it on a new device and finds their
// progress. A trainee who joined twice is merged, and the cohort's overview shows one person with both
// records' figures. Every page is checked (lib.js: checkPage) and photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SHOTS, credentials, sql, launch, visitor, checkPage, firstModule, shownRight } from './lib.js';

// Each viewport once and each way of running once: the phone without JavaScript (reloads, plain posts)
// and the desktop with it. All four pairs cost the suite minutes it needs for the journeys in other
// languages (journeys.test.js still runs all four).
const CONFIGS = [['phone', false], ['desktop', true]];

// The facilitator, signed in on a desktop, starts a cohort; returns its id and join code.
async function startCohort(page, check, name) {
	const creds = credentials();
	await page.goto(`${BASE}/signin`);
	await page.fill('#f-username', 'facilitator');
	await page.fill('#f-password', creds.FACILITATOR_PASSWORD);
	await page.click('main button[type=submit]');
	await page.goto(`${BASE}/cohorts`);
	await page.fill('#f-name', name);
	await page.click('main form button[type=submit]');
	const id = new URL(page.url()).pathname.split('/')[2];
	const code = (await page.textContent('.code-big')).trim();
	return { id, code };
}

async function join(page, code, name) {
	await page.goto(`${BASE}/join`);
	await page.fill('#f-code', code);
	await page.fill('#f-name', name);
	await page.click('main button[type=submit]');
	return (await page.textContent('.code-big')).trim();
}

// One quiz attempt: the right answers, or the first option of each question.
async function takeQuiz(page, slug, right) {
	await page.goto(`${BASE}/modules/${slug}/quiz`);
	if (right) {
		for (const [q, opts] of Object.entries(await shownRight(page, right)))
			for (const o of opts) await page.check(`input[name=q${q}][value="${o}"]`);
	} else {
		for (const box of await page.$$('fieldset.question')) await (await box.$('input')).check();
	}
	await page.click('form.quiz button[type=submit]');
}

for (const [viewport, js] of CONFIGS) {
	const label = `${viewport}${js ? '' : ' nojs'}`;
	test(`a lost resume code is issued again by the facilitator (${viewport}, JavaScript ${js ? 'on' : 'off'})`,
		{ timeout: 240000 }, async (t) => {
			const browser = await launch();
			const problems = [];
			const { slug } = firstModule();
			const staff = await visitor(browser, 'desktop', js);
			const trainee = await visitor(browser, viewport, js);
			const check = async (v, vp, name) => problems.push(...(await checkPage(browser, v.page, vp, name, t)));

			const cohort = await startCohort(staff.page, check, `Lost codes ${label}`);
			const name = `Lost Code ${label}`;
			const lost = await join(trainee.page, cohort.code, name);
			await takeQuiz(trainee.page, slug, null);
			// The phone is lost, and the code with it.
			await trainee.context.close();
			const [[uid]] = sql(`SELECT id FROM users WHERE display_name = '${name}'`);

			await staff.page.goto(`${BASE}/cohorts/${cohort.id}/trainees/${uid}`);
			await check(staff, 'desktop', 'trainee-actions');
			await staff.page.click('main button:has-text("Issue a new resume code")');
			await check(staff, 'desktop', 'code-confirm');
			await staff.page.click('main button:has-text("Issue a new code")');
			await check(staff, 'desktop', 'code-slip');
			const fresh = (await staff.page.textContent('.slip-code')).trim();
			assert.match(fresh, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			assert.notEqual(fresh, lost);
			assert.ok((await staff.page.textContent('.slip-name')).includes(name));
			assert.ok(await staff.page.$('.slip svg[role=img]'), 'a QR code to /resume');

			// A new device: the new code brings the trainee back to their progress.
			const again = await visitor(browser, viewport, js);
			await again.page.goto(`${BASE}/resume`);
			await again.page.fill('#f-code', fresh.toLowerCase());
			await again.page.click('main button[type=submit]');
			assert.equal(new URL(again.page.url()).pathname, '/modules');
			await again.page.goto(`${BASE}/modules/${slug}`);
			await check(again, viewport, 'resumed-module');
			assert.match(await again.page.textContent('main'), /best score \d+%/, 'the quiz attempt is there');
			// The lost code is dead.
			const thief = await visitor(browser, viewport, js);
			await thief.page.goto(`${BASE}/resume`);
			await thief.page.fill('#f-code', lost);
			await thief.page.click('main button[type=submit]');
			assert.equal(new URL(thief.page.url()).pathname, '/resume');
			sql("DELETE FROM throttle WHERE key LIKE 'code:resume:%'");

			// The trainee makes a new code of their own, then signs out after being asked.
			await again.page.goto(`${BASE}/me`);
			await again.page.click('main a[href="/me/code"]');
			await check(again, viewport, 'own-code-confirm');
			await again.page.click('main button:has-text("Make a new code")');
			await check(again, viewport, 'own-code');
			const own = (await again.page.textContent('.code-big')).trim();
			await again.page.click('main button:has-text("Print it as a slip")');
			await check(again, viewport, 'own-code-slip');
			assert.equal((await again.page.textContent('.slip-code')).trim(), own);
			await again.page.click('header button:has-text("Sign out")');
			await check(again, viewport, 'signout-asks');
			await again.page.click('main button:has-text("Yes: sign out")');
			assert.equal(new URL(again.page.url()).pathname, '/');
			assert.ok(await again.page.$('header a[href="/signin"]'), 'signed out');

			await browser.close();
			assert.deepEqual(problems, [], `screenshots in ${SHOTS}`);
		});
}

for (const [viewport, js] of [['phone', false], ['desktop', true]]) {
	const label = `${viewport}${js ? '' : ' nojs'}`;
	test(`a trainee who joined twice is merged into one (${viewport}, JavaScript ${js ? 'on' : 'off'})`,
		{ timeout: 240000 }, async (t) => {
			const browser = await launch();
			const problems = [];
			const { slug, right } = firstModule();
			const staff = await visitor(browser, viewport, js);
			const check = async (v, name) => problems.push(...(await checkPage(browser, v.page, viewport, name, t)));
			const cohort = await startCohort(staff.page, check, `Merges ${label}`);

			// The first account fails the quiz; the second, made at the next workshop, passes it.
			const first = await visitor(browser, viewport, js);
			await join(first.page, cohort.code, `Amina ${label}`);
			await takeQuiz(first.page, slug, null);
			const second = await visitor(browser, viewport, js);
			await join(second.page, cohort.code, `Amina twice ${label}`);
			await takeQuiz(second.page, slug, right);
			const [[keep]] = sql(`SELECT id FROM users WHERE display_name = 'Amina ${label}'`);
			const [[gone]] = sql(`SELECT id FROM users WHERE display_name = 'Amina twice ${label}'`);
			assert.deepEqual(sql(`SELECT passed FROM attempts WHERE user_id = ${gone} AND set = 'quiz'`), [['t']],
				'the second record passed');

			await staff.page.goto(`${BASE}/cohorts/${cohort.id}`);
			assert.ok((await staff.page.textContent('main')).includes('2 trainees.'));
			await staff.page.goto(`${BASE}/cohorts/${cohort.id}/trainees/${keep}`);
			await staff.page.click('main a:has-text("Merge with another record")');
			await check(staff, 'merge-pick');
			await staff.page.check(`input[name=other][value="${gone}"]`);
			await staff.page.click('main button:has-text("Continue")');
			await check(staff, 'merge-confirm');
			assert.ok((await staff.page.textContent('main')).includes(`Merge Amina twice ${label} into Amina ${label}?`));
			await staff.page.click('main button:has-text("Merge the two records")');
			await check(staff, 'merged');
			assert.equal(new URL(staff.page.url()).pathname, `/cohorts/${cohort.id}/trainees/${keep}`);
			const progress = await staff.page.textContent('main table');
			assert.match(progress, /completed|in progress/);

			// The overview: exactly one person, with both attempts and the passing score.
			await staff.page.goto(`${BASE}/cohorts/${cohort.id}`);
			await check(staff, 'overview-after-merge');
			const main = await staff.page.textContent('main');
			assert.ok(main.includes('1 trainee.'), 'one person');
			assert.ok(main.includes(`Amina ${label}`));
			assert.ok(!main.includes(`Amina twice ${label}`));
			assert.match(main, /100%/, 'the best score, from the merged-in record');
			assert.deepEqual(sql(`SELECT count(*), max(number) FROM attempts WHERE user_id = ${keep} AND set = 'quiz'`),
				[['2', '2']]);
			// The merged-away device is signed out: sent to come back in.
			await second.page.goto(`${BASE}/me`);
			assert.match(new URL(second.page.url()).pathname, /^\/(resume|signin)$/);

			await browser.close();
			assert.deepEqual(problems, [], `screenshots in ${SHOTS}`);
		});
}

for (const [viewport, js] of [['phone', false], ['desktop', true]]) {
	const label = `${viewport}${js ? '' : ' nojs'}`;
	test(`a sheet of sixty slips for people without phones (${viewport}, JavaScript ${js ? 'on' : 'off'})`,
		{ timeout: 240000 }, async (t) => {
			const browser = await launch();
			const problems = [];
			const staff = await visitor(browser, viewport, js);
			const check = async (name) => problems.push(...(await checkPage(browser, staff.page, viewport, name, t)));
			const cohort = await startCohort(staff.page, check, `Slips ${label}`);
			await staff.page.goto(`${BASE}/cohorts/${cohort.id}/sheet`);
			await staff.page.click('main a:has-text("a sheet of slips")');
			await check('slips-form');
			await staff.page.fill('#f-count', '60');
			await staff.page.fill('#f-names', 'Hawa Ahmed\nYonas Bekele');
			await staff.page.click('main button:has-text("Continue")');
			await check('slips-confirm');
			assert.ok((await staff.page.textContent('main')).includes('60 new trainees'));
			assert.deepEqual(sql(`SELECT count(*) FROM users WHERE cohort_id = ${cohort.id}`), [['0']]);
			await staff.page.click('main button:has-text("Create 60 trainees")');
			await check('slips-sheet'); // sixty slips, each with its QR code, within the page weight
			assert.equal((await staff.page.$$('.slip')).length, 60);
			assert.equal((await staff.page.textContent('.slip-name')).trim(), 'Hawa Ahmed');
			assert.deepEqual(sql(`SELECT count(*) FROM users WHERE cohort_id = ${cohort.id}`), [['60']]);
			await browser.close();
			assert.deepEqual(problems, [], `screenshots in ${SHOTS}`);
		});
}
