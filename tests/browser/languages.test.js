// languages.test.js: every page of the dispatch table (app/pages/routes.c) that a GET reaches, for every
// role that may see it, in English and then in French, Spanish and Arabic: no interface words left in
// English. A text of a translated page that is exactly a text of the English page and has an English word
// in it is "English left behind", unless it is marked as English (an element with its own lang="en": content
// not translated yet) or is not words of the interface at all (a name in <bdi>, a code, the switch's names
// of the languages). Also: <html lang dir> are the chosen language's, nothing scrolls sideways at 360 px in
// Arabic (right to left), and what people typed (names, a cohort's, a workshop's title) is in a <bdi>: a
// name outside one would pass for English words, and in Arabic its punctuation lands on the wrong side.
// Phone width, JavaScript off, one browser, no screenshots and no axe (the journeys do that): all reading.
//
// Routes not walked, and why:
//   /healthz, /readyz, /metrics              probes for machines, no words for people
//   every *.csv (roster, answers, items, the admin's answers, a workshop's results)   data files, not pages
//   /sessions, /sessions/{id}, .../console, .../screen, .../results.csv   301 to the /workshops pages walked
//   every POST-only row (/signout, /language, /me/code/print, the admin's and facilitator's actions, the
//     live room's answer/post/vote, the console's moves, the certificate's issue): a POST answers 303 to a
//     page walked here, or re-shows that page's form
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, VIEWPORTS, credentials, sql, launch, shownRight, firstModule } from './lib.js';

const TOP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Every language with a catalog (po/CODE.po) is walked; which run right to left, app/pages/lang.c says.
const LANGS = fs.readdirSync(path.join(TOP, 'po')).filter((f) => /^[a-z]{2,3}\.po$/.test(f)).map((f) => f.slice(0, -3)).sort();
const RTL = new Set([...fs.readFileSync(path.join(TOP, 'app', 'pages', 'lang.c'), 'utf8')
	.matchAll(/\{"([a-z]{2,3})",[^\n]*?, true\}/g)].map((m) => m[1]));
const SHOW_PER_PAGE = 15;
const FRAME_PAGES = 5;   // a text left on this many pages is the frame's: listed once, not on every page
const PO_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'po');

// What is never English left behind, whatever the language:
// - "Passage", the product's name, the same in every language (the brand in the header);
// - a word all in capitals (CSV, PDF, QR; a join, resume, workshop or certificate code): an acronym or a
//   code, not a word to translate. A word is 3 letters or more of a-z with one lower-case at least;
// - numbers, percentages, ¶ citations, dates in figures, scores: no such word in them, so never flagged.
// Besides, a catalog's deliberate sameness: an entry of po/CODE.po whose msgstr is its msgid ("Total",
// "Options" in French) is the translator's choice, not a miss.
const SAME_EVERYWHERE = new Set(['Passage']);

