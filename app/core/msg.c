/* msg.c: reading compiled gettext catalogs (.mo images) and their plural rules. The .mo layout: a magic
 * number, a revision, the count N, the offsets of two tables of N (length, offset) pairs, the originals
 * sorted bytewise and their translations. A context is "ctx\004id"; a plural original is "id\0plural"
 * and its translation holds the forms separated by "\0". The header (the translation of "") carries
 * "Plural-Forms: nplurals=N; plural=EXPR;". */
#include "core/msg.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "core/log.h"

#define MO_MAGIC 0x950412deu
#define MSG_MAX_CATALOGS 16
#define PLURAL_EXPR_MAX 256

struct catalog {
	const char *code;
	const unsigned char *data;
	size_t len;
	uint32_t n, orig, trans;      /* the count, and the offsets of the two tables */
	int nplurals;
	char plural[PLURAL_EXPR_MAX]; /* the rule; "" for English's n != 1 */
};

static struct catalog catalogs[MSG_MAX_CATALOGS];
static size_t ncatalogs;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t u32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* String i of a table (orig or trans), checked to lie inside the image and to end with a NUL. */
static const char *str_at(const struct catalog *c, uint32_t table, size_t i, size_t *len)
{
	size_t at = (size_t)table + i * 8;
	if (at + 8 > c->len)
		return NULL;
	uint32_t l = u32(c->data + at), off = u32(c->data + at + 4);
	if ((size_t)off + l >= c->len || c->data[(size_t)off + l] != '\0')
		return NULL;
	if (len)
		*len = l;
	return (const char *)c->data + off;
}

/* The header's Plural-Forms, copied into c->plural and c->nplurals. */
static void read_header(struct catalog *c)
{
	c->nplurals = 2;
	c->plural[0] = '\0';
	const char *h = msg_get(c, NULL, "");
	const char *pf = h[0] ? strstr(h, "Plural-Forms:") : NULL;
	if (pf == NULL)
		return;
	const char *np = strstr(pf, "nplurals=");
	const char *pl = strstr(pf, "plural=");
	if (np)
		c->nplurals = (int)(np[9] - '0');
	if (pl == NULL)
		return;
	pl += 7;
	size_t k = 0;
	while (pl[k] && pl[k] != ';' && pl[k] != '\n' && k + 1 < sizeof(c->plural))
		k++;
	memcpy(c->plural, pl, k);
	c->plural[k] = '\0';
	if (c->nplurals < 1 || c->nplurals > 6 || msg_plural_eval(c->plural, 1) < 0) {
		log_error("msg: catalog %s: unreadable Plural-Forms", c->code);
		c->nplurals = 2;
		c->plural[0] = '\0';
	}
}

static void load(void)
{
	for (size_t i = 0; i < nmsg_images && ncatalogs < MSG_MAX_CATALOGS; i++) {
		const struct msg_image *m = &msg_images[i];
		if (m->len < 28 || u32(m->data) != MO_MAGIC) {
			log_error("msg: catalog %s is not a .mo image", m->code);
			continue;
		}
		struct catalog *c = &catalogs[ncatalogs];
		*c = (struct catalog){.code = m->code, .data = m->data, .len = m->len, .n = u32(m->data + 8),
		                      .orig = u32(m->data + 12), .trans = u32(m->data + 16)};
		if ((size_t)c->orig + (size_t)c->n * 8 > c->len || (size_t)c->trans + (size_t)c->n * 8 > c->len) {
			log_error("msg: catalog %s is cut short", m->code);
			continue;
		}
		read_header(c);
		ncatalogs++;
	}
}

const struct catalog *msg_catalog(const char *code)
{
	pthread_once(&once, load);
	for (size_t i = 0; code && i < ncatalogs; i++)
		if (strcmp(catalogs[i].code, code) == 0)
			return &catalogs[i];
	return NULL;
}

/* Compares the key (ctx "\004" id, or id) with an original, bytewise as msgfmt sorts them. */
static int key_cmp(const char *ctx, const char *id, const char *orig)
{
	const unsigned char *o = (const unsigned char *)orig;
	if (ctx) {
		for (const unsigned char *k = (const unsigned char *)ctx; *k; k++, o++)
			if (*k != *o)
				return *k < *o ? -1 : 1;
		if (*o != 4)
			return 4 < *o ? -1 : 1;
		o++;
	}
	return strcmp(id, (const char *)o);
}

