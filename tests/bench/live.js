#!/usr/bin/env node
// live.js: a live workshop under load, as N phones and one projector would make it, through nginx over
// TLS. Every participant has its own keep-alive TLS connection and its own cookies. It joins (GET
// /live?code=, POST /live, GET /live/CODE), then polls /live/CODE every second with If-None-Match. Once all have joined, the facilitator opens the first question (POST
// /workshops/ID/console action=next); each participant answers it once, at a uniformly random moment of the
// answer window that starts when the question opened (or as soon as it sees the question, if later), and
// goes on polling. The projector polls /workshops/ID/screen every second and notes when its answer count
// first reaches the number of answers accepted. The run ends 5 s after that, or at the global timeout.
//
// Usage: node live.js --url URL --n N --code CODE --workshop ID --staff-cookie TOKEN --staff-csrf CSRF
//                     [--question QID] [--ca FILE] [--ramp 15] [--join-concurrency 64] [--poll 1000]
//                     [--window 10000] [--projector-poll 1000] [--settle 2] [--tail 5] [--timeout 120]
//                     [--request-timeout 10] [--join-grace 30] [--no-open] [--json FILE] [--quiet] [--http raw|node]
// Each option can also come from the environment: --staff-cookie is LIVE_STAFF_COOKIE, --n is LIVE_N, ...
//   --url              https://127.0.0.1:PORT (no trailing slash)
//   --n                participants
//   --code             the workshop's live code (6 letters and digits)
//   --workshop         the live workshop's id (for the console and the projector)
//   --staff-cookie     the facilitator's __Host-passage cookie value; --staff-csrf its CSRF token
//   --question         the id of the question that will open: checked against the participants' forms
//   --ca               the stack's certificate (var/tls/localhost.crt); without it the certificate is not checked
//   --ramp             seconds over which the joins are spread; --join-concurrency joins at once at most
//   --poll             ms between a participant's polls; --projector-poll the same for the projector
//   --window           ms of the answer window; --settle s between the last join and opening the question
//   --join-grace       s after the ramp by which every join must be done (else the run stops, missed)
//   --tail             s of polling after the projector shows every answer; --timeout s for the whole run
//   --no-open          do not open the question (someone else posts action=next; the window starts when
//                      the first participant sees it)
//   --http             raw (default): a minimal HTTP/1.1 client on node:tls; node: node:https, one Agent
//                      with maxSockets 1 per participant (the same traffic at about twice the CPU)
// Output: human lines ("live: ..."), then one JSON line with every figure (also written to --json FILE).
// Targets (exit 0 only when all hold): no errors, every participant answered and got 303, answer p99
// under 100 ms, the projector's count right within 2 s of the last answer.
'use strict';
const https = require('node:https');
const tls = require('node:tls');
const net = require('node:net');
const zlib = require('node:zlib');
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { performance, monitorEventLoopDelay } = require('node:perf_hooks');