function englishWords(text) {
	return text.split(/[^\p{L}]+/u).filter((w) => /^[A-Za-z]{3,}$/.test(w) && /[a-z]/.test(w) && !SAME_EVERYWHERE.has(w));
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

// po/CODE.po's entries translated as themselves (msgstr == msgid), normalised; none before the catalog exists.
function keptAsIs(code) {
	const file = path.join(PO_DIR, `${code}.po`);
	const same = new Set();
	if (!fs.existsSync(file)) return same;
	const unq = (s) => JSON.parse(s.replace(/\\t/g, ' '));   // po strings are C strings; JSON reads the same escapes
	let id = null, str = null, key = null;
	same.patterns = [];
	same.words = new Set();
	const flush = () => {
		if (id) (keptAsIs.msgids ||= new Set()).add(norm(id.replace(/<[^>]*>/g, '')));
		// A word the translation shares with the English it translates ("points", "Code"): the language's own.
		if (id && str) {
			const inId = new Set(id.replace(/<[^>]*>|%\S*/g, ' ').split(/[^\p{L}]+/u));
			for (const w of str.replace(/<[^>]*>|%\S*/g, ' ').split(/[^\p{L}]+/u)) if (w && inId.has(w)) same.words.add(w);
		}
		if (id && str !== null && norm(id) === norm(str)) {
			same.add(norm(id));
			// "Question %d" kept as "Question %d": any text it makes ("Question 1") is the language's own
			if (id.includes('%'))
				same.patterns.push(new RegExp('^' + norm(id).replace(/<[^>]*>/g, '').split(/%(?:\d+\$)?[-+ #0-9.]*[a-z]+|%%/)
					.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?') + '$'));
		}
		id = str = key = null;
	};
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		let m;
		if ((m = line.match(/^msgid\s+(".*")$/))) { flush(); id = unq(m[1]); key = 'id'; }
		else if ((m = line.match(/^msgstr(?:\[0\])?\s+(".*")$/))) { str = unq(m[1]); key = 'str'; }
		else if ((m = line.match(/^msgstr\[\d+\]/))) key = null;
		else if ((m = line.match(/^(".*")$/)) && key === 'id') id += unq(m[1]);
		else if ((m = line.match(/^(".*")$/)) && key === 'str') str += unq(m[1]);
		else if (/^msgid_plural|^msgctxt/.test(line)) key = null;
	}
	flush();
	// The content's labels (web/modules/CODE/terms.txt, "label: key = text") a language writes as English
	// does ("Sources" in French): a text made only of such words is the language's own.
	const terms = path.join(PO_DIR, '..', 'web', 'modules', code, 'terms.txt');
	if (fs.existsSync(terms))
		for (const line of fs.readFileSync(terms, 'utf8').split('\n')) {
			const m = line.match(/^label:\s*[a-z-]+\s*=\s*(.*)$/);
			if (m) for (const w of m[1].split(/[^\p{L}]+/u)) if (w) same.words.add(w);
		}
	return same;
}

// Runs in the page: the texts a person reads, as normalised strings, each text node and each interface
// attribute (aria-label, placeholder, alt, title) on its own; <html>'s lang and dir; whether the page
// scrolls sideways. Left out: text inside an element with a lang of its own (content, in its language or in
// English where it is not translated), <bdi> (names people typed), <code>, <kbd>, <pre>,
// <svg> (the QR codes), the elements that show a join, resume, workshop or certificate code, and the
// language switch's options (each language's own name). <time> is kept: dates go through the catalog
// (month names), and a date in figures has no word to flag. Closed <details> are opened first: what is
// folded away (a glossary definition, help) is read by whoever opens it.
function collect() {
	const html = document.documentElement;
	const lang = html.getAttribute('lang') || '';
	const LEFT_OUT = 'script, style, template, bdi, code, kbd, pre, svg, .code-big, .sheet-code, .screen-code, ' +
		'.cert-code strong, form.lang-switch option, [hidden]';
	// Measured as the page comes, before anything is opened: the width, and the first element past an edge.
	const wide = { width: html.scrollWidth, outside: null };
	if (html.scrollWidth > window.innerWidth) {
		const el = [...document.body.querySelectorAll('*')].find((e) => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && (r.left < 0 || r.right > window.innerWidth);
		});
		if (el) wide.outside = `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}>`;
	}
	for (const d of document.querySelectorAll('details')) d.open = true;
	const kept = (el) => {
		if (!el || el.closest(LEFT_OUT)) return false;
		// Content carries its own lang (a lesson, a question, a glossary term; English where it is not
		// translated): whether it is translated is the content check's business, not the interface's.
		const own = el.closest('[lang]');
		if (own && own !== html) return false;
		return (el.closest('select') || el).checkVisibility();
	};
	const texts = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const t = n.nodeValue.replace(/\s+/g, ' ').trim();
		if (t && kept(n.parentElement)) texts.push(n.parentElement.closest('option, optgroup') ? `[option] ${t}` : t);
	}
	for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [alt], [title]')) {
		if (!kept(el)) continue;
		for (const a of ['aria-label', 'placeholder', 'alt', 'title']) {
			const v = (el.getAttribute(a) || '').replace(/\s+/g, ' ').trim();
			if (v) texts.push(`[${a}] ${v}`);
		}
	}
	return { texts, lang, dir: html.getAttribute('dir') || '', ...wide };
}

// The texts of `translated` that are English left behind, given the English page's: `same` holds those a
// catalog keeps as they are; `strip` takes out of a text what people typed, which is not English words.
function leftBehind(english, translated, same, strip = (t) => t) {
	const en = new Set(english);
	const own = (w) => same.words && same.words.has(w);
	const bare = (t) => t.replace(/^\[[a-z-]+\] /, '');   // "[aria-label] Modules": the text itself
	const path = /^(https?:\/\/\S+|\/\S*)$/;               // an address is not words
	return [...new Set(translated)].filter((t) => en.has(t) && !same.has(t) && !same.has(bare(t)) &&
		!path.test(bare(t)) && !(same.patterns || []).some((re) => re.test(bare(t))) &&
		englishWords(strip(bare(t))).some((w) => !own(w)));
}

// Crockford base32, as the certificate codes are.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomCode = (n, alphabet = CROCKFORD) =>
	Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');

async function signIn(page, user, password) {
	await page.goto(`${BASE}/signin`);
	await page.fill('#f-username', user);
	await page.fill('#f-password', password);
	await page.click('main button[type=submit]');
	assert.equal(new URL(page.url()).pathname, '/me', `${user} is signed in`);
}

async function join(page, code, name) {
	await page.goto(`${BASE}/join`);
	await page.fill('#f-code', code);
	await page.fill('#f-name', name);
	await page.click('main button[type=submit]');
	const [[id]] = sql(`SELECT id FROM users WHERE display_name = '${name}' ORDER BY id DESC LIMIT 1`);
	return id;
}

// A workshop of the facilitator's in the demo cohort, one question of each kind, written as the store
// writes them (007_live): the facilitator's form for each kind would cost more than the rest of the walk.
// Running, with the quiz question open: the room, the console and the projector show a question.
// Its language is English (015_languages), as the facilitator wrote it: its questions are content, shown
// with lang="en" on a page in another language.
function workshop(owner, cohort, title, running) {
	const code = randomCode(6);   // as sec_code_parse reads it: Crockford's symbols
	// No language of its own: the projector follows the facilitator's, so that it is walked in each.
	const [[id]] = sql(`INSERT INTO workshops (code, title, owner_id, cohort_id) VALUES ('${code}', '${title}',
		${owner}, ${cohort}) RETURNING id`);
	const qs = sql(`INSERT INTO live_questions (workshop_id, position, kind, prompt) VALUES
		(${id}, 1, 'quiz', 'Who decides how a remittance is spent?'),
		(${id}, 2, 'poll', 'Which channel did you use last?'),
		(${id}, 3, 'scale', 'How sure are you of the fees?'),
		(${id}, 4, 'open', 'In one word: what makes remittances work?'),
		(${id}, 5, 'qa', 'Your questions for the speaker') RETURNING id, kind`);
	const q = Object.fromEntries(qs.map(([qid, kind]) => [kind, qid]));
	sql(`INSERT INTO live_options (question_id, position, body, correct) VALUES
		(${q.quiz}, 0, 'The bank that moves it', false), (${q.quiz}, 1, 'The family that receives it', true),
		(${q.poll}, 0, 'A bank', false), (${q.poll}, 1, 'A mobile wallet', false),
		(${q.scale}, 0, 'Not sure at all', false), (${q.scale}, 1, 'Completely sure', false)`);
	if (running) {
		sql(`UPDATE live_questions SET opened_at = now() WHERE id = ${q.quiz}`);
		sql(`UPDATE workshops SET state = 'running', started_at = now(), current_id = ${q.quiz}, version = version + 1
			WHERE id = ${id}`);
	}
	return { id, code };
}

test('every page in every language: no English left behind', { timeout: 170000 }, async (t) => {
	const started = Date.now();
	const browser = await launch();
	t.after(() => browser.close());   // also when an assertion fails: an open browser hangs the runner
	const creds = credentials();
	const { slug, right } = firstModule();
	const [[cohort, joinCode]] = sql(`SELECT id, join_code FROM cohorts WHERE name = 'Demo cohort'`);
	const [[facilitator]] = sql(`SELECT id FROM users WHERE username = '${creds.FACILITATOR_USER}'`);
	const tag = randomCode(4);

	// ---- The collector itself, on a page made for it: it flags the English left in the interface and
	// nothing of what is allowed to stay (a name in <bdi>, the switch's options, content marked English, a
	// code, the product's name). ----
	// Plain contexts, phone width, JavaScript off: lib.js's visitor() also weighs every request, which
	// this walk does not need and which costs it a third of its time.
	const viewer = async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false, ignoreHTTPSErrors: true });
		return { context, page: await context.newPage() };
	};
	const probe = await viewer();
	const fixture = (lang) => `<!doctype html><html lang="${lang}" dir="ltr"><body>
		<h1>${lang === 'en' ? 'Your modules' : 'Vos modules'}</h1><p>Left behind in English</p>
		<p><bdi>Grace Walker</bdi></p><div lang="en"><p>A lesson not translated yet</p></div>
		<p class="code-big">ABCD-EFGH-JKMN</p><p>Passage</p><p>80% · ¶12</p><code>make test</code>
		<form class="lang-switch"><select><option lang="en">English</option><option lang="fr">Français</option></select></form>
		<nav aria-label="Main menu"></nav><details><summary>Help</summary><p>Folded help text</p></details></body></html>`;
	await probe.page.setContent(fixture('en'));
	const probeEn = await probe.page.evaluate(collect);
	await probe.page.setContent(fixture('fr'));
	const probeFr = await probe.page.evaluate(collect);
	assert.deepEqual(leftBehind(probeEn.texts, probeFr.texts, new Set()).sort(),
		['Folded help text', 'Help', 'Left behind in English', '[aria-label] Main menu'],
		'the collector flags the interface left in English, and only that');
	await probe.context.close();

	// ---- The states the pages are reached in, made side by side. ----
	const draft = workshop(facilitator, cohort, `Languages walk draft ${tag}`, false);
	const live = workshop(facilitator, cohort, `Languages walk ${tag}`, true);
	const traineeName = `Walker Done ${tag}`;
	let trainee;
	const roles = {};
	const as = async (role, setup) => {
		roles[role] = await viewer();
		await setup(roles[role].page);
	};
	await Promise.all([
		// A visitor without an account, in the running workshop's room.
		as('anonymous', async (p) => {
			await p.goto(`${BASE}/live?code=${live.code}`);
			await p.click('main button[type=submit]');
			assert.equal(new URL(p.url()).pathname, `/live/${live.code}`, 'the visitor is in the room');
		}),
		// A trainee who has just joined: the blank pre-check and quiz, the case not started.
		as('new trainee', (p) => join(p, joinCode, `Walker New ${tag}`)),
		// A trainee who has read a lesson, taken the pre-check, passed the quiz and started the case.
		as('trainee', async (p) => {
			trainee = await join(p, joinCode, traineeName);
			await p.goto(`${BASE}/modules/${slug}/lessons/1`);
			await p.goto(`${BASE}/modules/${slug}/precheck`);
			if (await p.$('form.quiz')) {
				for (const box of await p.$$('fieldset.question')) await (await box.$('input')).check();
				await p.click('form.quiz button[type=submit]');
			}
			await p.goto(`${BASE}/modules/${slug}/quiz`);
			for (const [q, opts] of Object.entries(await shownRight(p, right)))
				for (const o of opts) await p.check(`input[name=q${q}][value="${o}"]`);
			await p.click('form.quiz button[type=submit]');
			assert.ok((await p.textContent('main')).includes('You passed'), 'the walker passes the quiz');
			await p.goto(`${BASE}/modules/${slug}/scenario`);
			await p.click('main button[type=submit]');
		}),
		as('facilitator', (p) => signIn(p, creds.FACILITATOR_USER, creds.FACILITATOR_PASSWORD)),
		as('admin', (p) => signIn(p, creds.ADMIN_USER, creds.ADMIN_PASSWORD)),
	]);
	// The trainee's certificate, written as the store writes it (as names.test.js does): the case to its
	// end is a journey's work, not this walk's.
	const cert = randomCode(12);
	sql(`INSERT INTO certificates (code, user_id, module_id, revision_id, display_name, module_title)
		SELECT '${cert}', u.id, m.id, v.id, u.display_name, v.title FROM users u, modules m
		JOIN module_revisions v ON v.id = m.current_revision WHERE u.id = ${trainee} AND m.slug = '${slug}'`);
	const certShown = `${cert.slice(0, 4)}-${cert.slice(4, 8)}-${cert.slice(8)}`;

	// ---- Every GET page of routes.c, by the roles that see it. ----
	const T = 'trainee', N = 'new trainee', A = 'anonymous', F = 'facilitator', D = 'admin';
	const PAGES = [
		['/', [A, T, F, D]],
		['/join', [A, T]],                       // signed in: "continue as"
		['/resume', [A]],
		['/signin', [A]],
		['/me', [T, F, D]],
		['/me/code', [T]],
		['/me/password', [T, F, D]],
		['/admin/users', [D]],
		['/modules', [N, T, F]],
		[`/modules/${slug}`, [N, T, F]],
		[`/modules/${slug}/lessons/1`, [T]],
		[`/modules/${slug}/precheck`, [N, T]],
		[`/modules/${slug}/precheck/1`, [T]],
		[`/modules/${slug}/quiz`, [N, T]],
		[`/modules/${slug}/quiz/1`, [T]],
		[`/modules/${slug}/scenario`, [N, T]],
		[`/modules/${slug}/notes`, [F]],
		[`/certificates/${certShown}`, [A, T]],
		['/verify', [A]],
		[`/verify?code=${cert}`, [A]],
		['/glossary', [A, T]],
		['/about-the-source', [A]],
		['/cohorts', [F]],
		[`/cohorts/${cohort}`, [F]],
		[`/cohorts/${cohort}/settings`, [F]],
		[`/cohorts/${cohort}/roster`, [F]],
		[`/cohorts/${cohort}/sheet`, [F]],
		[`/cohorts/${cohort}/modules/${slug}`, [F]],
		[`/cohorts/${cohort}/trainees/${trainee}`, [F]],
		[`/cohorts/${cohort}/trainees/${trainee}/merge`, [F]],
		[`/cohorts/${cohort}/slips`, [F]],
		['/live', [A]],
		[`/live/${live.code}`, [A]],
		['/workshops', [F]],
		[`/workshops/${draft.id}`, [F]],
		[`/workshops/${draft.id}/console`, [F]],
		[`/workshops/${live.id}`, [F]],
		[`/workshops/${live.id}/console`, [F]],
		[`/workshops/${live.id}/screen`, [F]],
		['/no-such-page', [A]],                  // the error page (not a row, but a page people read)
	];

	const same = Object.fromEntries(LANGS.map((l) => [l, keptAsIs(l)]));
	const results = [];   // {where, en, fr, es, ar}: each page's texts in each language
	const problems = new Map();   // what is wrong: [pages]
	const problem = (where, what) => problems.set(what, [...(problems.get(what) || []), where]);
	// The roles walk side by side, a context each; each page in English, then in each language, by the
	// cookie the switch sets. (A context for each role and language, all four loads at once, cost half as
	// much again in processor time: it is the machine's two cores that bound this walk.)
	const walkStarted = Date.now();
	await Promise.all(Object.entries(roles).map(async ([role, { context, page }]) => {
		for (const [url, who] of PAGES) {
			if (!who.includes(role)) continue;
			const where = `${url} (${role})`;
			const seen = { where };
			for (const code of ['en', ...LANGS]) {
				await context.addCookies([{ name: 'lang', value: code, url: BASE }]);
				const res = await page.goto(`${BASE}${url}`);
				const status = res ? res.status() : 0;
				const expected = url === '/no-such-page' ? 404 : 200;
				if (status !== expected) problem(where, `in ${code}: answered ${status}, not ${expected}`);
				if (new URL(page.url()).pathname !== url.split('?')[0])
					problem(where, `in ${code}: went on to ${new URL(page.url()).pathname}`);
				const got = await page.evaluate(collect);
				seen[code] = got.texts;
				const dir = RTL.has(code) ? 'rtl' : 'ltr';
				if (got.lang !== code || got.dir !== dir)
					problem(where, `in ${code}: <html lang="${got.lang}" dir="${got.dir}">, not lang="${code}" dir="${dir}"`);
				if (RTL.has(code) && got.width > VIEWPORTS.phone.width)
					problem(where, `in ${code}: scrolls sideways at ${VIEWPORTS.phone.width} px (${got.width} px wide` +
						`${got.outside ? `, ${got.outside} past the edge` : ''})`);
			}
			results.push(seen);
		}
	}));
	const walkSeconds = (Date.now() - walkStarted) / 1000;

	// What people typed (names of trainees and staff, cohorts, workshops' titles), read after the walk so
	// that what other journeys typed meanwhile is known too. A text node holding one is outside any <bdi>
	// (the collector skips what is inside): that is said once per page, from the English page, and the
	// name does not count as English words. What a facilitator wrote for a live workshop (its questions and
	// options) is content as written, in whatever language: not English left behind either.
	const byLength = (rows) => [...new Set(rows.map(([n]) => norm(n)).filter((n) => n.length >= 3))]
		.sort((a, b) => b.length - a.length);
	// A name that is also words of the interface (another journey may join as "Paths through the cases")
	// cannot be told from them: it is not counted as a name.
	const interfaceWords = keptAsIs.msgids || new Set();
	// Only the names this walk made (they end in its tag) and the demo's own are looked for: another
	// journey's trainee may be called "Amina", a word a lesson's quoted feedback holds too.
	const names = byLength(sql(`SELECT display_name FROM users UNION SELECT name FROM cohorts
		UNION SELECT title FROM workshops`)).filter((n) => !interfaceWords.has(n) && (n.endsWith(tag) || n.startsWith('Demo ')));
	const typed = byLength(sql(`SELECT display_name FROM users UNION SELECT name FROM cohorts UNION SELECT title
		FROM workshops UNION SELECT prompt FROM live_questions UNION SELECT body FROM live_options`));
	const strip = (list) => (text) => list.reduce((t, name) => (t.includes(name) ? t.split(name).join(' ') : t), text);
	const withoutNames = strip(names), withoutTyped = strip(typed);
	const flagged = Object.fromEntries(LANGS.map((l) => [l, []]));   // [where, [texts]]
	for (const seen of results.sort((a, b) => a.where.localeCompare(b.where))) {
		const bare = seen.en.filter((t) => !t.startsWith('[') && withoutNames(t) !== t);
		if (bare.length)
			problem(seen.where, `${bare.length} text(s) with a typed name outside <bdi>, e.g. ` +
				bare.slice(0, 3).map((n) => `"${n}"`).join(', '));
		for (const code of LANGS) {
			const left = leftBehind(seen.en, seen[code], same[code], withoutTyped);
			if (left.length) flagged[code].push([seen.where, left]);
		}
	}

	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const total = (code) => flagged[code].reduce((s, [, left]) => s + left.length, 0);
	const summary = `languages: ${results.length} pages × ${1 + LANGS.length} languages walked in ` +
		`${walkSeconds.toFixed(1)} s (${seconds} s in all); English left behind: ` +
		LANGS.map((l) => `${l} ${total(l)} on ${flagged[l].length} pages`).join(', ');
	console.log(summary);

	// The report: for each language, the texts left on many pages (the frame: header, footer, switch) once,
	// then each page with its own, the first SHOW_PER_PAGE of them.
	const quote = (text) => `"${text.length > 110 ? `${text.slice(0, 110)}…` : text}"`;
	const report = [];
	for (const code of LANGS) {
		if (!total(code)) continue;
		const pagesOf = new Map();
		for (const [, left] of flagged[code]) for (const text of left) pagesOf.set(text, (pagesOf.get(text) || 0) + 1);
		const common = [...pagesOf].filter(([, n]) => n >= FRAME_PAGES).sort((a, b) => b[1] - a[1]);
		const isCommon = new Set(common.map(([text]) => text));
		report.push('', `${code}: ${total(code)} texts left in English (${pagesOf.size} different) on ` +
			`${flagged[code].length} of ${results.length} pages`);
		if (common.length) {
			report.push(`  on ${FRAME_PAGES} pages or more (${common.length}):`);
			for (const [text, n] of common) report.push(`    ${quote(text)} (${n} pages)`);
		}
		for (const [where, left] of flagged[code]) {
			const own = left.filter((text) => !isCommon.has(text));
			if (!own.length) continue;
			report.push(`  ${where}: ${own.length}${own.length < left.length ? ` (and ${left.length - own.length} of those above)` : ''}`);
			for (const text of own.slice(0, SHOW_PER_PAGE)) report.push(`    ${quote(text)}`);
			if (own.length > SHOW_PER_PAGE) report.push(`    … and ${own.length - SHOW_PER_PAGE} more`);
		}
	}
	// Other problems, one line each; one that many pages share (the frame's) once, with the pages.
	const other = [...problems].map(([what, pages]) => (pages.length > 3
		? `on ${pages.length} pages (${pages.slice(0, 3).join(', ')}, …): ${what}` : `${pages.join(', ')}: ${what}`)).sort();
	if (other.length) report.unshift('', 'Pages wrong in another way:', ...other.map((p) => `  ${p}`));
	assert.ok(report.length === 0, `${summary}${report.join('\n')}`);
});
