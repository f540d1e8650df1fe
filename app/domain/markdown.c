/* markdown.c: lesson and notes Markdown, rendered to HTML once, at load time, with cmark. Raw HTML is
 * refused (cmark would drop it silently: content lost), as are images from other sites (a third-party
 * request) and links that are not web, mail or glossary links. glossary:ID links are checked and
 * rewritten to the glossary page. */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "domain/content.h"

static bool term_known(const struct content *c, const char *id)
{
	for (int i = 0; i < c->nterms; i++)
		if (strcmp(c->terms[i].id, id) == 0)
			return true;
	return false;
}

static int count_words(const char *s)
{
	int n = 0;
	bool in = false;
	for (; *s; s++) {
		bool space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
		if (!space && !in)
			n++;
		in = !space;
	}
	return n;
}

const char *content_markdown(struct content *c, const char *file, const char *text, const char **title, int *words)
{
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
	/* The words are those a reader reads: the text and the code, without the Markdown around them (a
	 * code fence or a list's bullet is no word). Blocks and line breaks separate them. */
	struct buf reading;
	buf_init(&reading, 1u << 24);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type nt = cmark_node_get_type(n);
		if (nt == CMARK_NODE_TEXT || nt == CMARK_NODE_CODE || nt == CMARK_NODE_CODE_BLOCK)
			buf_puts(&reading, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
		if (nt == CMARK_NODE_SOFTBREAK || nt == CMARK_NODE_LINEBREAK || nt == CMARK_NODE_CODE_BLOCK ||
		    (ev == CMARK_EVENT_EXIT && nt >= CMARK_NODE_FIRST_BLOCK && nt <= CMARK_NODE_LAST_BLOCK))
			buf_putc(&reading, ' ');
		if (ev != CMARK_EVENT_ENTER)
			continue;
		int line = cmark_node_get_start_line(n);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			/* Inline nodes carry no line of their own: report their paragraph's. */
			cmark_node *p = n;
			while (line == 0 && (p = cmark_node_parent(p)) != NULL)
				line = cmark_node_get_start_line(p);
			content_diag(c, file, line, false, "raw HTML is not allowed (it would be dropped): write it in Markdown");
		} else if (t == CMARK_NODE_IMAGE) {
			const char *url = cmark_node_get_url(n);
			if (url == NULL || strchr(url, ':') != NULL || strncmp(url, "//", 2) == 0)
				content_diag(c, file, line, false, "images must be served by Passage itself, not from '%s'", url ? url : "");
		} else if (t == CMARK_NODE_LINK) {
			const char *url = cmark_node_get_url(n);
			cmark_node *p = n;
			while (line == 0 && (p = cmark_node_parent(p)) != NULL)
				line = cmark_node_get_start_line(p);
			if (url && strncmp(url, "glossary:", 9) == 0) {
				if (!term_known(c, url + 9))
					content_diag(c, file, line, false, "no glossary term '%s' (see glossary.txt)", url + 9);
				char *href = arena_printf(c->arena, "/glossary#%s", url + 9);
				if (href)
					cmark_node_set_url(n, href);
			} else if (url && !(strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 ||
			                    strncmp(url, "mailto:", 7) == 0 || url[0] == '/' || url[0] == '#')) {
				content_diag(c, file, line, false, "link to '%s': use https://, mailto:, /path or glossary:ID", url);
			}
		}
	}
	cmark_iter_free(it);
	if (words != NULL)
		*words = reading.p ? count_words(reading.p) : 0;
	buf_free(&reading);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);   /* safe by default: raw HTML never passes */
	cmark_node_free(doc);
	const char *out = html ? arena_strdup(c->arena, html) : NULL;
	free(html);
	return out;
}
