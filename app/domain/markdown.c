/* markdown.c: lesson and notes Markdown, rendered to HTML once, at load time, with cmark. Raw HTML is
 * refused (cmark would drop it silently: content lost), as are images from other sites (a third-party
 * request) and links that are not web, mail or glossary links.
 *
 * Two things are rendered for the reader rather than as written:
 * - A citation, "(¶26)" or "(¶7, footnote 2)", becomes a small numbered source mark linked to a
 *   "Sources" list at the end, which says which paragraph supports which sentence (quoting the lesson's
 *   own first words of it, never the summary). The sentence reads on without the brackets.
 * - A glossary link, [word](glossary:ID), opens in place: the word links to a <details> after its
 *   paragraph (at its first use in the text) that holds the definition, so the reader never leaves the
 *   lesson. It works without JavaScript: the summary opens it, and a browser opens a closed <details> to
 *   show the target of a link (Chrome 97, Firefox 139, Safari 18.4; older ones scroll to it, closed).
 * The text is measured for readability (readability.h) block by block, as the reader reads it. */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "domain/content.h"

#define SOURCES_MAX 200     /* source marks in one text; more are left as written */
#define SNIPPET_WORDS 8     /* the first words of a sentence, to say which one a source supports */

/* What a lesson says around its text, in English; a language's terms.txt gives its own. */
static const char *const label_keys[LABELS_N] = {
	[LABEL_GLOSSARY] = "glossary", [LABEL_SOURCES] = "sources", [LABEL_SOURCES_INTRO] = "sources-intro",
	[LABEL_ABOUT] = "about", [LABEL_FROM] = "from", [LABEL_TO] = "to", [LABEL_BACK] = "back", [LABEL_SOURCE] = "source",
	[LABEL_QUOTE_OPEN] = "quote-open", [LABEL_QUOTE_CLOSE] = "quote-close",
};
static const struct labels english = {{
	[LABEL_GLOSSARY] = "Glossary", [LABEL_SOURCES] = "Sources",
	[LABEL_SOURCES_INTRO] = "Each number is a paragraph (\xC2\xB6) of the seminar summary that supports the sentence.",
	[LABEL_ABOUT] = "What this source is, and how to read it", [LABEL_FROM] = "the sentences from", [LABEL_TO] = "to",
	[LABEL_BACK] = "Back to the text", [LABEL_SOURCE] = "source", [LABEL_QUOTE_OPEN] = "\xE2\x80\x9C",
	[LABEL_QUOTE_CLOSE] = "\xE2\x80\x9D",
}};

const char *labels_key(int k)
{
	return k >= 0 && k < LABELS_N ? label_keys[k] : "";
}

bool labels_set(struct labels *l, const char *key, const char *text)
{
	for (int k = 0; key && k < LABELS_N; k++)
		if (strcmp(label_keys[k], key) == 0) {
			l->text[k] = text;
			return true;
		}
	return false;
}

const char *labels_get(const struct labels *l, int k)
{
	return k >= 0 && k < LABELS_N ? l->text[k] : NULL;
}

/* The text a page of this language renders: the glossary and labels of the language, or the English. */
struct lang_view {
	const struct term *terms;
	int nterms;
	const struct labels *lb;
};

static const struct term *term_find(const struct lang_view *v, const char *id)
{
	for (int i = 0; i < v->nterms; i++)
		if (strcmp(v->terms[i].id, id) == 0)
			return &v->terms[i];
	return NULL;
}

/* Text into HTML, escaped (the domain renders its own few tags: html() is the server's). */
static void esc(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_putc(b, s[i]);
		}
	}
}

static bool is_leaf_block(cmark_node_type t)
{
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_CODE_BLOCK;
}

static cmark_node *leaf_block_of(cmark_node *n)
{
	while (n && !is_leaf_block(cmark_node_get_type(n)))
		n = cmark_node_parent(n);
	return n;
}

