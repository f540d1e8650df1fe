// progress.test.js: a trainee who moves as people do, on a phone and a desktop, with JavaScript on and
// off: lessons opened from the step list in any order and left by the breadcrumb, Back after a quiz
// was sent, a second device that opens a bookmarked lesson while signed out, the join QR code scanned
// again while signed in. Each journey ends with the certificate and the facilitator's record of exactly
// one person, with the module completed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, credentials, sql, launch, visitor, checkPage, firstModule } from './lib.js';

// Each viewport once and each way of running once: the phone without JavaScript (reloads, plain posts)
// and the desktop with it. All four pairs cost the suite minutes it needs for the journeys in other
// languages (journeys.test.js still runs all four).
const CONFIGS = [['phone', false], ['desktop', true]];

// Answers the quiz on the page: the right options (found by their text, whatever order they are shown
// in), or with `wrong` the first option that is not right.
async function answerQuiz(page, right, wrong) {
	const boxes = await page.$$('fieldset.question');
	for (let i = 0; i < boxes.length; i++) {
		const texts = right[i + 1] || [];
		let wrongDone = false;
		for (const label of await boxes[i].$$('label.choice')) {
			const text = (await label.textContent()).trim();
			const isRight = texts.some((t) => text === t.trim());
			if ((!wrong && isRight) || (wrong && !isRight && !wrongDone)) {
				await (await label.$('input')).check();
				wrongDone = true;
			}
		}
	}
	await page.click('form.quiz button[type=submit]');
}

