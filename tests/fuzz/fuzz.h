/* fuzz.h: what the libFuzzer harnesses share: a property check that stops the run with a message (so a
 * broken promise is a finding like a crash), and the checks every parsed name-value list must pass. */
#ifndef PASSAGE_FUZZ_H
#define PASSAGE_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "server/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property that must hold for every input: when it does not, the input is reported and saved as a crash. */
#define FUZZ_CHECK(cond, ...)                                                                                          \
	do {                                                                                                           \
		if (!(cond)) {                                                                                         \
			fprintf(stderr, "property broken at %s:%d: %s: ", __FILE__, __LINE__, #cond);                 \
			fprintf(stderr, __VA_ARGS__);                                                                  \
			fputc('\n', stderr);                                                                           \
			abort();                                                                                       \
		}                                                                                                      \
	} while (0)

/* The input as a NUL-terminated string (cut at its first NUL); the caller frees. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* What struct kv promises (http.h) and the limits every parsed list keeps. */
static inline void fuzz_check_kvlist(const struct kvlist *l, size_t max_n, size_t key_max, size_t val_max)
{
	FUZZ_CHECK(l->n <= max_n, "%zu pairs", l->n);
	for (size_t i = 0; i < l->n; i++) {
		const struct kv *p = &l->v[i];
		FUZZ_CHECK(p->key != NULL && p->val != NULL, "pair %zu", i);
		size_t kl = strlen(p->key);
		FUZZ_CHECK(kl > 0 && kl <= key_max, "key of %zu bytes", kl);
		FUZZ_CHECK(utf8_valid(p->key, kl), "key not UTF-8");
		FUZZ_CHECK(strlen(p->val) == p->vlen, "value holds a NUL or a wrong length (%zu, %zu)", strlen(p->val),
		           p->vlen);
		FUZZ_CHECK(p->vlen <= val_max, "value of %zu bytes", p->vlen);
		FUZZ_CHECK(utf8_valid(p->val, p->vlen), "value not UTF-8");
	}
}

/* Appends s percent-encoded as a browser would (unreserved kept, space as '+', the rest as %XX). */
static inline void fuzz_pct_encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_putc(b, (char)*p);
		else if (*p == ' ')
			buf_putc(b, '+');
		else
			buf_printf(b, "%%%02X", *p);
	}
}

#endif
