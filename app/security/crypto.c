/* crypto.c: random numbers, hashing, keyed hashing, encodings, session and CSRF tokens. */
#include "security/security.h"

#include <ctype.h>
#include <errno.h>
#include <mbedtls/constant_time.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <string.h>

/* One generator per thread: no lock on the hot path, and each is seeded from the system entropy
 * source the first time its thread asks. */
static _Thread_local struct {
	bool seeded;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
} rng;

int sec_random(void *out, size_t n)
{
	if (!rng.seeded) {
		mbedtls_entropy_init(&rng.entropy);
		mbedtls_ctr_drbg_init(&rng.drbg);
		static const char pers[] = "passage";
		if (mbedtls_ctr_drbg_seed(&rng.drbg, mbedtls_entropy_func, &rng.entropy, (const unsigned char *)pers,
		                          sizeof(pers) - 1) != 0)
			return -1;
		rng.seeded = true;
	}
	unsigned char *p = out;
	while (n > 0) {
		size_t k = n > MBEDTLS_CTR_DRBG_MAX_REQUEST ? MBEDTLS_CTR_DRBG_MAX_REQUEST : n;
		if (mbedtls_ctr_drbg_random(&rng.drbg, p, k) != 0)
			return -1;
		p += k;
		n -= k;
	}
	return 0;
}

static uint8_t server_key[SEC_KEY_BYTES * 2];
static size_t server_key_len;
static uint8_t pepper[64];
static size_t pepper_len;

static int load_hex(const char *path, uint8_t *out, size_t max, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char text[512];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (isspace((unsigned char)text[i]))
			continue;
		if (!isxdigit((unsigned char)text[i]) || k / 2 >= max) {
			snprintf(err, errlen, "%s: expected at most %zu bytes in hexadecimal", path, max);
			return -1;
		}
		int v = isdigit((unsigned char)text[i]) ? text[i] - '0' : tolower((unsigned char)text[i]) - 'a' + 10;
		if (k % 2 == 0)
			out[k / 2] = (uint8_t)(v << 4);
		else
			out[k / 2] |= (uint8_t)v;
		k++;
	}
	if (k % 2 != 0 || k / 2 < SEC_KEY_BYTES) {
		snprintf(err, errlen, "%s: expected at least %d bytes in hexadecimal (try: openssl rand -hex 32)", path,
		         SEC_KEY_BYTES);
		return -1;
	}
	*len = k / 2;
	return 0;
}

int sec_init(const char *key_file, const char *pepper_file, char *err, size_t errlen)
{
	if (key_file == NULL || *key_file == '\0') {
		snprintf(err, errlen, "secret_key_file is not set (create one with: openssl rand -hex 32 > FILE)");
		return -1;
	}
	if (load_hex(key_file, server_key, sizeof(server_key), &server_key_len, err, errlen) != 0)
		return -1;
	pepper_len = 0;
	if (pepper_file != NULL && *pepper_file != '\0' &&
	    load_hex(pepper_file, pepper, sizeof(pepper), &pepper_len, err, errlen) != 0)
		return -1;
	return 0;
}

bool sec_ready(void)
{
	return server_key_len >= SEC_KEY_BYTES;
}

/* For the password layer: the pepper, if any. */
const uint8_t *sec_pepper(size_t *len);
const uint8_t *sec_pepper(size_t *len)
{
	*len = pepper_len;
	return pepper;
}

void sec_sha256(const void *in, size_t n, uint8_t out[SEC_HASH_BYTES])
{
	mbedtls_sha256_ret(in, n, out, 0);
}

void sec_mac(const char *label, const void *msg, size_t n, uint8_t out[SEC_HASH_BYTES])
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	mbedtls_md_context_t ctx;
	mbedtls_md_init(&ctx);
	mbedtls_md_setup(&ctx, md, 1);
	mbedtls_md_hmac_starts(&ctx, server_key, server_key_len);
	mbedtls_md_hmac_update(&ctx, (const unsigned char *)label, strlen(label) + 1);   /* with its NUL */
	mbedtls_md_hmac_update(&ctx, msg, n);
	mbedtls_md_hmac_finish(&ctx, out);
	mbedtls_md_free(&ctx);
}