for (const [viewport, js] of CONFIGS) {
	test(`a trainee moves out of order, on two devices, to the certificate (${viewport}, JavaScript ${js ? 'on' : 'off'})`,
		{ timeout: 240000 }, async (t) => {
			const browser = await launch();
			const { context, page } = await visitor(browser, viewport, js);
			const problems = [];
			const check = async (p, name) => problems.push(...(await checkPage(browser, p, viewport, name, t)));
			const { slug, lessons, right } = firstModule();
			const creds = credentials();
			const name = `Mover ${viewport}${js ? '' : ' nojs'}`;
			assert.ok(lessons >= 3, 'the first module has three lessons or more');

			await page.goto(`${BASE}/join`);
			await page.fill('#f-code', creds.JOIN_CODE);
			await page.fill('#f-name', name);
			await page.click('main button[type=submit]');
			const resume = (await page.textContent('.code-big')).trim();
			await page.goto(`${BASE}/`);
			assert.equal(await page.$('main a[href="/join"]'), null, 'signed in, the home page does not offer to join');
			await page.click('main a.btn:text("Continue")');
			assert.equal(new URL(page.url()).pathname, '/modules');

			// Lessons from the step list, last first, each left by the breadcrumb; lesson 2 left out.
			await page.click(`main a[href="/modules/${slug}"]`);
			for (const n of [lessons, ...Array.from({ length: lessons - 1 }, (_, i) => i + 1)].filter((n) => n !== 2)) {
				await page.click(`ol.steps a[href="/modules/${slug}/lessons/${n}"]`);
				assert.equal(new URL(page.url()).pathname, `/modules/${slug}/lessons/${n}`);
				await page.click(`nav.crumbs a[href="/modules/${slug}"]`);
			}
			// The module names what is missing, and Continue goes there.
			const todo = await page.textContent('ul.todo');
			assert.match(todo, /read lesson 2/);
			assert.doesNotMatch(todo, /read lesson 1,/);
			await check(page, 'module-still-to-do');
			await page.click('main a.btn:has-text("Continue: lesson 2")');
			assert.equal(new URL(page.url()).pathname, `/modules/${slug}/lessons/2`);
			// Back to the module: after a reload it shows every lesson read.
			await page.goBack();
			await page.reload();
			assert.equal(await page.$('ul.todo li:has-text("read lesson")'), null, 'every lesson counts');
			assert.equal(sql(`SELECT count(*) FROM lesson_reads x JOIN users u ON u.id = x.user_id
				WHERE u.display_name = '${name}'`)[0][0], String(lessons));

			// The quiz, failed; Back after sending it, and the same form sent again: still one attempt.
			await page.click('main a.btn:has-text("Continue: the quiz")');
			await answerQuiz(page, right, true);
			assert.match(await page.textContent('main'), /Not passed yet/);
			await page.goBack();
			assert.equal(await page.$('form.quiz'), null, 'Back after sending: no form to send again');
			assert.match(await page.textContent('main'), /attempt 1 were sent/);
			const attempts = () => sql(`SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id
				WHERE u.display_name = '${name}' AND a.set = 'quiz'`)[0][0];
			assert.equal(attempts(), '1');
			await page.goto(`${BASE}/modules/${slug}/quiz`);
			assert.equal(await page.$('form.quiz'), null, 'the quiz after an attempt: no blank form');
			await check(page, 'quiz-sent-already');
			await page.click('main a.btn:has-text("Start attempt 2")');
			await answerQuiz(page, right, false);
			assert.match(await page.textContent('main'), /You passed/);

			// A second device opens a bookmarked lesson while signed out: the resume code, then that lesson.
			const second = await visitor(browser, viewport, js);
			const other = second.page;
			await other.goto(`${BASE}/modules/${slug}/lessons/3`);
			assert.equal(new URL(other.url()).pathname, '/resume');
			await check(other, 'resume-with-next');
			await other.fill('#f-code', resume.toLowerCase().replace(/-/g, ' '));
			await other.click('main button[type=submit]');
			assert.equal(new URL(other.url()).pathname, `/modules/${slug}/lessons/3`);

			// The join QR code scanned again: continue as the same person, no second account.
			await other.goto(`${BASE}/join?code=${creds.JOIN_CODE}`);
			await check(other, 'join-signed-in');
			await other.click(`main a.btn:has-text("Continue as")`);
			assert.equal(new URL(other.url()).pathname, '/modules');

			// Continue on the second device: the case, to an ending; then the certificate.
			await other.click(`main a.btn[href="/modules/${slug}/scenario"]`);
			await other.click('main button[type=submit]');
			for (let i = 0; i < 40 && !(await other.$('.ending')); i++) {
				await other.check('main input[name=choice] >> nth=0');
				await other.click('main button[type=submit]');
				await other.click('main a.btn');
			}
			assert.ok(await other.$('.ending'), 'the case ends');
			await other.goto(`${BASE}/modules`);
			await other.click(`main a.btn[href="/modules/${slug}#certificate"]`);
			await other.click('main button:has-text("Get your certificate")');
			assert.ok((await other.textContent('.cert-name')).includes(name));
			await other.goto(`${BASE}/modules`);
			await check(other, 'modules-completed');
			assert.ok(await other.$(`main a[href^="/modules/${slug}/quiz/"]`), 'the review of the best attempt');
			assert.equal(await other.$(`main a[href="/modules/${slug}/quiz"]`), null, 'no blank new attempt');
			await second.context.close();

			// The facilitator sees one person, with the module completed.
			const ids = sql(`SELECT id, cohort_id FROM users WHERE display_name = '${name}'`);
			assert.equal(ids.length, 1, 'exactly one account');
			const staff = await visitor(browser, viewport, js);
			await staff.page.goto(`${BASE}/cohorts/${ids[0][1]}/trainees/${ids[0][0]}`);
			assert.equal(new URL(staff.page.url()).pathname, '/signin');
			await staff.page.fill('#f-username', creds.FACILITATOR_USER);
			await staff.page.fill('#f-password', creds.FACILITATOR_PASSWORD);
			await staff.page.click('main button[type=submit]');
			assert.equal(new URL(staff.page.url()).pathname, `/cohorts/${ids[0][1]}/trainees/${ids[0][0]}`,
				'back to the page asked for');
			const row = await staff.page.textContent('main table tbody tr:first-child');
			assert.match(row, /completed/);
			await staff.context.close();
			await context.close();
			await browser.close();
			assert.deepEqual(problems, [], 'every page passes its checks');
		});
}
