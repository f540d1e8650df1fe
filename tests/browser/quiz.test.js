// quiz.test.js: the quiz as trainees take it, on a 360x740 phone and a desktop, with JavaScript on and
// off: the options come in another order in the next attempt and in the same order after a reload; a
// form sent with questions unanswered comes back with a summary linking to each, nothing recorded; the
// review of a failed attempt says what was wrong without the right answers (the default setting), and
// shows them once the trainee has passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SHOTS, credentials, sql, launch, visitor, checkPage, shownRight, firstModule } from './lib.js';

// Each viewport once and each way of running once: the phone without JavaScript (reloads, plain posts)
// and the desktop with it. All four pairs cost the suite minutes it needs for the journeys in other
// languages (journeys.test.js still runs all four).
const CONFIGS = [['phone', false], ['desktop', true]];

// The options' texts of every question, in the order the page shows them.
async function shownOrder(page, selector) {
	return page.$$eval(selector, (boxes) => boxes.map((b) => [...b.querySelectorAll('label.choice, li')]
		.map((l) => l.textContent.replace('(your answer)', '').replace('(a correct answer)', '').trim())));
}

for (const [viewport, js] of CONFIGS) {
	test(`quiz: shuffled per attempt, blank answers, the review's key (${viewport}, JavaScript ${js ? 'on' : 'off'})`,
		{ timeout: 180000 }, async (t) => {
			const browser = await launch();
			const { context, page } = await visitor(browser, viewport, js);
			const problems = [];
			const check = async (name) => problems.push(...(await checkPage(browser, page, viewport, name, t)));
			const { slug, right } = firstModule();
			const name = `Quiz ${viewport}${js ? '' : ' nojs'}`;
			await page.goto(`${BASE}/join`);
			await page.fill('#f-code', credentials().JOIN_CODE);
			await page.fill('#f-name', name);
			await page.click('main button[type=submit]');
			await page.waitForSelector('.code-big');

			// Attempt 1: the same order after a reload.
			await page.goto(`${BASE}/modules/${slug}/quiz`);
			await check('quiz-attempt-1');
			const first = await shownOrder(page, 'fieldset.question');
			await page.reload();
			assert.deepEqual(await shownOrder(page, 'fieldset.question'), first, 'a reload keeps the order');

			// Sent with only question 1 answered: the form again, 400, nothing recorded.
			await page.check('input[name=q1] >> nth=0');
			const posted = page.waitForResponse((r) => r.request().method() === 'POST');
			await page.click('form.quiz button[type=submit]');
			assert.equal((await posted).status(), 400);
			await page.waitForLoadState('load');
			await check('quiz-unanswered');
			const summary = await page.textContent('#unanswered');
			assert.match(summary, /questions have no answer/);
			assert.ok(!(await page.$('#unanswered a[href="#question-1"]')), 'question 1 was answered');
			assert.ok(await page.$('#unanswered a[href="#question-2"]'));
			assert.ok(await page.$('fieldset#question-2.missing'));
			assert.ok(await page.isChecked('input[name=q1] >> nth=0'), 'the answer given is kept');
			assert.deepEqual(await shownOrder(page, 'fieldset.question'), first, 'the same order on the form again');
			if (js) {
				const focused = await page.evaluate(() => document.activeElement.id);
				assert.equal(focused, 'unanswered', 'the summary has focus');
			}
			await page.click('#unanswered a[href="#question-2"]');
			assert.match(page.url(), /#question-2$/);
			const [[recorded]] = sql(`SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id
				WHERE u.display_name = '${name}'`);
			assert.equal(recorded, '0');

			// Every question answered with a wrong option: failed, and the review hides the key.
			for (const [q, texts] of Object.entries(right)) {
				for (const label of await page.$$(`fieldset#question-${q} label.choice`)) {
					const input = await label.$('input');
					if ((await input.getAttribute('type')) === 'checkbox') await input.setChecked(false);
					if (!texts.includes((await label.textContent()).trim())) {
						await input.check();
						break;
					}
				}
			}
			await page.click('form.quiz button[type=submit]');
			assert.match(new URL(page.url()).pathname, /\/quiz\/1$/);
			await check('quiz-review-failed');
			const failed = await page.textContent('main');
			assert.ok(failed.includes('Not passed yet'));
			assert.ok(failed.includes('The right answers are shown once you pass the quiz.'));
			assert.ok(!failed.includes('(a correct answer)'), 'no key before passing');
			assert.deepEqual(await shownOrder(page, 'section.review'), first, 'the review in the order shown');

			// Attempt 2: another order, kept on a reload; passed; the key is shown.
			await page.goto(`${BASE}/modules/${slug}/quiz?attempt=2`);
			const second = await shownOrder(page, 'fieldset.question');
			assert.notDeepEqual(second, first, 'attempt 2 shows the options in another order');
			await page.reload();
			assert.deepEqual(await shownOrder(page, 'fieldset.question'), second);
			for (const [q, values] of Object.entries(await shownRight(page, right)))
				for (const v of values) await page.check(`input[name=q${q}][value="${v}"]`);
			await page.click('form.quiz button[type=submit]');
			await check('quiz-review-passed');
			const passed = await page.textContent('main');
			assert.ok(passed.includes('You passed'));
			assert.ok(passed.includes('(a correct answer)'));
			await page.goto(`${BASE}/modules/${slug}/quiz/1`);
			assert.ok((await page.textContent('main')).includes('(a correct answer)'), 'after passing, every review');
			await context.close();
			await browser.close();
			assert.deepEqual(problems, [], `screenshots in ${SHOTS}`);
		});
}
