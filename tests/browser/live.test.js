// live.test.js: a live workshop in Debian's Chromium. A facilitator (desktop, JavaScript on) prepares a
// workshop with a quiz question and an open question, runs it from the console with the projector view
// open beside it, while one participant follows on a phone or a desktop, with JavaScript on or off.
// With JavaScript the participant's page, the console and the projector change by themselves (live.js
// polls); without it the waiting pages reload themselves (<noscript> meta refresh) and forms post as
// usual. Every page is checked (lib.js: checkPage) and photographed; the suite fails on any problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SHOTS, credentials, sql, launch, visitor, checkPage } from './lib.js';

// Each viewport once and each way of running once: a phone without JavaScript (the poorest case: reloads
// and plain form posts) and a desktop with it (the live updates). The cross product took about four
// minutes of the suite's twenty, which the journeys in other languages need.
const CONFIGS = [
	['phone', false], ['desktop', true],
];

const QUIZ = {
	prompt: 'Who decides how a remittance is spent?',
	options: ['The bank that moves it', 'The family that receives it', 'The state'],
	right: 1, // the second line
};
const OPEN = { prompt: 'In one word or two: what makes remittances work for a family?' };
const LIVE_WAIT = 3000; // a page that follows the workshop by itself (live.js) shows a change within this
const REFRESH_WAIT = 8000; // a page without JavaScript reloads itself every 5 seconds
const SETTLE = 300;

// The main frame's navigations: a page that follows the workshop with JavaScript changes without one.
function countNavigations(page) {
	page.navigations = 0;
	page.on('framenavigated', (f) => { if (f === page.mainFrame()) page.navigations++; });
}

// A page that changes in place (live.js) has no navigation to start its count of requests and bytes
// again (lib.js: visitor): from here on, the count is what the coming update costs.
function countFromHere(page) {
	page.loads.length = 0;
}

// Waits for `selector` (a CSS selector, or a function run in the page) on a page that should change by
// itself or after a click; fails saying what was awaited and what the page shows instead.
async function soon(page, selector, timeout, what) {
	try {
		if (typeof selector === 'function') await page.waitForFunction(selector, null, { timeout });
		else await page.waitForSelector(selector, { timeout });
	} catch (e) {
		if (e.name !== 'TimeoutError') throw e;
		const shows = (await page.textContent('main').catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 240);
		assert.fail(`${what}: not within ${timeout} ms at ${page.url()}, which shows: ${shows}`);
	}
}

// Clicks a button of the console and waits for what the console shows next (it posts in the background
// and swaps its <main>: no navigation).
async function consoleDo(page, label, next) {
	await page.click(`main button:has-text("${label}")`);
	await soon(page, next, LIVE_WAIT * 2, `the console after "${label}"`);
}

