/* password.c: Argon2id hashing at OWASP's parameters, and the password policy. */
#include "security/security.h"
#include "server/html.h"

#include <argon2.h>
#include <ctype.h>
#include <mbedtls/md.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "security/common_passwords.h"

#define ARGON_T 2
#define ARGON_M 19456
#define ARGON_P 1
#define SALT_BYTES 16
#define HASH_BYTES 32

const uint8_t *sec_pepper(size_t *len);

/* With a pepper, Argon2 hashes HMAC-SHA256(pepper, password) instead of the password: a stolen
 * database without the pepper file cannot be attacked offline. */
static void prehash(const char *password, uint8_t out[SEC_HASH_BYTES], const void **in, size_t *inlen)
{
	size_t plen;
	const uint8_t *pep = sec_pepper(&plen);
	if (plen == 0) {
		*in = password;
		*inlen = strlen(password);
		return;
	}
	mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), pep, plen, (const unsigned char *)password,
	                strlen(password), out);
	*in = out;
	*inlen = SEC_HASH_BYTES;
}

int sec_password_hash(const char *password, char out[SEC_PWHASH_MAX])
{
	uint8_t salt[SALT_BYTES], pre[SEC_HASH_BYTES];
	const void *in;
	size_t inlen;
	if (strlen(password) > SEC_PASSWORD_MAX * 4 || sec_random(salt, sizeof(salt)) != 0)
		return -1;
	prehash(password, pre, &in, &inlen);
	int rc = argon2id_hash_encoded(ARGON_T, ARGON_M, ARGON_P, in, inlen, salt, sizeof(salt), HASH_BYTES, out,
	                               SEC_PWHASH_MAX);
	return rc == ARGON2_OK ? 0 : -1;
}

bool sec_password_verify(const char *encoded, const char *password)
{
	uint8_t pre[SEC_HASH_BYTES];
	const void *in;
	size_t inlen;
	if (encoded == NULL || strncmp(encoded, "$argon2id$", 10) != 0 || strlen(password) > SEC_PASSWORD_MAX * 4)
		return false;
	prehash(password, pre, &in, &inlen);
	return argon2id_verify(encoded, in, inlen) == ARGON2_OK;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *sec_password_policy(const char *password, const char *username)
{
	size_t n = utf8_chars(password, strlen(password));
	if (n < SEC_PASSWORD_MIN)
		return N_("is shorter than 12 characters");
	if (n > SEC_PASSWORD_MAX)
		return N_("is longer than 128 characters");
	char lower[SEC_PASSWORD_MAX * 4 + 1];
	size_t len = strlen(password);
	if (len >= sizeof(lower))
		return N_("is longer than 128 characters");
	for (size_t i = 0; i <= len; i++)
		lower[i] = (char)tolower((unsigned char)password[i]);
	const char *key = lower;
	if (bsearch(&key, common_passwords, n_common_passwords, sizeof(common_passwords[0]), cmp) != NULL)
		return N_("is on the list of commonly used passwords");
	/* One character repeated, or a run like 123456789012 or abcdefghijkl. */
	bool same = true, up = true, down = true;
	for (size_t i = 1; i < len; i++) {
		same = same && lower[i] == lower[0];
		char a = lower[i - 1], b = lower[i];
		up = up && (b == a + 1 || (a == '9' && b == '0'));      /* 1234567890123 wraps */
		down = down && (b == a - 1 || (a == '0' && b == '9'));
	}
	if (same || up || down)
		return N_("is too easy to guess");
	if (username != NULL && strlen(username) >= 3) {
		char ulow[128];
		size_t ul = strlen(username);
		if (ul < sizeof(ulow)) {
			for (size_t i = 0; i <= ul; i++)
				ulow[i] = (char)tolower((unsigned char)username[i]);
			if (strstr(lower, ulow) != NULL)
				return N_("contains the user name");
		}
	}
	return NULL;
}