static int line_of(cmark_node *n)
{
	int line = 0;
	while (n && (line = cmark_node_get_start_line(n)) == 0)
		n = cmark_node_parent(n);
	return line;
}

/* The text of block up to (not including) `stop` and then `upto` bytes of stop's own literal. */
static void text_before(cmark_node *block, cmark_node *stop, size_t upto, struct buf *out)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit = (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) ? cmark_node_get_literal(n) : NULL;
		if (n == stop) {
			buf_put(out, lit ? lit : "", lit ? (upto < strlen(lit) ? upto : strlen(lit)) : 0);
			break;
		}
		if (lit)
			buf_puts(out, lit);
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_putc(out, ' ');
	}
	cmark_iter_free(it);
}

/* The start of the last sentence of s: its first SNIPPET_WORDS words, escaped, "…" when cut. */
static void snippet(struct buf *out, const struct labels *lb, const char *s)
{
	size_t n = strlen(s), start = 0;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	for (size_t i = 0; i + 1 < n; i++)
		if ((s[i] == '.' || s[i] == '?' || s[i] == '!' || s[i] == ':') && s[i + 1] == ' ' &&
		    !(i >= 2 && s[i] == '.' && (s[i - 2] == 'M' || s[i - 2] == 'N' || s[i - 2] == ' ')))
			start = i + 2;   /* not after Mr. Ms. No. or an initial */
	const char *p = s + start;
	size_t len = n - start;
	int words = 0;
	size_t cut = len;
	for (size_t i = 0; i < len; i++)
		if (p[i] == ' ' && ++words == SNIPPET_WORDS) {
			cut = i;
			break;
		}
	buf_puts(out, lb->text[LABEL_QUOTE_OPEN]);
	esc(out, p, cut);
	buf_printf(out, "%s%s", cut < len ? " \xE2\x80\xA6" : "", lb->text[LABEL_QUOTE_CLOSE]);
}

/* The length of a citation "(¶26…)" at s (brackets inside it nested), or 0: "(¶)" names the sign. */
static size_t citation_len(const char *s)
{
	if (strncmp(s, "(\xC2\xB6", 3) != 0 || !(s[3] >= '0' && s[3] <= '9'))
		return 0;
	int depth = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i + 1;
		else if (s[i] == '\n')
			return 0;
	}
	return 0;
}

/* The Sources list as it is built. A citation that repeats the one just before it, in the same block
 * ("The report found X (¶44). It said Y (¶44)."), is one source for the run of sentences: one mark, after
 * the last of them, and one entry "from ... to ...". */
struct sources {
	struct content *c;
	const struct labels *lb;
	struct buf list;      /* the <li> of the Sources list, but the pending one */
	int n;
	/* The last mark made, whose entry is not written yet. */
	cmark_node *mark, *block;
	char label[128];
	struct buf first, last;   /* the first and the last sentence it supports, as snippets */
	int sentences;
};

static void flush_source(struct sources *src)
{
	if (src->mark == NULL)
		return;
	buf_printf(&src->list, "<li id=\"src-%d\">", src->n);
	esc(&src->list, src->label, strlen(src->label));
	const struct labels *lb = src->lb;
	if (src->sentences > 1) {
		buf_puts(&src->list, ": ");
		esc(&src->list, lb->text[LABEL_FROM], strlen(lb->text[LABEL_FROM]));
		buf_printf(&src->list, " %s ", src->first.p);
		esc(&src->list, lb->text[LABEL_TO], strlen(lb->text[LABEL_TO]));
		buf_printf(&src->list, " %s", src->last.p);
	} else {
		buf_printf(&src->list, ": %s", src->first.p);
	}
	buf_printf(&src->list, " <a href=\"#ref-%d\" aria-label=\"", src->n);
	esc(&src->list, lb->text[LABEL_BACK], strlen(lb->text[LABEL_BACK]));
	buf_printf(&src->list, " (%d)\">↩</a></li>\n", src->n);
	src->mark = NULL;
}