/* The translation of the key, or NULL; *tlen its length (all forms). */
static const char *lookup(const struct catalog *c, const char *ctx, const char *id, size_t *tlen)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *o = str_at(c, c->orig, mid, NULL);
		if (o == NULL)
			return NULL;
		int cmp = key_cmp(ctx, id, o);
		if (cmp == 0) {
			const char *t = str_at(c, c->trans, mid, tlen);
			return t && *tlen > 0 ? t : NULL;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *msg_get(const struct catalog *c, const char *ctx, const char *id)
{
	size_t tlen;
	const char *t = c ? lookup(c, ctx, id, &tlen) : NULL;
	return t ? t : id;
}

const char *msg_nget(const struct catalog *c, const char *ctx, const char *id, const char *plural,
                     unsigned long n)
{
	size_t tlen;
	const char *t = c ? lookup(c, ctx, id, &tlen) : NULL;
	if (t == NULL)
		return n == 1 ? id : plural;
	int form = c->plural[0] ? msg_plural_eval(c->plural, n) : n != 1;
	if (form < 0 || form >= c->nplurals)
		form = 0;
	const char *p = t, *end = t + tlen;
	for (int i = 0; i < form; i++) {
		p += strlen(p) + 1;
		if (p >= end)
			return n == 1 ? id : plural;   /* fewer forms than the rule names */
	}
	return p;
}

/* The plural rule: C's expression syntax over n and unsigned integers, with ?:, ||, &&, the comparisons,
 * + - * / %, ! and parentheses. A recursive-descent evaluator over the text; every branch is evaluated
 * (none has side effects) and a division by zero yields 0. */
struct pe {
	const char *p;
	unsigned long n;
	bool bad;
	int depth;
};

static unsigned long pe_cond(struct pe *e);

static void pe_space(struct pe *e)
{
	while (*e->p == ' ' || *e->p == '\t' || *e->p == '\n')
		e->p++;
}

static bool pe_eat(struct pe *e, const char *tok)
{
	pe_space(e);
	size_t k = strlen(tok);
	if (strncmp(e->p, tok, k) != 0)
		return false;
	/* "<" must not take the start of "<=", nor "=" ... the longer operators are tried first by callers */
	e->p += k;
	return true;
}

static unsigned long pe_primary(struct pe *e)
{
	pe_space(e);
	if (++e->depth > 64) {
		e->bad = true;
		return 0;
	}
	unsigned long v = 0;
	if (*e->p == 'n') {
		e->p++;
		v = e->n;
	} else if (*e->p >= '0' && *e->p <= '9') {
		while (*e->p >= '0' && *e->p <= '9')
			v = v * 10 + (unsigned long)(*e->p++ - '0');
	} else if (pe_eat(e, "(")) {
		v = pe_cond(e);
		if (!pe_eat(e, ")"))
			e->bad = true;
	} else if (pe_eat(e, "!")) {
		v = !pe_primary(e);
	} else {
		e->bad = true;
	}
	e->depth--;
	return v;
}

static unsigned long pe_mul(struct pe *e)
{
	unsigned long v = pe_primary(e);
	for (;;) {
		if (pe_eat(e, "*"))
			v *= pe_primary(e);
		else if (pe_eat(e, "/")) {
			unsigned long d = pe_primary(e);
			v = d ? v / d : 0;
		} else if (pe_eat(e, "%")) {
			unsigned long d = pe_primary(e);
			v = d ? v % d : 0;
		} else
			return v;
	}
}

static unsigned long pe_add(struct pe *e)
{
	unsigned long v = pe_mul(e);
	for (;;) {
		if (pe_eat(e, "+"))
			v += pe_mul(e);
		else if (pe_eat(e, "-"))
			v -= pe_mul(e);
		else
			return v;
	}
}

static unsigned long pe_rel(struct pe *e)
{
	unsigned long v = pe_add(e);
	for (;;) {
		if (pe_eat(e, "<="))
			v = v <= pe_add(e);
		else if (pe_eat(e, ">="))
			v = v >= pe_add(e);
		else if (pe_eat(e, "<"))
			v = v < pe_add(e);
		else if (pe_eat(e, ">"))
			v = v > pe_add(e);
		else
			return v;
	}
}

static unsigned long pe_eq(struct pe *e)
{
	unsigned long v = pe_rel(e);
	for (;;) {
		if (pe_eat(e, "=="))
			v = v == pe_rel(e);
		else if (pe_eat(e, "!="))
			v = v != pe_rel(e);
		else
			return v;
	}
}

static unsigned long pe_and(struct pe *e)
{
	unsigned long v = pe_eq(e);
	while (pe_eat(e, "&&")) {
		unsigned long w = pe_eq(e);
		v = v && w;
	}
	return v;
}

static unsigned long pe_or(struct pe *e)
{
	unsigned long v = pe_and(e);
	while (pe_eat(e, "||")) {
		unsigned long w = pe_and(e);
		v = v || w;
	}
	return v;
}

static unsigned long pe_cond(struct pe *e)
{
	unsigned long v = pe_or(e);
	if (!pe_eat(e, "?"))
		return v;
	unsigned long a = pe_cond(e);
	if (!pe_eat(e, ":"))
		e->bad = true;
	unsigned long b = pe_cond(e);
	return v ? a : b;
}

int msg_plural_eval(const char *expr, unsigned long n)
{
	struct pe e = {.p = expr, .n = n};
	unsigned long v = pe_cond(&e);
	pe_space(&e);
	if (e.bad || *e.p != '\0' || v > 5)
		return -1;
	return (int)v;
}

size_t msg_count(const struct catalog *c)
{
	return c ? c->n : 0;
}

bool msg_entry(const struct catalog *c, size_t i, const char **orig, size_t *olen, const char **trans,
               size_t *tlen)
{
	if (c == NULL || i >= c->n)
		return false;
	*orig = str_at(c, c->orig, i, olen);
	*trans = str_at(c, c->trans, i, tlen);
	return *orig && *trans;
}

int msg_nplurals(const struct catalog *c)
{
	return c ? c->nplurals : 2;
}
