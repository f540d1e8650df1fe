/* security.h: tokens, keyed hashes, CSRF, passwords, and the codes people type. The only layer that
 * includes mbedtls or argon2 headers. Every secret comparison here is constant-time. */
#ifndef PASSAGE_SECURITY_H
#define PASSAGE_SECURITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEC_TOKEN_BYTES 32          /* session tokens: 256 bits */
#define SEC_TOKEN_CHARS 43          /* base64url, no padding */
#define SEC_HASH_BYTES 32           /* SHA-256 */
#define SEC_KEY_BYTES 32

/* Random bytes from a per-thread CTR_DRBG seeded from the system entropy source. Returns 0 or -1. */
int sec_random(void *out, size_t n);

/* Loads the server key (hex, at least 32 bytes) and the optional password pepper from files. Both
 * stay in this layer. Returns 0, or -1 with a message. */
int sec_init(const char *key_file, const char *pepper_file, char *err, size_t errlen);
bool sec_ready(void);

void sec_sha256(const void *in, size_t n, uint8_t out[SEC_HASH_BYTES]);
/* HMAC-SHA256 with the server key over a label and a message: different labels give unrelated values. */
void sec_mac(const char *label, const void *msg, size_t n, uint8_t out[SEC_HASH_BYTES]);
bool sec_equal(const void *a, const void *b, size_t n);   /* constant-time */

/* base64url without padding. encode writes 4*ceil(n/3) minus padding chars and a NUL; decode returns
 * the byte count or -1 on a character outside the alphabet or a bad length. */
size_t sec_b64url_encode(const uint8_t *in, size_t n, char *out, size_t outlen);
long sec_b64url_decode(const char *in, size_t n, uint8_t *out, size_t outlen);
void sec_hex(const uint8_t *in, size_t n, char *out);   /* out: 2n+1 */
bool sec_unhex(const char *hex, uint8_t *out, size_t n); /* 2n hex digits to n bytes; false when not hex */

/* Session tokens: a fresh random token (text for the cookie) and its hash (for the database). Parsing
 * a cookie value returns false for anything that is not exactly a token. */
int sec_token_new(char text[SEC_TOKEN_CHARS + 1], uint8_t hash[SEC_HASH_BYTES]);
bool sec_token_hash(const char *text, uint8_t hash[SEC_HASH_BYTES]);

/* CSRF tokens are bound to a session (the token hash) or, before sign-in, to a pre-session value
 * from its own cookie. */
/* A CSRF token: the MAC of the binding, masked with fresh random bytes each time it is made (so a page
 * compressed with a secret in it shows nothing by its length: BREACH); base64url of mask and masked MAC. */
#define SEC_CSRF_CHARS 86
void sec_csrf_make(const uint8_t binding[SEC_HASH_BYTES], char out[SEC_CSRF_CHARS + 1]);
bool sec_csrf_check(const uint8_t binding[SEC_HASH_BYTES], const char *given);

/* Passwords: Argon2id at OWASP's parameters (m=19456 KiB, t=2, p=1), random salt, optional pepper.
 * The encoded hash is at most SEC_PWHASH_MAX bytes. */
#define SEC_PWHASH_MAX 128
#define SEC_PASSWORD_MIN 12
#define SEC_PASSWORD_MAX 128
int sec_password_hash(const char *password, char out[SEC_PWHASH_MAX]);
bool sec_password_verify(const char *encoded, const char *password);
/* NULL when acceptable, or why not, in words for the person choosing it. */
const char *sec_password_policy(const char *password, const char *username);

/* Codes people type. Crockford base32 (no I, L, O, U); input is read leniently: any case, spaces and
 * hyphens ignored, O read as 0 and I or L as 1.
 *  - resume codes: 12 symbols (60 bits), shown as XXXX-XXXX-XXXX;
 *  - join codes: 8 symbols (40 bits), shown as XXXX-XXXX. */
#define SEC_RESUME_SYMBOLS 12
#define SEC_JOIN_SYMBOLS 8
int sec_code_new(size_t symbols, char *display, size_t displen);
/* Normalises typed input to bare upper-case symbols. Returns false unless exactly `symbols` valid ones. */
bool sec_code_parse(const char *typed, size_t symbols, char *out, size_t outlen);
/* A resume code as shown (XXXX-XXXX-XXXX and NUL) and as stored. */
#define SEC_RESUME_DISPLAY_MAX (SEC_RESUME_SYMBOLS + SEC_RESUME_SYMBOLS / 4 + 1)
/* The keyed hash under which a resume code (normalised by sec_code_parse) is stored, in hex. */
void sec_resume_hex(const char *normalised, char hex[65]);
/* A new resume code: what the person is shown, and its stored hash in hex. Returns 0, or -1 when no
 * random numbers could be had. */
int sec_resume_new(char display[SEC_RESUME_DISPLAY_MAX], char hex[65]);

/* The certificate (PEM) in `file`: whole days until it expires (negative once expired) and its subject.
 * Returns 0, or -1 with a message. For `passage doctor`. */
int sec_cert_check(const char *file, long *days_left, char *subject, size_t n, char *err, size_t errlen);

#endif