const spec = {
	url: { type: 'string' }, n: { type: 'string' }, code: { type: 'string' }, workshop: { type: 'string' },
	'staff-cookie': { type: 'string' }, 'staff-csrf': { type: 'string' }, question: { type: 'string' },
	ca: { type: 'string' }, ramp: { type: 'string' }, 'join-concurrency': { type: 'string' },
	poll: { type: 'string' }, window: { type: 'string' }, 'projector-poll': { type: 'string' },
	settle: { type: 'string' }, 'join-grace': { type: 'string' }, tail: { type: 'string' }, timeout: { type: 'string' },
	'request-timeout': { type: 'string' }, 'no-open': { type: 'boolean' }, json: { type: 'string' },
	quiet: { type: 'boolean' }, http: { type: 'string' },
};
const { values: argv } = parseArgs({ options: spec, strict: true });
function opt(name, dflt) {
	if (argv[name] !== undefined) return argv[name];
	const env = process.env['LIVE_' + name.toUpperCase().replace(/-/g, '_')];
	if (env !== undefined && env !== '') return env;
	if (dflt === undefined) { console.error(`live: --${name} is required`); process.exit(2); }
	return dflt;
}
const BASE = opt('url').replace(/\/+$/, '');
const N = parseInt(opt('n'), 10);
const CODE = opt('code');
const WORKSHOP = opt('workshop');
const STAFF_COOKIE = opt('staff-cookie');
const STAFF_CSRF = opt('staff-csrf');
const QUESTION = opt('question', '');
const CA = opt('ca', '');
const RAMP_MS = parseFloat(opt('ramp', '15')) * 1000;
const JOIN_CONC = parseInt(opt('join-concurrency', '64'), 10);
const POLL_MS = parseInt(opt('poll', '1000'), 10);
const WINDOW_MS = parseInt(opt('window', '10000'), 10);
const PROJ_MS = parseInt(opt('projector-poll', '1000'), 10);
const SETTLE_MS = parseFloat(opt('settle', '2')) * 1000;
const TAIL_MS = parseFloat(opt('tail', '5')) * 1000;
const TIMEOUT_MS = parseFloat(opt('timeout', '120')) * 1000;
const REQ_TIMEOUT_MS = parseFloat(opt('request-timeout', '10')) * 1000;
const JOIN_GRACE_MS = parseFloat(opt('join-grace', '30')) * 1000;
const OPEN = !(argv['no-open'] || /^(1|yes|true)$/.test(process.env.LIVE_NO_OPEN || ''));
const JSON_FILE = opt('json', '');
const QUIET = !!argv.quiet;
const HTTP_IMPL = opt('http', 'raw');
if (!(N > 0) || !/^https:\/\//.test(BASE)) { console.error('live: need --n > 0 and an https:// --url'); process.exit(2); }

const u = new URL(BASE);
const HOST = u.hostname, PORT = u.port ? parseInt(u.port, 10) : 443;
const TLS = CA ? { ca: fs.readFileSync(CA), rejectUnauthorized: true } : { rejectUnauthorized: false };
const T0 = performance.now();
const now = () => performance.now() - T0;   // ms since start
const say = (s) => { if (!QUIET) console.log(`live: [${(now() / 1000).toFixed(1).padStart(5)} s] ${s}`); };

// ---- measurements ------------------------------------------------------------------------------------
const lat = { join: [], joinTotal: [], poll200: [], poll304: [], answer: [], projector: [] };
const errors = {};                       // "phase kind" -> count
const errorSamples = [];
let errorTotal = 0;
function fail(phase, kind, detail) {
	const k = `${phase} ${kind}`;
	errors[k] = (errors[k] || 0) + 1;
	errorTotal++;
	if (errorSamples.length < 10) errorSamples.push(`${k}${detail ? ': ' + detail : ''}`);
}
function pct(arr, p) {
	if (arr.length === 0) return null;
	const s = Float64Array.from(arr).sort();
	const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
	return Math.round(s[i] * 10) / 10;
}
const summary = (arr) => ({ count: arr.length, p50: pct(arr, 50), p95: pct(arr, 95), p99: pct(arr, 99), max: pct(arr, 100) });
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const cpu0 = process.cpuUsage();

// ---- HTTP ----------------------------------------------------------------------------------------------
// Each participant, the projector and the facilitator own one connection: a keep-alive TLS socket,
// opened on first use and again after the server closes it, one request at a time. The default client
// writes HTTP/1.1 itself and reads only what the run needs (status, ETag, Set-Cookie, Location, the body
// when asked), about half the CPU of node:https, which matters with client and server sharing
// two cores; --http node uses node:https (an https.Agent with maxSockets 1) instead.
let inflight = 0;
const HOST_HEADER = u.host;
const busyConns = new Set();
// Requests that outlive --request-timeout are cut (the connection with them) and counted as timeouts.
setInterval(() => {
	const t = performance.now();
	for (const c of busyConns) if (t - c.t > REQ_TIMEOUT_MS) c.fail(new Error('timeout'));
}, 250).unref();

// Pages come gzipped, as to a phone (nginx compresses text/html for clients that ask).
const GZIP = { 'Accept-Encoding': 'gzip' };
function text(buf, encoding) {
	try {
		return (encoding === 'gzip' ? zlib.gunzipSync(buf) : buf).toString('utf8');
	} catch (e) {
		return '';
	}
}
// One TLS context for every connection (a context per connection costs more than the handshake's crypto).
const SECURE_CONTEXT = tls.createSecureContext(CA ? { ca: TLS.ca } : {});
class RawConn {
	constructor() { this.sock = null; this.cb = null; this.buf = null; this.res = null; }
	// cb(err, status, headers, body, ms); headers: {etag, location, 'set-cookie': [...]}, lower-case names.
	request(method, path, headers, body, wantBody, cb) {
		if (this.cb) throw new Error('one request at a time');
		let head = `${method} ${path} HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n`;
		for (const k in headers) if (headers[k] !== '' && headers[k] !== undefined) head += `${k}: ${headers[k]}\r\n`;
		if (body !== null) head += `Origin: ${BASE}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
		head += '\r\n';
		if (body !== null) head += body;
		this.cb = cb; this.wantBody = wantBody; this.head = method === 'HEAD';
		this.t = performance.now();
		this.buf = null; this.res = null;
		inflight++;
		busyConns.add(this);
		if (this.sock === null) this.connect();
		this.sock.write(head);
	}
	connect() {
		const s = tls.connect({ host: HOST, port: PORT, servername: net.isIP(HOST) ? undefined : HOST,
			ALPNProtocols: ['http/1.1'], secureContext: SECURE_CONTEXT, rejectUnauthorized: TLS.rejectUnauthorized });
		s.setNoDelay(true);
		// Events of a socket already given up (after a timeout, or Connection: close) are ignored.
		s.on('data', (d) => { if (this.sock === s) this.data(d); });
		s.on('error', (e) => { if (this.sock === s) this.fail(e); });
		s.on('close', () => { if (this.sock === s) this.fail(new Error('connection closed')); });
		this.sock = s;
	}
	fail(err) {
		const s = this.sock;
		this.sock = null;
		if (s) s.destroy();
		if (this.cb) this.done(err, null);
	}
	done(err, res) {
		const cb = this.cb;
		this.cb = null; this.buf = null; this.res = null;
		inflight--;
		busyConns.delete(this);
		const ms = performance.now() - this.t;
		if (err) cb(err, null, null, '', ms);
		else cb(null, res.status, res.headers, res.body, ms);
	}
	data(d) {
		if (!this.cb) { this.fail(null); return; }   // bytes nobody asked for: drop the connection
		this.buf = this.buf === null ? d : Buffer.concat([this.buf, d]);
		let r = this.res;
		if (r === null) {
			const end = this.buf.indexOf('\r\n\r\n');
			if (end < 0) return;
			const lines = this.buf.toString('latin1', 0, end).split('\r\n');
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
			if (!m) return this.fail(new Error('bad status line'));
			r = this.res = { status: +m[1], headers: { 'set-cookie': [] }, body: '', len: -1, chunked: false, close: false, chunks: [] };
			for (let i = 1; i < lines.length; i++) {
				const l = lines[i], c = l.indexOf(':');
				if (c < 0) continue;
				const name = l.slice(0, c).toLowerCase(), v = l.slice(c + 1).trim();
				if (name === 'set-cookie') r.headers['set-cookie'].push(v);
				else if (name === 'content-length') r.len = parseInt(v, 10);
				else if (name === 'transfer-encoding') r.chunked = /chunked/i.test(v);
				else if (name === 'connection') r.close = /close/i.test(v);
				else r.headers[name] = v;
			}
			this.buf = this.buf.subarray(end + 4);
			if (this.head || r.status === 304 || r.status === 204 || (r.status >= 100 && r.status < 200)) r.len = 0, r.chunked = false;
			r.keep = this.wantBody(r.status);
		}
		if (r.chunked) {
			for (;;) {
				const nl = this.buf.indexOf('\r\n');
				if (nl < 0) return;
				const size = parseInt(this.buf.toString('latin1', 0, nl), 16);
				if (Number.isNaN(size)) return this.fail(new Error('bad chunk'));
				if (size === 0) {
					const fin = this.buf.indexOf('\r\n\r\n', nl);
					if (fin < 0) return;
					this.buf = this.buf.subarray(fin + 4);
					break;
				}
				if (this.buf.length < nl + 2 + size + 2) return;
				if (r.keep) r.chunks.push(this.buf.subarray(nl + 2, nl + 2 + size));
				this.buf = this.buf.subarray(nl + 2 + size + 2);
			}
		} else if (r.len >= 0) {
			if (this.buf.length < r.len) return;
			if (r.keep) r.chunks.push(this.buf.subarray(0, r.len));
			this.buf = this.buf.subarray(r.len);
		} else {
			return this.fail(new Error('response without a length'));   // nginx always sends one
		}
		if (r.keep) r.body = text(Buffer.concat(r.chunks), r.headers['content-encoding']);
		if (r.close) { const s = this.sock; this.sock = null; if (s) s.end(); }
		this.done(null, r);
	}
	destroy() { if (this.sock) this.sock.destroy(); this.sock = null; }
}

class NodeConn {
	constructor() { this.agent = new https.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, ...TLS }); }
	request(method, path, headers, body, wantBody, cb) {
		const t = performance.now();
		let done = false;
		const finish = (err, res, text) => {
			if (done) return;
			done = true;
			inflight--;
			cb(err, res && res.statusCode, res && res.headers, text, performance.now() - t);
		};
		inflight++;
		const h = { ...headers };
		if (body !== null) {
			h['Content-Type'] = 'application/x-www-form-urlencoded';
			h['Content-Length'] = Buffer.byteLength(body);
			h.Origin = BASE;
		}
		const req = https.request({ host: HOST, port: PORT, method, path, agent: this.agent, headers: h }, (res) => {
			const keep = wantBody(res.statusCode);
			const chunks = [];
			res.on('data', (c) => { if (keep) chunks.push(c); });
			res.on('end', () => finish(null, res, keep ? text(Buffer.concat(chunks), res.headers['content-encoding']) : ''));
			res.on('error', (e) => finish(e));
		});
		req.setTimeout(REQ_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
		req.on('error', (e) => finish(e));
		req.end(body === null ? undefined : body);
	}
	destroy() { this.agent.destroy(); }
}
const Conn = HTTP_IMPL === 'node' ? NodeConn : RawConn;
const request = (conn, ...args) => conn.request(...args);
const errKind = (e) => (e.message === 'timeout' ? 'timeout' : e.code || e.message);

function takeCookies(jar, headers) {
	for (const c of headers['set-cookie'] || []) {
		const m = /^\s*([^=;\s]+)=([^;]*)/.exec(c);
		if (!m) continue;
		if (m[2] === '' || /;\s*max-age=0\b/i.test(c)) jar.delete(m[1]); else jar.set(m[1], m[2]);
	}
}
const cookieHeader = (jar) => Array.from(jar, ([k, v]) => `${k}=${v}`).join('; ');
const form = (o) => Object.entries(o).map(([k, v]) => `${k}=${encodeURIComponent(String(v)).replace(/%20/g, '+')}`).join('&');
const attr = (tag, name) => { const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag); return m ? m[1] : null; };
const CSRF_RE = /name="csrf"\s+value="([^"]+)"/;
// The open question on a participant's page: {q, choices, csrf} or null.
function parseQuestion(html) {
	const forms = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/g) || [];
	for (const f of forms) {
		if (!/name="action"\s+value="answer"/.test(f) && !/value="answer"\s+name="action"/.test(f)) continue;
		let q = null, csrf = null, choices = 0;
		for (const tag of f.match(/<input\b[^>]*>/g) || []) {
			const name = attr(tag, 'name');
			if (name === 'q') q = attr(tag, 'value');
			else if (name === 'csrf') csrf = attr(tag, 'value');
			else if (name === 'choice') choices++;
		}
		if (q && /^\d+$/.test(q) && choices > 0) return { q, csrf, choices };
	}
	return null;
}

// ---- the run's clock ----------------------------------------------------------------------------------
let tOpen = null;            // ms: the question opened (the console's 303 came back)
let tLastAnswer = null;      // ms: the last answer's 303 came back
let answersOk = 0, answersDone = 0, answersSent = 0, answered409 = 0;
let joinedOk = 0, joinsDone = 0;
let stopping = false;
const seenAt = [];           // ms from opening to a participant first seeing the question
let wrongQuestion = 0;
const answerTimes = [];      // [ms when sent, ms it took], for the slowest in the report
let lastPoll = 0, firstPoll = null;

// ---- participants -------------------------------------------------------------------------------------
const LIVE_PATH = `/live/${encodeURIComponent(CODE)}`;
class Participant {
	constructor(i) {
		this.i = i;
		this.conn = new Conn();
		this.jar = new Map();
		this.etag = null;
		this.csrf = null;
		this.question = null;
		this.answerDue = null;      // ms: when this participant means to answer
		this.answered = false;
		this.busy = false;
		this.timer = null;
		this.nextPoll = 0;
		this.polling = false;
	}
	headers(extra) { return { Cookie: cookieHeader(this.jar), ...GZIP, ...extra }; }

	join(done) {
		const t = performance.now();
		request(this.conn, 'GET', `/live?code=${encodeURIComponent(CODE)}`, this.headers(), null, (s) => s === 200, (err, st, h, body, ms) => {
			if (err) return this.joinFailed(done, 'form', errKind(err));
			lat.join.push(ms);
			if (st !== 200) return this.joinFailed(done, 'form', `status ${st}`);
			takeCookies(this.jar, h);
			const m = CSRF_RE.exec(body);
			if (!m) return this.joinFailed(done, 'form', 'no csrf input');
			const name = `Load ${this.i + 1} ${Math.random().toString(36).slice(2, 6)}`;
			request(this.conn, 'POST', '/live', this.headers(), form({ csrf: m[1], code: CODE, name }), () => false, (err2, st2, h2, _b, ms2) => {
				if (err2) return this.joinFailed(done, 'post', errKind(err2));
				lat.join.push(ms2);
				if (st2 !== 303) return this.joinFailed(done, 'post', `status ${st2}`);
				takeCookies(this.jar, h2);
				if (!/\/live\//.test(h2.location || '')) fail('join', 'post', `Location ${h2.location}`);
				this.poll((ok) => {
					if (!ok) return this.joinFailed(done, 'page', null, true);
					joinedOk++;
					lat.joinTotal.push(performance.now() - t);
					this.nextPoll = now() + Math.random() * POLL_MS;
					this.polling = true;
					this.schedule();
					done();
				}, true);
			});
		});
	}
	joinFailed(done, step, kind, counted) {
		if (!counted) fail('join', `${step} ${kind}`);
		done();
	}

	schedule() {
		if (stopping) return;
		clearTimeout(this.timer);
		let at = this.nextPoll;
		if (this.answerDue !== null && !this.answered && this.question) at = Math.min(at, this.answerDue);
		this.timer = setTimeout(() => this.tick(), Math.max(0, at - now()));
	}
	tick() {
		if (stopping || this.busy) return;
		const t = now();
		if (this.question && !this.answered && this.answerDue !== null && t >= this.answerDue) return this.answer();
		if (t >= this.nextPoll) {
			// Keep the cadence; a participant that fell behind polls at once, never twice in a row.
			this.nextPoll = Math.max(this.nextPoll + POLL_MS, t + POLL_MS / 2);
			return this.poll(() => this.schedule(), false);
		}
		this.schedule();
	}
	// GET /live/CODE, conditional after the first. cb(ok).
	poll(cb, first) {
		this.busy = true;
		const h = this.headers(this.etag && !first ? { 'If-None-Match': this.etag } : {});
		request(this.conn, 'GET', LIVE_PATH, h, null, (s) => s === 200, (err, st, hd, body, ms) => {
			this.busy = false;
			const t = now();
			if (firstPoll === null) firstPoll = t;
			lastPoll = t;
			if (err) { fail(first ? 'join' : 'poll', errKind(err)); return cb(false); }
			if (st === 304) {
				lat.poll304.push(ms);
				return cb(true);
			}
			if (st !== 200) { fail(first ? 'join' : 'poll', `status ${st}`); return cb(false); }
			(first ? lat.join : lat.poll200).push(ms);
			takeCookies(this.jar, hd);
			if (hd.etag) this.etag = hd.etag; else fail('poll', 'no ETag');
			const m = CSRF_RE.exec(body);
			if (m) this.csrf = m[1];
			if (!this.answered) {
				const q = parseQuestion(body);
				if (q && !this.question) {
					this.question = q;
					if (QUESTION && q.q !== QUESTION) wrongQuestion++;
					// --no-open, or a sighting before the console's 303 is back: the first sighting starts the window.
					if (tOpen === null) tOpen = t;
					seenAt.push(t - tOpen);
					this.answerDue = Math.max(t, tOpen + Math.random() * WINDOW_MS);
				}
			}
			cb(true);
		});
	}
	answer() {
		this.busy = true;
		this.answered = true;
		answersSent++;
		const q = this.question;
		const body = form({ csrf: q.csrf || this.csrf, action: 'answer', q: q.q, choice: Math.floor(Math.random() * q.choices) });
		request(this.conn, 'POST', LIVE_PATH, this.headers(), body, () => false, (err, st, hd, _b, ms) => {
			this.busy = false;
			answersDone++;
			if (err) fail('answer', errKind(err));
			else {
				lat.answer.push(ms);
				answerTimes.push([Math.round(now() - ms), Math.round(ms)]);
				takeCookies(this.jar, hd);
				if (st === 303) { answersOk++; tLastAnswer = now(); }
				else { if (st === 409) answered409++; fail('answer', `status ${st}`); }
			}
			// A browser follows the redirect: fetch the page now (a poll), then keep the cadence.
			this.nextPoll = now();
			this.tick();
		});
	}
	stop() { stopping = true; clearTimeout(this.timer); }
}

// ---- the facilitator and the projector ----------------------------------------------------------------
const staffConn = new Conn();
const projConn = new Conn();
const staffHeaders = { Cookie: `__Host-passage=${STAFF_COOKIE}`, ...GZIP };
const proj = { etag: null, answered: null, joined: null, answeredMax: 0, polls: 0, n304: 0, timer: null,
	seen: [], tAllAnswers: null, overCount: false };   // seen: [ms, answered] for every response
function projectorPoll() {
	if (stopping) return;
	const started = now();
	const h = { ...staffHeaders, ...(proj.etag ? { 'If-None-Match': proj.etag } : {}) };
	request(projConn, 'GET', `/workshops/${WORKSHOP}/screen`, h, null, (s) => s === 200, (err, st, hd, body, ms) => {
		const t = now();
		proj.polls++;
		if (err) fail('projector', errKind(err));
		else if (st === 304) { proj.n304++; lat.projector.push(ms); }
		else if (st !== 200) fail('projector', `status ${st}`);
		else {
			lat.projector.push(ms);
			if (hd.etag) proj.etag = hd.etag;
			const a = /id="answered"[^>]*>\s*(\d+)/.exec(body), j = /id="joined"[^>]*>\s*(\d+)/.exec(body);
			// Before a question is on screen there is no answer count; the joined count is always there.
			if (!j || (!a && tOpen !== null && started > tOpen)) fail('projector', `no ${j ? 'answered' : 'joined'} count`);
			proj.joined = j ? +j[1] : proj.joined;
			proj.answered = a ? +a[1] : null;
			if (a) {
				proj.answeredMax = Math.max(proj.answeredMax, proj.answered);
				if (proj.answered > N) proj.overCount = true;
			}
		}
		if (proj.answered !== null && tOpen !== null) proj.seen.push([t, proj.answered]);
		// Every answer is back and the screen shows them all (the stop condition; the delay is computed
		// from proj.seen at the end, so a screen that was right before the last 303 came back counts as 0).
		if (proj.tAllAnswers === null && answersDone === joinedOk && proj.answered === answersOk && answersOk > 0) proj.tAllAnswers = t;
		proj.timer = setTimeout(projectorPoll, Math.max(0, started + PROJ_MS - now()));
	});
}
function openQuestion(cb) {
	const t = now();
	request(staffConn, 'POST', `/workshops/${WORKSHOP}/console`, staffHeaders, form({ csrf: STAFF_CSRF, action: 'next' }),
		(s) => s !== 303, (err, st, _h, body, ms) => {
			if (err) { fail('facilitator', errKind(err)); return cb(false); }
			if (st !== 303) { fail('facilitator', `next: status ${st}`, body.slice(0, 200).replace(/\s+/g, ' ')); return cb(false); }
			tOpen = tOpen === null ? now() : Math.min(tOpen, now());
			say(`question opened by the facilitator (the console answered in ${ms.toFixed(0)} ms, ${(tOpen - t).toFixed(0)} ms after sending)`);
			cb(true);
		});
}

// ---- the run ------------------------------------------------------------------------------------------
const people = Array.from({ length: N }, (_, i) => new Participant(i));
let finished = false;
const globalTimer = setTimeout(() => { say(`global timeout (${TIMEOUT_MS / 1000} s): stopping`); fail('run', 'global timeout'); end(); }, TIMEOUT_MS);

function joinAll(cb) {
	let next = 0, running = 0, timer = null;
	const start = now();
	say(`joining ${N} participants over ${(RAMP_MS / 1000).toFixed(0)} s, at most ${JOIN_CONC} at once`);
	const progress = setInterval(() => say(`joined ${joinedOk}/${N}, ${errorTotal} errors, ${inflight} requests in flight`), 5000);
	// A server that cannot keep up shows here first: joins queue behind the polls of those already in.
	const deadline = setTimeout(() => {
		clearInterval(progress);
		say(`only ${joinedOk} of ${N} joined ${(RAMP_MS + JOIN_GRACE_MS) / 1000} s after the first: stopping`);
		fail('run', 'joins not done in time');
		end();
	}, RAMP_MS + JOIN_GRACE_MS);
	const pump = () => {
		if (stopping) { clearInterval(progress); return; }
		while (next < N && running < JOIN_CONC && now() >= start + (next * RAMP_MS) / N) {
			const p = people[next++];
			running++;
			p.join(() => {
				running--;
				if (++joinsDone === N) { clearInterval(progress); clearTimeout(deadline); return cb(); }
				pump();
			});
		}
		if (next < N && running < JOIN_CONC && timer === null)
			timer = setTimeout(() => { timer = null; pump(); }, Math.max(1, start + (next * RAMP_MS) / N - now()));
	};
	pump();
}

function waitFor(cond, limitMs, cb) {
	const t = now();
	const check = () => (cond() || now() - t > limitMs || stopping ? cb() : setTimeout(check, 100));
	check();
}

joinAll(() => {
	say(`all joins done: ${joinedOk} of ${N} joined, ${errorTotal} errors; settling ${SETTLE_MS / 1000} s`);
	projectorPoll();
	setTimeout(() => waitFor(() => proj.joined === joinedOk, 10000, () => {
		if (proj.joined !== joinedOk) say(`the projector shows ${proj.joined} joined, not ${joinedOk}`);
		const go = (ok) => {
			if (!ok) { say('could not open the question: stopping'); return end(); }
			const progress = setInterval(() => say(`answers ${answersOk}/${answersSent} sent, projector ${proj.answered}, `
				+ `${lat.poll200.length + lat.poll304.length} polls, ${errorTotal} errors, ${inflight} in flight`), 2000);
			// Wait for every answer, then for the projector to show them, then the tail.
			waitFor(() => answersDone === joinedOk, WINDOW_MS + 30000, () => {
				say(`answers done: ${answersOk} accepted of ${answersSent} sent`);
				waitFor(() => proj.tAllAnswers !== null, 15000, () => {
					say(proj.tAllAnswers !== null ? `the projector shows ${proj.answered}; polling on for ${TAIL_MS / 1000} s`
						: `the projector shows ${proj.answered}, not ${answersOk}: giving up on it`);
					setTimeout(() => { clearInterval(progress); end(); }, proj.tAllAnswers !== null ? TAIL_MS : 0);
				});
			});
		};
		if (OPEN) openQuestion(go); else { say('waiting for someone to open the question (--no-open)'); go(true); }
	}), SETTLE_MS);
});

function end() {
	if (finished) return;
	finished = true;
	for (const p of people) p.stop();
	stopping = true;
	clearTimeout(proj.timer);
	clearTimeout(globalTimer);
	// Let the requests in flight finish (they are counted), for at most the request timeout.
	const t = now();
	const drain = () => (inflight === 0 || now() - t > REQ_TIMEOUT_MS ? report() : setTimeout(drain, 50));
	drain();
}

function report() {
	loop.disable();
	const wall = now();
	const cpu = process.cpuUsage(cpu0);
	const polls = lat.poll200.length + lat.poll304.length;
	const allPolls = lat.poll200.concat(lat.poll304);
	const pollSpan = firstPoll !== null ? (lastPoll - firstPoll) / 1000 : 0;
	// The first moment the screen showed every accepted answer, and stayed right from then on.
	let shown = null;
	for (const [t, a] of proj.seen) {
		if (a === answersOk) { if (shown === null) shown = t; } else shown = null;
	}
	const delay = shown !== null && tLastAnswer !== null && answersOk > 0 ? Math.max(0, Math.round(shown - tLastAnswer)) : null;
	const ans = summary(lat.answer);
	const targets = {
		no_errors: errorTotal === 0,
		all_answered: answersOk === N && answersSent === N,
		answer_p99_under_100ms: ans.p99 !== null && ans.p99 < 100,
		projector_within_2s: delay !== null && delay <= 2000 && proj.answered === N && !proj.overCount,
		question_id_matches: wrongQuestion === 0,
	};
	const out = {
		n: N, code: CODE, workshop: WORKSHOP, question: QUESTION || null,
		joined: joinedOk, join: summary(lat.join), join_total: summary(lat.joinTotal || []),
		answers: { sent: answersSent, accepted: answersOk, conflict_409: answered409, ...ans,
			slowest: answerTimes.sort((x, y) => y[1] - x[1]).slice(0, 5).map(([t, ms]) => ({ at_s: (t - (tOpen || 0)) / 1000, ms })) },
		seen_after_open_ms: summary(seenAt),
		polls: { count: polls, ok_200: lat.poll200.length, not_modified_304: lat.poll304.length,
			share_304: polls ? Math.round((1000 * lat.poll304.length) / polls) / 1000 : null,
			per_second: pollSpan > 0 ? Math.round(polls / pollSpan) : null, ...summary(allPolls),
			p99_200: pct(lat.poll200, 99), p99_304: pct(lat.poll304, 99) },
		projector: { polls: proj.polls, not_modified_304: proj.n304, answered: proj.answered, answered_max: proj.answeredMax,
			joined: proj.joined, delay_ms: delay, p99: pct(lat.projector, 99) },
		errors: errorTotal, error_kinds: errors, error_samples: errorSamples,
		client: { cpu_cores: Math.round(((cpu.user + cpu.system) / 1000 / wall) * 100) / 100,
			cpu_user_s: Math.round(cpu.user / 1e5) / 10, cpu_system_s: Math.round(cpu.system / 1e5) / 10,
			loop_delay_p99_ms: Math.round(loop.percentile(99) / 1e5) / 10, loop_delay_max_ms: Math.round(loop.max / 1e5) / 10 },
		duration_s: Math.round(wall / 100) / 10,
		targets, met: Object.values(targets).every(Boolean),
	};
	const f = (v) => (v === null || v === undefined ? '-' : String(v));
	console.log(`live: N ${N}: ${joinedOk} joined (join requests p50 ${f(out.join.p50)} ms, p99 ${f(out.join.p99)} ms)`);
	console.log(`live: answers: ${answersSent} sent, ${answersOk} accepted (303); p50 ${f(ans.p50)} ms, p95 ${f(ans.p95)} ms, `
		+ `p99 ${f(ans.p99)} ms, max ${f(ans.max)} ms; seen ${f(out.seen_after_open_ms.p50)} ms (p50) / ${f(out.seen_after_open_ms.max)} ms (max) after opening`);
	if (out.answers.slowest.length)
		console.log(`live: slowest answers: ${out.answers.slowest.map((x) => `${x.ms} ms at ${x.at_s.toFixed(1)} s`).join(', ')} (after opening)`);
	console.log(`live: polls: ${polls} (${f(out.polls.per_second)}/s), p50 ${f(out.polls.p50)} ms, p99 ${f(out.polls.p99)} ms `
		+ `(200: p99 ${f(out.polls.p99_200)}, 304: p99 ${f(out.polls.p99_304)}); 304 share ${out.polls.share_304 === null ? '-' : (100 * out.polls.share_304).toFixed(1) + '%'}`);
	console.log(`live: projector: answered ${f(proj.answered)} (max ${proj.answeredMax}), joined ${f(proj.joined)}; `
		+ `all answers shown ${delay === null ? 'never' : delay + ' ms'} after the last answer`);
	console.log(`live: errors: ${errorTotal}${errorTotal ? ' ' + JSON.stringify(errors) : ''}`);
	for (const s of errorSamples) console.log(`live:   e.g. ${s}`);
	console.log(`live: client: ${out.client.cpu_cores} cores of CPU (user ${out.client.cpu_user_s} s, system ${out.client.cpu_system_s} s), event loop delay p99 ${out.client.loop_delay_p99_ms} ms, `
		+ `max ${out.client.loop_delay_max_ms} ms; ${out.duration_s} s`);
	console.log(`live: targets: ${Object.entries(targets).map(([k, v]) => `${k} ${v ? 'met' : 'MISSED'}`).join(', ')}`);
	const line = JSON.stringify(out);
	console.log(line);
	if (JSON_FILE) fs.writeFileSync(JSON_FILE, line + '\n');
	for (const p of people) p.conn.destroy();
	staffConn.destroy();
	projConn.destroy();
	process.exitCode = out.met ? 0 : 1;
	setTimeout(() => process.exit(process.exitCode), 200).unref();
}