bool sec_equal(const void *a, const void *b, size_t n)
{
	return mbedtls_ct_memcmp(a, b, n) == 0;
}

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t sec_b64url_encode(const uint8_t *in, size_t n, char *out, size_t outlen)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		size_t chars = i + 2 < n ? 4 : i + 1 < n ? 3 : 2;
		for (size_t c = 0; c < chars && k + 1 < outlen; c++)
			out[k++] = b64url[(v >> (18 - 6 * c)) & 63];
	}
	if (outlen > 0)
		out[k < outlen ? k : outlen - 1] = '\0';
	return k;
}

long sec_b64url_decode(const char *in, size_t n, uint8_t *out, size_t outlen)
{
	if (n % 4 == 1)
		return -1;
	size_t k = 0;
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = in[i] ? strchr(b64url, in[i]) : NULL;
		if (p == NULL)
			return -1;
		acc = (acc << 6) | (uint32_t)(p - b64url);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (k >= outlen)
				return -1;
			out[k++] = (uint8_t)(acc >> bits);
		}
	}
	/* Leftover bits must be zero, so each byte string has exactly one encoding. */
	if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
		return -1;
	return (long)k;
}

void sec_hex(const uint8_t *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static int unhex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

bool sec_unhex(const char *hex, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi = unhex_digit(hex[2 * i]), lo = hi < 0 ? -1 : unhex_digit(hex[2 * i + 1]);
		if (lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

int sec_token_new(char text[SEC_TOKEN_CHARS + 1], uint8_t hash[SEC_HASH_BYTES])
{
	uint8_t raw[SEC_TOKEN_BYTES];
	if (sec_random(raw, sizeof(raw)) != 0)
		return -1;
	sec_b64url_encode(raw, sizeof(raw), text, SEC_TOKEN_CHARS + 1);
	sec_sha256(raw, sizeof(raw), hash);
	mbedtls_platform_zeroize(raw, sizeof(raw));
	return 0;
}

bool sec_token_hash(const char *text, uint8_t hash[SEC_HASH_BYTES])
{
	uint8_t raw[SEC_TOKEN_BYTES];
	if (text == NULL || strlen(text) != SEC_TOKEN_CHARS ||
	    sec_b64url_decode(text, SEC_TOKEN_CHARS, raw, sizeof(raw)) != SEC_TOKEN_BYTES)
		return false;
	sec_sha256(raw, sizeof(raw), hash);
	return true;
}

void sec_csrf_make(const uint8_t binding[SEC_HASH_BYTES], char out[SEC_CSRF_CHARS + 1])
{
	uint8_t t[2 * SEC_HASH_BYTES];
	sec_mac("csrf", binding, SEC_HASH_BYTES, t + SEC_HASH_BYTES);
	if (sec_random(t, SEC_HASH_BYTES) != 0)
		memset(t, 0, SEC_HASH_BYTES);   /* unmasked, but still a valid token */
	for (int i = 0; i < SEC_HASH_BYTES; i++)
		t[SEC_HASH_BYTES + i] ^= t[i];
	sec_b64url_encode(t, sizeof(t), out, SEC_CSRF_CHARS + 1);
}

bool sec_csrf_check(const uint8_t binding[SEC_HASH_BYTES], const char *given)
{
	uint8_t t[2 * SEC_HASH_BYTES], mac[SEC_HASH_BYTES];
	if (given == NULL || strlen(given) != SEC_CSRF_CHARS ||
	    sec_b64url_decode(given, SEC_CSRF_CHARS, t, sizeof(t)) != (long)sizeof(t))
		return false;
	for (int i = 0; i < SEC_HASH_BYTES; i++)
		t[SEC_HASH_BYTES + i] ^= t[i];
	sec_mac("csrf", binding, SEC_HASH_BYTES, mac);
	return sec_equal(mac, t + SEC_HASH_BYTES, SEC_HASH_BYTES);
}
