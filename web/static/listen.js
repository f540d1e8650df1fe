/* listen.js: the lesson's "Listen" control. It reads the lesson aloud with one of the device's own speech
 * voices for the lesson's language, where the device has one: the control stays hidden otherwise, and
 * without JavaScript. Nothing is fetched: speech is the browser's (speechSynthesis). The lesson is read a
 * block at a time (headings, paragraphs, list items), skipping the source marks and the Sources list,
 * because some voices stop by themselves on a long text. */
(function () {
	'use strict';
	var box = document.querySelector('[data-listen]');
	var article = document.querySelector('article.lesson');
	var synth = window.speechSynthesis;
	if (!box || !article || !synth || !window.SpeechSynthesisUtterance) return;
	var lang = (article.getAttribute('lang') || document.documentElement.lang || 'en').toLowerCase();
	var button = box.querySelector('button');
	var voice = null, queue = [], playing = false;

	function pick() {
		var voices = synth.getVoices() || [];
		for (var i = 0; i < voices.length && !voice; i++)
			if ((voices[i].lang || '').toLowerCase().replace('_', '-').split('-')[0] === lang) voice = voices[i];
		if (voice) box.hidden = false;
	}

	function blocks() {
		var out = [], nodes = article.querySelectorAll('h1, h2, h3, p, li, blockquote, td, th, dd, dt');
		for (var i = 0; i < nodes.length; i++) {
			var n = nodes[i];
			if (n.closest('.sources, details:not([open]), li p, blockquote p')) continue;
			var copy = n.cloneNode(true), marks = copy.querySelectorAll('sup.src, details');
			for (var k = 0; k < marks.length; k++) marks[k].remove();
			var text = copy.textContent.replace(/\s+/g, ' ').trim();
			if (text) out.push(text);
		}
		return out;
	}

	function stop() {
		playing = false;
		queue = [];
		synth.cancel();
		button.textContent = button.getAttribute('data-say');
		button.setAttribute('aria-pressed', 'false');
	}

	function next() {
		if (!playing) return;
		if (!queue.length) { stop(); return; }
		var u = new SpeechSynthesisUtterance(queue.shift());
		u.lang = voice.lang;
		u.voice = voice;
		u.rate = 0.9; /* a little slower than the voice's own pace: a second-language listener */
		u.onend = next;
		u.onerror = stop;
		synth.speak(u);
	}

	button.addEventListener('click', function () {
		if (playing) { stop(); return; }
		playing = true;
		queue = blocks();
		button.textContent = button.getAttribute('data-stop');
		button.setAttribute('aria-pressed', 'true');
		synth.cancel();
		next();
	});
	window.addEventListener('pagehide', function () { if (playing) stop(); });
	pick();
	if (!voice && 'onvoiceschanged' in synth) synth.addEventListener('voiceschanged', pick);
})();