/* Replaces each citation in a text node by a source mark, splitting the node around it. */
static void mark_citations(struct sources *src, cmark_node *text)
{
	const char *lit = cmark_node_get_literal(text);
	const char *at;
	if (lit == NULL || src->n >= SOURCES_MAX)
		return;
	char *s = strdup(lit);   /* the literal changes as the node is split */
	if (s == NULL)
		return;
	size_t done = 0, from = 0;   /* done: text already put before the node; from: where to look next */
	while ((at = strstr(s + from, "(\xC2\xB6")) != NULL && src->n < SOURCES_MAX) {
		size_t len = citation_len(at), pos = (size_t)(at - s);
		if (len == 0 || len - 2 >= sizeof(src->label)) {
			from = pos + 1;
			continue;
		}
		/* What the mark says which sentence of: the block's text up to here. */
		struct buf before;
		buf_init(&before, 1u << 16);
		cmark_node_set_literal(text, s + done);
		cmark_node *block = leaf_block_of(text);
		text_before(block, text, pos - done, &before);
		bool again = src->mark && src->block == block && strlen(src->label) == len - 2 &&
		             memcmp(src->label, at + 1, len - 2) == 0;
		if (again) {
			cmark_node_free(src->mark);   /* one mark, after the run's last sentence */
			buf_clear(&src->last);
			snippet(&src->last, src->lb, before.p ? before.p : "");
			src->sentences++;
		} else {
			flush_source(src);
			src->n++;
			src->block = block;
			memcpy(src->label, at + 1, len - 2);
			src->label[len - 2] = '\0';
			buf_clear(&src->first);
			snippet(&src->first, src->lb, before.p ? before.p : "");
			src->sentences = 1;
		}
		buf_free(&before);
		int k = src->n;

		size_t keep = pos;
		while (keep > done && s[keep - 1] == ' ')
			keep--;   /* "value (¶6)." reads "value¹." */
		cmark_node *head = cmark_node_new(CMARK_NODE_TEXT);
		char saved = s[keep];
		s[keep] = '\0';
		cmark_node_set_literal(head, s + done);
		s[keep] = saved;
		cmark_node *mark = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		struct buf m;
		buf_init(&m, 4096);
		buf_printf(&m, "<sup class=\"src\"><a id=\"ref-%d\" href=\"#src-%d\" aria-label=\"", k, k);
		esc(&m, src->lb->text[LABEL_SOURCE], strlen(src->lb->text[LABEL_SOURCE]));
		buf_printf(&m, " %d: ", k);
		esc(&m, at + 1, len - 2);
		buf_printf(&m, "\">%d</a></sup>", k);
		cmark_node_set_on_enter(mark, m.p ? m.p : "");
		buf_free(&m);
		cmark_node_insert_before(text, head);
		cmark_node_insert_before(text, mark);
		src->mark = mark;
		done = from = pos + len;
	}
	cmark_node_set_literal(text, s + done);
	free(s);
}

/* A glossary word's definition, in place after its block (and after the definitions already there). */
static void define_in_place(cmark_node *link, const struct term *t, const struct labels *lb)
{
	cmark_node *prev = leaf_block_of(link);
	if (prev == NULL)
		return;
	struct buf b;
	buf_init(&b, 1u << 16);
	/* The id is on the definition, inside: a browser opens a closed <details> to show a target in it. */
	buf_puts(&b, "<details class=\"term\"><summary>");
	esc(&b, lb->text[LABEL_GLOSSARY], strlen(lb->text[LABEL_GLOSSARY]));
	buf_puts(&b, ": ");
	esc(&b, t->name, strlen(t->name));
	buf_printf(&b, "</summary>\n<p id=\"g-%s\">", t->id);
	esc(&b, t->text, strlen(t->text));
	buf_printf(&b, " <a href=\"/glossary#%s\">", t->id);
	esc(&b, lb->text[LABEL_GLOSSARY], strlen(lb->text[LABEL_GLOSSARY]));
	buf_puts(&b, "</a></p>\n</details>\n");
	cmark_node *d = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(d, b.p ? b.p : "");
	buf_free(&b);
	/* Several words of one paragraph: their definitions follow it in order (the only custom blocks
	 * in the tree yet: the Sources list is added after). */
	while (cmark_node_next(prev) && cmark_node_get_type(cmark_node_next(prev)) == CMARK_NODE_CUSTOM_BLOCK)
		prev = cmark_node_next(prev);
	cmark_node_insert_after(prev, d);
}

