/* arena.h: per-request bump allocator and growable byte buffer. */
#ifndef PASSAGE_ARENA_H
#define PASSAGE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/* An arena hands out memory that lives until arena_reset(). Each thread owns one and resets it after
 * every request, so request code never frees. Allocation past `cap` bytes fails (returns NULL). */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used;    /* bytes handed out since the last reset */
	size_t cap;     /* limit on `used` */
};

void arena_init(struct arena *a, size_t cap);
void arena_reset(struct arena *a);  /* frees all but the first chunk */
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);             /* 16-byte aligned, NULL on failure */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable buffer, always NUL-terminated after a successful write. `failed` latches on allocation
 * failure or when `max` would be exceeded, so callers check once at the end. */
struct buf {
	char *p;
	size_t len, cap, max;
	int failed;
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_clear(struct buf *b);
void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