for (const [viewport, js] of CONFIGS) {
	test(`live workshop: a facilitator runs a workshop, a participant follows it (${viewport}, JavaScript ${js ? 'on' : 'off'})`,
		{ timeout: 240000 }, async (t) => {
			const browser = await launch();
			const tag = `${viewport}${js ? '' : '-nojs'}`;
			const problems = [];
			const check = async (page, vp, name) => {
				await page.waitForTimeout(SETTLE); // lets the log of the last responses (lib.js: visitor) catch up
				problems.push(...(await checkPage(browser, page, vp, name, t)));
			};
			const creds = credentials();
			const answerRight = viewport === 'phone'; // the desktops answer wrongly, to see "not right" too
			const word = `Trust ${tag}`;
			try {
				// ---- The facilitator prepares the workshop. ----
				const fac = await visitor(browser, 'desktop', true);
				const f = fac.page;
				await f.goto(`${BASE}/signin`);
				await f.fill('#f-username', creds.FACILITATOR_USER);
				await f.fill('#f-password', creds.FACILITATOR_PASSWORD);
				await f.click('main button[type=submit]');
				assert.equal(new URL(f.url()).pathname, '/me');
				await f.click('header a[href="/workshops"]');
				assert.equal(new URL(f.url()).pathname, '/workshops');
				await check(f, 'desktop', `live-workshops-for-${tag}`);
				const title = `Browser live workshop ${tag}`;
				await f.fill('#f-title', title);
				await f.selectOption('#f-module', '');
				await f.selectOption('#f-cohort', { label: 'Demo cohort' });
				await f.click('main button:has-text("Prepare the workshop")');
				const [, id] = new URL(f.url()).pathname.match(/^\/workshops\/(\d+)$/) || [];
				assert.ok(id, `the new workshop's page, not ${f.url()}`);
				assert.ok((await f.textContent('main')).includes('No questions yet'));

				await f.selectOption('#f-kind', 'quiz');
				await f.fill('#f-prompt', QUIZ.prompt);
				await f.fill('#f-options', QUIZ.options.join('\n'));
				await f.fill('#f-correct', String(QUIZ.right + 1));
				await f.click('main button:has-text("Add the question")');
				assert.ok((await f.textContent('main .notice.ok')).includes('The question is added.'));
				await f.selectOption('#f-kind', 'open');
				await f.fill('#f-prompt', OPEN.prompt);
				await f.click('main button:has-text("Add the question")');
				assert.ok((await f.textContent('main .notice.ok')).includes('The question is added.'));
				assert.equal((await f.$$('main ol.questions > li')).length, 2);
				assert.ok((await f.textContent('main ol.questions')).includes(`${QUIZ.options[QUIZ.right]} (right answer)`));
				const [[code]] = sql('SELECT code FROM workshops WHERE id = ' + Number(id));
				assert.match(code, /^[0-9A-Z]{6}$/);
				const display = `${code.slice(0, 4)}-${code.slice(4)}`;
				assert.ok((await f.textContent('main dl.facts')).includes(display), 'the workshop page shows the code');
				await check(f, 'desktop', `live-workshop-for-${tag}`);

				// ---- The console; the workshop starts; the projector shows how to join. ----
				await f.click('main a:has-text("Open the console")');
				assert.equal(new URL(f.url()).pathname, `/workshops/${id}/console`);
				await check(f, 'desktop', `live-console-draft-for-${tag}`);
				countFromHere(f);
				await consoleDo(f, 'Start the workshop', 'main button:has-text("Show question 1")');
				await check(f, 'desktop', `live-console-lobby-for-${tag}`);

				const proj = await visitor(browser, 'desktop', true);
				const s = proj.page;
				await proj.context.addCookies(await fac.context.cookies());
				await s.goto(`${BASE}/workshops/${id}/screen`);
				assert.ok(await s.$('main .qr svg'), 'the projector shows a QR code while people join');
				assert.ok((await s.textContent('main .screen-code')).includes(display));
				assert.equal(await s.textContent('#joined'), '0');
				await check(s, 'desktop', `live-screen-lobby-for-${tag}`);

				// ---- The participant joins with the code. ----
				const part = await visitor(browser, viewport, js);
				const p = part.page;
				countNavigations(p);
				if (viewport === 'phone') {
					// A phone scans the projector's QR code: the join form with the code filled in.
					await p.goto(`${BASE}/live?code=${code}`);
					assert.equal(await p.inputValue('#f-code'), code);
				} else {
					await p.goto(`${BASE}/`);
					await p.click('header a[href="/live"]');
					await p.fill('#f-code', display.toLowerCase());
				}
				await check(p, viewport, 'live-join');
				await p.fill('#f-name', `Browser ${tag}`);
				countFromHere(s);
				await p.click('main button:has-text("Join")');
				assert.equal(new URL(p.url()).pathname, `/live/${code}`);
				assert.equal((await p.textContent('main h1')).trim(), 'You are in');
				assert.ok((await p.textContent('main .crumbs')).includes(`You are Browser ${tag}`));
				if (!js) assert.match(await p.content(), /<meta http-equiv="refresh" content="5">/, 'the waiting page reloads itself');
				await check(p, viewport, 'live-waiting');

				// The projector counts the room by itself.
				await soon(s, () => document.getElementById('joined').textContent === '1', LIVE_WAIT, 'the projector counts 1 joined');

				// ---- Question 1, a quiz question: it reaches the participant by itself. ----
				countFromHere(p);
				countFromHere(s);
				let navigations = p.navigations;
				await consoleDo(f, 'Show question 1', 'main button:has-text("Lock answers")');
				await soon(p, `main h1.prompt:has-text("${QUIZ.prompt}")`, js ? LIVE_WAIT : REFRESH_WAIT, 'question 1 on the participant\'s page');
				await soon(s, `main h1:has-text("${QUIZ.prompt}")`, LIVE_WAIT, 'question 1 on the projector');
				if (js) assert.equal(p.navigations, navigations, 'the question appears without a reload');
				else assert.ok(p.navigations > navigations, 'the page reloaded itself');
				assert.match(await p.title(), /^Question 1: /);
				if (!js) assert.doesNotMatch(await p.content(), /http-equiv="refresh"/, 'a page with a form to fill in stays still');
				await check(p, viewport, 'live-question');
				assert.equal((await s.$$('main ol.screen-options li')).length, QUIZ.options.length);
				assert.equal(await s.$('main .bars'), null, 'no figures on the projector before the reveal');
				assert.equal(await f.textContent('#answered'), '0');
				await check(f, 'desktop', `live-console-question-for-${tag}`);

				const choice = answerRight ? QUIZ.right : 0;
				const letter = 'ABC'[choice];
				countFromHere(p);
				countFromHere(s);
				navigations = p.navigations;
				await p.check(`main input[name=choice][value="${choice}"]`);
				await p.click('main button:has-text("Send my answer")');
				await soon(p, 'main .notice.ok', LIVE_WAIT, 'the participant\'s answer to question 1 acknowledged');
				if (js) assert.equal(p.navigations, navigations, 'the answer is sent in the background');
				assert.equal(new URL(p.url()).pathname, `/live/${code}`);
				assert.ok((await p.textContent('main .notice.ok')).includes(`Your answer: ${letter}. ${QUIZ.options[choice]}`));
				assert.ok(await p.isChecked(`main input[name=choice][value="${choice}"]`));
				assert.ok(await p.$('main button:has-text("Change my answer")'));
				// The projector and the console count the answer by themselves.
				await soon(s, () => document.getElementById('answered').textContent === '1', LIVE_WAIT, 'the projector counts 1 answer');
				await soon(f, () => document.getElementById('answered').textContent === '1', LIVE_WAIT, 'the console counts 1 answer');
				await check(p, viewport, 'live-answered');
				await check(s, 'desktop', `live-screen-question-for-${tag}`);

				// ---- Lock, then reveal. ----
				countFromHere(f);
				countFromHere(p);
				navigations = p.navigations;
				await consoleDo(f, 'Lock answers', 'main button:has-text("Open answers again")');
				if (js) {
					await soon(p, 'main :text("Answers are closed")', LIVE_WAIT, 'answers closed on the participant\'s page');
					assert.equal(p.navigations, navigations);
				} else {
					// A page with a form does not reload itself (nothing typed is lost): the participant does.
					await p.reload();
				}
				assert.ok((await p.textContent('main')).includes(`Answers are closed. Your answer: ${letter}. ${QUIZ.options[choice]}.`));
				assert.equal(await p.$('main form.live-answer'), null, 'no form once answers are closed');
				await check(p, viewport, 'live-closed');

				countFromHere(f);
				countFromHere(p);
				countFromHere(s);
				navigations = p.navigations;
				await consoleDo(f, 'Reveal the results', 'main :text("the results are shown to the room")');
				await soon(p, 'main h2:has-text("What the room answered")', js ? LIVE_WAIT : REFRESH_WAIT, 'the results on the participant\'s page');
				await soon(s, 'main .bars li.right', LIVE_WAIT, 'the results on the projector');
				if (js) assert.equal(p.navigations, navigations, 'the results appear without a reload');
				const verdict = await p.textContent('main .notice[role=status]');
				assert.ok(verdict.includes(answerRight ? 'is right' : 'is not right'), verdict);
				assert.ok(await p.$(answerRight ? 'main .notice.ok' : 'main .notice.bad'));
				assert.ok((await p.textContent('main .bars li.right')).includes(QUIZ.options[QUIZ.right]));
				assert.ok((await p.textContent('main .bars')).includes('(your answer)'));
				await check(p, viewport, 'live-revealed');
				assert.ok(await f.$('main .bars li.right'));
				await check(f, 'desktop', `live-console-revealed-for-${tag}`);
				assert.ok((await s.textContent('main .bars li.right')).includes(answerRight ? '1 (100%)' : '0 (0%)'));
				await check(s, 'desktop', `live-screen-results-for-${tag}`);

				// ---- Question 2, an open answer, and the word cloud. ----
				countFromHere(f);
				countFromHere(p);
				countFromHere(s);
				navigations = p.navigations;
				await consoleDo(f, 'Next: question 2', `main :text("${OPEN.prompt}") >> nth=0`);
				await soon(p, `main h1.prompt:has-text("${OPEN.prompt}")`, js ? LIVE_WAIT : REFRESH_WAIT, 'question 2 on the participant\'s page');
				await soon(s, `main h1:has-text("${OPEN.prompt}")`, LIVE_WAIT, 'question 2 on the projector');
				if (js) assert.equal(p.navigations, navigations, 'the next question appears without a reload');
				assert.match(await p.title(), /^Question 2: /);
				await check(p, viewport, 'live-open-question');

				countFromHere(p);
				countFromHere(s);
				await p.fill('#f-body', word);
				await p.click('main button:has-text("Send my answer")');
				await soon(p, 'main .notice.ok', LIVE_WAIT, 'the participant\'s open answer acknowledged');
				assert.ok((await p.textContent('main .notice.ok')).includes(`Your answer: ${word}`));
				await soon(s, `main figure.cloud svg text:text("${word.toLowerCase()}")`, LIVE_WAIT, 'the answer in the projector\'s word cloud');
				await soon(f, `main table td:text("${word}")`, LIVE_WAIT, 'the answer in the console\'s moderation table');
				await check(p, viewport, 'live-open-answered');
				assert.ok((await s.getAttribute('main figure.cloud svg', 'aria-label')).includes(`${word.toLowerCase()} (1)`));
				assert.equal(await s.textContent('#answered'), '1');
				await check(s, 'desktop', `live-screen-cloud-for-${tag}`);
				assert.ok((await f.textContent('main table')).includes(`Browser ${tag}`), 'the console names who wrote it');
				await check(f, 'desktop', `live-console-open-for-${tag}`);

				// ---- The end. ----
				countFromHere(f);
				countFromHere(p);
				countFromHere(s);
				navigations = p.navigations;
				await consoleDo(f, 'End the workshop', 'main :text("The workshop has ended")');
				if (js) {
					await soon(p, 'main h1:has-text("The workshop has ended")', LIVE_WAIT, 'the end on the participant\'s page');
					assert.equal(p.navigations, navigations);
				} else {
					await p.reload(); // the open answer's page has a form: it does not reload itself
				}
				await soon(s, 'main h1:has-text("Thank you")', LIVE_WAIT, 'the end on the projector');
				await check(f, 'desktop', `live-console-ended-for-${tag}`);
				assert.equal((await p.textContent('main h1')).trim(), 'The workshop has ended');
				if (!js) assert.doesNotMatch(await p.content(), /http-equiv="refresh"/, 'an ended workshop stops reloading');
				await check(p, viewport, 'live-ended');
				assert.equal(await s.textContent('#joined'), '1');
				await check(s, 'desktop', `live-screen-ended-for-${tag}`);

				// The workshop page keeps the figures.
				await f.click('main a:has-text("the questions and their figures")');
				assert.equal(new URL(f.url()).pathname, `/workshops/${id}`);
				const figures = await f.textContent('main ol.questions');
				assert.ok(figures.includes(`1 answer; ${answerRight ? 1 : 0} right (${answerRight ? 100 : 0}%)`), figures);
				assert.equal(await f.$('#f-kind'), null, 'no more questions once the workshop has ended');
				await check(f, 'desktop', `live-workshop-ended-for-${tag}`);
				const [[answers]] = sql(`SELECT count(*) FROM live_answers a JOIN live_questions q ON q.id = a.question_id
					WHERE q.workshop_id = ${Number(id)}`);
				assert.equal(answers, '2');
			} finally {
				await browser.close();
			}
			assert.deepEqual(problems, [], `screenshots in ${SHOTS}`);
		});
}