const char *content_markdown(struct content *c, const char *file, const char *text, const char **title,
                             struct readability *read)
{
	return content_markdown_in(c, NULL, file, text, title, read);
}

const char *content_markdown_in(struct content *c, const struct language *l, const char *file, const char *text,
                                const char **title, struct readability *read)
{
	/* A language's labels, each falling back to the English one it does not set. */
	struct labels *lb = arena_alloc(c->arena, sizeof(*lb));
	if (lb == NULL)
		return NULL;
	for (int k = 0; k < LABELS_N; k++)
		lb->text[k] = l && l->labels.text[k] ? l->labels.text[k] : english.text[k];
	struct lang_view view = {l && l->terms ? l->terms : c->terms, l && l->terms ? l->nterms : c->nterms, lb};
	cmark_node *doc = cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
	if (doc == NULL)
		return NULL;
	if (title != NULL) {
		*title = NULL;
		cmark_node *first = cmark_node_first_child(doc);
		if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1) {
			/* The title is the heading's text; the heading itself is not part of the body. */
			char *t = cmark_render_commonmark(first, CMARK_OPT_DEFAULT, 0);
			size_t n = strlen(t);
			while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
				t[--n] = '\0';
			*title = arena_strdup(c->arena, t[0] == '#' ? t + 2 : t);
			free(t);
			cmark_node_free(first);
		} else {
			content_diag(c, file, 1, false, "a lesson starts with its title as '# Title'");
		}
	}
	/* First the checks, and the nodes to render otherwise: text with citations, glossary links. */
	int ntexts = 0, nlinks = 0, cap = 0;
	cmark_node **texts = NULL, **links = NULL;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int line = line_of(n);   /* inline nodes carry no line of their own: their paragraph's */
		if (ntexts == cap || nlinks == cap) {
			int ncap = cap ? cap * 2 : 64;
			cmark_node **a = realloc(texts, sizeof(*a) * (size_t)ncap), **b = a ? realloc(links, sizeof(*b) * (size_t)ncap) : NULL;
			if (a)
				texts = a;
			if (b == NULL)
				break;
			links = b;
			cap = ncap;
		}
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			content_diag(c, file, line, false, "raw HTML is not allowed (it would be dropped): write it in Markdown");
		} else if (t == CMARK_NODE_IMAGE) {
			const char *url = cmark_node_get_url(n);
			if (url == NULL || strchr(url, ':') != NULL || strncmp(url, "//", 2) == 0)
				content_diag(c, file, line, false, "images must be served by Passage itself, not from '%s'", url ? url : "");
		} else if (t == CMARK_NODE_LINK) {
			const char *url = cmark_node_get_url(n);
			if (url && strncmp(url, "glossary:", 9) == 0) {
				if (!term_find(&view, url + 9))
					content_diag(c, file, line, false, "no glossary term '%s' (see glossary.txt)", url + 9);
				links[nlinks++] = n;
			} else if (url && !(strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 ||
			                    strncmp(url, "mailto:", 7) == 0 || url[0] == '/' || url[0] == '#')) {
				content_diag(c, file, line, false, "link to '%s': use https://, mailto:, /path or glossary:ID", url);
			}
		} else if (t == CMARK_NODE_TEXT && leaf_block_of(n) && cmark_node_get_literal(n) &&
		           strstr(cmark_node_get_literal(n), "(\xC2\xB6")) {
			texts[ntexts++] = n;
		}
	}
	cmark_iter_free(it);

	for (int i = 0; i < nlinks; i++) {
		const char *id = cmark_node_get_url(links[i]) + 9;
		const struct term *t = term_find(&view, id);
		bool first = t != NULL;
		for (int j = 0; j < i && first; j++)
			first = strcmp(cmark_node_get_url(links[j]) + 9, id) != 0;
		if (first)
			define_in_place(links[i], t, lb);
	}
	for (int i = 0; i < nlinks; i++) {   /* then the links themselves, to the definitions */
		const char *id = cmark_node_get_url(links[i]) + 9;
		char *href = arena_printf(c->arena, term_find(&view, id) ? "#g-%s" : "/glossary#%s", id);
		if (href)
			cmark_node_set_url(links[i], href);
	}

	struct sources src = {.c = c, .lb = lb};
	buf_init(&src.list, 1u << 20);
	buf_init(&src.first, 4096);
	buf_init(&src.last, 4096);
	for (int i = 0; i < ntexts; i++)
		mark_citations(&src, texts[i]);
	flush_source(&src);
	buf_free(&src.first);
	buf_free(&src.last);
	if (src.n > 0) {
		struct buf b;
		buf_init(&b, (1u << 20) + 4096);
		buf_puts(&b, "<section class=\"sources\" aria-labelledby=\"sources\">\n<h2 id=\"sources\">");
		esc(&b, lb->text[LABEL_SOURCES], strlen(lb->text[LABEL_SOURCES]));
		buf_puts(&b, "</h2>\n<p>");
		esc(&b, lb->text[LABEL_SOURCES_INTRO], strlen(lb->text[LABEL_SOURCES_INTRO]));
		buf_puts(&b, " <a href=\"/about-the-source\">");
		esc(&b, lb->text[LABEL_ABOUT], strlen(lb->text[LABEL_ABOUT]));
		buf_puts(&b, "</a></p>\n<ol>\n");
		buf_puts(&b, src.list.p);
		buf_puts(&b, "</ol>\n</section>\n");
		cmark_node *s = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
		cmark_node_set_on_enter(s, b.p ? b.p : "");
		cmark_node_append_child(doc, s);
		buf_free(&b);
	}
	buf_free(&src.list);

	free(texts);
	free(links);

	/* The words are those a reader reads: the text and the code, without the Markdown around them (a
	 * code fence or a list's bullet is no word), nor the source marks. Each block is read on its own. */
	struct readability r = {.lang = read ? read->lang : READ_EN};
	struct buf reading;
	buf_init(&reading, 1u << 24);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type nt = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER && (nt == CMARK_NODE_TEXT || nt == CMARK_NODE_CODE || nt == CMARK_NODE_CODE_BLOCK))
			buf_puts(&reading, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
		if (nt == CMARK_NODE_SOFTBREAK || nt == CMARK_NODE_LINEBREAK)
			buf_putc(&reading, ' ');
		if (nt == CMARK_NODE_CODE_BLOCK || (ev == CMARK_EVENT_EXIT && is_leaf_block(nt))) {
			if (read != NULL)
				content_measure(c, file, line_of(n), &r, reading.p ? reading.p : "", reading.len);
			else
				content_check_voice(c, file, line_of(n), reading.p ? reading.p : "", reading.len);
			buf_clear(&reading);
		}
	}
	cmark_iter_free(it);
	buf_free(&reading);
	if (read != NULL)
		*read = r;
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);   /* safe: raw HTML never passes */
	cmark_node_free(doc);
	const char *out = html ? arena_strdup(c->arena, html) : NULL;
	free(html);
	return out;
}
