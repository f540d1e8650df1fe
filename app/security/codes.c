/* codes.c: resume and join codes in Crockford base32, generated at random and read leniently. */
#include "security/security.h"

#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int sec_code_new(size_t symbols, char *display, size_t displen)
{
	uint8_t r[32];
	if (symbols > sizeof(r) || displen < symbols + symbols / 4 + 1 || sec_random(r, symbols) != 0)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < symbols; i++) {
		if (i > 0 && i % 4 == 0)
			display[k++] = '-';
		display[k++] = alphabet[r[i] & 31];   /* 256 is a multiple of 32: no bias */
	}
	display[k] = '\0';
	return 0;
}

bool sec_code_parse(const char *typed, size_t symbols, char *out, size_t outlen)
{
	size_t k = 0;
	if (typed == NULL || outlen < symbols + 1)
		return false;
	for (const char *p = typed; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c == '\0' || strchr(alphabet, c) == NULL || k >= symbols)
			return false;
		out[k++] = c;
	}
	if (k != symbols)
		return false;
	out[k] = '\0';
	return true;
}

void sec_resume_hex(const char *normalised, char hex[65])
{
	uint8_t hash[SEC_HASH_BYTES];
	sec_mac("resume", normalised, strlen(normalised), hash);
	sec_hex(hash, sizeof(hash), hex);
}

int sec_resume_new(char display[SEC_RESUME_DISPLAY_MAX], char hex[65])
{
	char norm[SEC_RESUME_SYMBOLS + 1];
	if (sec_code_new(SEC_RESUME_SYMBOLS, display, SEC_RESUME_DISPLAY_MAX) != 0 ||
	    !sec_code_parse(display, SEC_RESUME_SYMBOLS, norm, sizeof(norm)))
		return -1;
	sec_resume_hex(norm, hex);
	return 0;
}
