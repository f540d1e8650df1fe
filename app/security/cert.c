/* cert.c: reads a TLS certificate for `passage doctor`: whom it names and how long it has left. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <mbedtls/x509_crt.h>

#include "security/security.h"

int sec_cert_check(const char *file, long *days_left, char *subject, size_t n, char *err, size_t errlen)
{
	mbedtls_x509_crt crt;
	mbedtls_x509_crt_init(&crt);
	int rc = mbedtls_x509_crt_parse_file(&crt, file);
	if (rc != 0) {
		snprintf(err, errlen, "cannot read a certificate from %s (mbedtls error -0x%04x)", file, (unsigned)-rc);
		mbedtls_x509_crt_free(&crt);
		return -1;
	}
	const mbedtls_x509_time *t = &crt.valid_to;
	struct tm tm = {.tm_year = t->year - 1900, .tm_mon = t->mon - 1, .tm_mday = t->day, .tm_hour = t->hour,
	                .tm_min = t->min, .tm_sec = t->sec};
	time_t to = timegm(&tm);
	*days_left = (long)((to - time(NULL)) / 86400);
	if (mbedtls_x509_dn_gets(subject, n, &crt.subject) < 0)
		snprintf(subject, n, "?");
	mbedtls_x509_crt_free(&crt);
	return 0;
}
