/* live.js: keeps a live workshop's page current without reloading it. Every second it asks for the page
 * again with the ETag it has; the server answers 304 Not Modified (a few hundred bytes) until something
 * changed, and then the new page, whose <main> replaces this one's. Forms are sent the same way. Text
 * being typed and the focus survive an update. Without this script the pages still work: they reload
 * themselves while waiting, and forms post as usual. */
(function () {
	'use strict';
	var main = document.getElementById('main');
	if (!main || !main.hasAttribute('data-poll') || !window.fetch || !window.DOMParser) return;
	var etag = main.getAttribute('data-etag') || '';
	var every = 1000, wait = every, timer = null, busy = false, lastNote = '';
	var status = document.createElement('p');
	status.className = 'visually-hidden';
	status.setAttribute('aria-live', 'polite');
	document.body.appendChild(status);

	function swap(text, url) {
		var doc = new DOMParser().parseFromString(text, 'text/html');
		var fresh = doc.getElementById('main');
		if (!fresh) return false;
		var typed = {}, focused = document.activeElement && document.activeElement.id;
		var hadFocus = main.contains(document.activeElement) && document.activeElement !== main;
		var fields = main.querySelectorAll('input[type=text], textarea');
		for (var i = 0; i < fields.length; i++) if (fields[i].id && fields[i].value) typed[fields[i].id] = fields[i].value;
		var before = main.getAttribute('data-state');
		main.innerHTML = fresh.innerHTML;
		main.className = fresh.className;
		main.setAttribute('data-state', fresh.getAttribute('data-state') || '');
		etag = fresh.getAttribute('data-etag') || etag;
		document.title = doc.title;
		if (fresh.getAttribute('data-state') === before) {
			for (var id in typed) {
				var f = document.getElementById(id);
				if (f && !f.value) f.value = typed[id];
			}
		}
		/* Tell screen readers what changed: the new heading when the page moved on, else a new notice. */
		var say = main.querySelector('[data-announce]'), note = main.querySelector('[role=status], [role=alert]');
		if (say && fresh.getAttribute('data-state') !== before) status.textContent = say.textContent;
		else if (note && note.textContent !== lastNote) status.textContent = note.textContent;
		lastNote = note ? note.textContent : '';
		var el = focused && document.getElementById(focused);
		if (el) el.focus();
		else if (hadFocus && say) {   /* the focused button went with the old page: keep the keyboard here */
			say.setAttribute('tabindex', '-1');
			say.focus();
		}
		if (url && url !== location.href) history.replaceState(null, '', url);
		if (!fresh.hasAttribute('data-poll')) stop();
		return true;
	}

	function poll() {
		timer = null;
		if (busy || document.hidden) return;
		busy = true;
		fetch(location.pathname + location.search, {headers: {'If-None-Match': etag}, credentials: 'same-origin', cache: 'no-store'})
			.then(function (res) {
				if (res.status === 304) { wait = every; return null; }
				if (res.status === 200) { wait = every; etag = res.headers.get('ETag') || etag; return res.text(); }
				wait = Math.min(wait * 2, 15000);   /* the server is busy or gone: back off */
				return null;
			})
			.then(function (text) { if (text) swap(text); })
			.catch(function () { wait = Math.min(wait * 2, 15000); })
			.then(function () { busy = false; schedule(); });
	}

	function schedule() {
		if (timer === null && main.hasAttribute('data-poll')) timer = setTimeout(poll, wait);
	}

	function stop() {
		if (timer !== null) clearTimeout(timer);
		timer = null;
		main.removeAttribute('data-poll');
	}

	/* Forms inside <main> post in the background; the answer (after the server's redirect) is the page. */
	main.addEventListener('submit', function (e) {
		var form = e.target;
		/* getAttribute: form.action and form.method would name the inputs called "action" */
		if (!form || (form.getAttribute('method') || '').toLowerCase() !== 'post' || !window.FormData ||
			!window.URLSearchParams) return;
		e.preventDefault();
		var data = new URLSearchParams(new FormData(form));
		if (e.submitter && e.submitter.name) data.append(e.submitter.name, e.submitter.value);
		var buttons = form.querySelectorAll('button');
		for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
		fetch(form.getAttribute('action') || location.pathname, {method: 'POST', body: data, credentials: 'same-origin'})
			.then(function (res) {
				var tag = res.headers.get('ETag');
				return res.text().then(function (text) {
					if (tag) etag = tag;
					if (!swap(text, res.redirected ? res.url : null)) location.reload();
				});
			})
			.catch(function () { form.submit(); });
	});

	document.addEventListener('visibilitychange', function () {
		if (!document.hidden && timer === null && !busy) poll();
	});
	schedule();
})();
