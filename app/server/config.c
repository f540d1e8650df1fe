/* config.c: configuration keys, their defaults and validation. */
#include "server/config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum ckind { C_STR, C_LONG, C_OCTAL, C_BOOL, C_URL };

struct ckey {
	const char *name;
	enum ckind kind;
	size_t off, size;
	long min, max;
	const char *def;   /* NULL: computed (see defaults()) */
	const char *doc;
};

#define F(m) offsetof(struct config, m), sizeof(((struct config *)0)->m)
static const struct ckey keys[] = {
	{"listen", C_STR, F(listen), 1, 0, "/run/passage/passage.sock",
	 "FastCGI socket: a unix socket path; fd:N for a socket handed over (fd:0 from spawn-fcgi or systemd); or "
	 "ADDRESS:PORT for nginx on another machine (a private address only: FastCGI has no authentication)"},
	{"socket_mode", C_OCTAL, F(socket_mode), 0, 0777, "0660", "permissions of a socket that passage creates"},
	{"workers", C_LONG, F(workers), 1, 64, NULL, "worker processes (default: the number of cores)"},
	{"threads", C_LONG, F(threads), 1, 256, "8", "threads per worker, each with its own database connection"},
	{"database", C_STR, F(database), 1, 0, "dbname=passage", "libpq connection string"},
	{"replica", C_STR, F(replica), 0, 0, "",
	 "optional libpq connection string of a streaming replica: cohort dashboards, item analysis and exports "
	 "read from it (a few seconds behind, at most), and from the database while it does not answer"},
	{"max_body", C_LONG, F(max_body), 1024, 16 << 20, "65536", "largest request body accepted, in bytes"},
	{"access_log", C_BOOL, F(access_log), 0, 0, "on", "one log line per request on stderr"},
	{"purge_interval", C_LONG, F(purge_interval), 0, 604800, "3600",
	 "seconds between clean-ups, done by one worker: expired sessions, throttle rows idle for a day, and the "
	 "anonymous phones of ended live workshops that never answered (0: never)"},
	{"live_keep_days", C_LONG, F(live_keep_days), 0, 3650, "30",
	 "days after a live workshop ends before the clean-up removes its anonymous phones that never answered"},
	{"reload_grace", C_LONG, F(reload_grace), 1, 3600, "30",
	 "seconds an old worker may go on answering the requests it holds after a reload; then it is killed"},
	{"db_retry_ms", C_LONG, F(db_retry_ms), 10, 60000, "500", "least time between reconnect attempts"},
	{"db_wait_ms", C_LONG, F(db_wait_ms), 0, 60000, "5000",
	 "how long a request that finds the database away (a restart, a failover) waits for it before answering 503; "
	 "once it has been away longer than this, requests answer 503 at once until it is back (0: never wait)"},
	{"secret_key_file", C_STR, F(secret_key_file), 1, 0, "/etc/passage/secret.key",
	 "file holding the server key, 32 or more random bytes in hex (openssl rand -hex 32): signs CSRF tokens "
	 "and keys resume-code hashes"},
	{"password_pepper_file", C_STR, F(password_pepper_file), 0, 0, "",
	 "optional file holding a password pepper in hex, kept apart from the database"},
	{"trainee_idle", C_LONG, F(trainee_idle), 1, 31536000, "604800", "a trainee's session ends after this many idle seconds (7 days)"},
	{"trainee_lifetime", C_LONG, F(trainee_lifetime), 1, 31536000, "2592000", "and in any case after this many seconds (30 days)"},
	{"staff_idle", C_LONG, F(staff_idle), 1, 86400, "1800", "a staff session ends after this many idle seconds (30 minutes)"},
	{"staff_lifetime", C_LONG, F(staff_lifetime), 1, 604800, "43200", "and in any case after this many seconds (12 hours)"},
	{"allow_plain_http", C_BOOL, F(allow_plain_http), 0, 0, "off",
	 "accept sessions over plain HTTP: for local development only, logged as a warning at start-up"},
	{"base_url", C_URL, F(base_url), 0, 0, "",
	 "the address people type to reach this site, like https://passage.example.org: printed on join sheets, "
	 "slips and the projector, and in their QR codes (unset: the address the browser asked for, if it looks "
	 "like a host name; `passage doctor` warns)"},
	{"metrics_token", C_STR, F(metrics_token), 0, 0, "",
	 "a token that lets a scraper read /metrics from elsewhere than loopback (Authorization: Bearer TOKEN)"},
};
#undef F
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

bool config_host_ok(const char *h, size_t n)
{
	size_t i = 0, colon = n;
	if (n == 0 || n > 253)
		return false;
	if (h[0] == '[') {   /* an IPv6 literal, [::1] or [::1]:8443 */
		const char *close = memchr(h, ']', n);
		if (close == NULL)
			return false;
		for (const char *c = h + 1; c < close; c++)
			if (!isxdigit((unsigned char)*c) && *c != ':' && *c != '.')
				return false;
		i = (size_t)(close - h) + 1;
		if (i == n)
			return true;
		if (h[i] != ':')
			return false;
		colon = i;
	} else {
		for (; i < n && h[i] != ':'; i++)
			if (!isalnum((unsigned char)h[i]) && h[i] != '-' && h[i] != '.')
				return false;
		if (i == 0)
			return false;
		colon = i;
	}
	if (colon == n)
		return true;
	size_t digits = n - colon - 1;
	if (digits == 0 || digits > 5)
		return false;
	long port = 0;
	for (size_t j = colon + 1; j < n; j++) {
		if (!isdigit((unsigned char)h[j]))
			return false;
		port = port * 10 + (h[j] - '0');
	}
	return port >= 1 && port <= 65535;
}

bool config_url_ok(const char *url)
{
	size_t sl = strncmp(url, "https://", 8) == 0 ? 8 : strncmp(url, "http://", 7) == 0 ? 7 : 0;
	if (sl == 0)
		return false;
	size_t n = strlen(url + sl);
	if (n > 0 && url[sl + n - 1] == '/')
		n--;
	return config_host_ok(url + sl, n);
}

static int set(struct config *cfg, const struct ckey *k, const char *val, char *err, size_t errlen,
               const char *where)
{
	char *field = (char *)cfg + k->off;
	char *end;
	long v;
	switch (k->kind) {
	case C_STR:
		if (strlen(val) >= k->size || (k->min > 0 && val[0] == '\0')) {
			snprintf(err, errlen, "%s: %s: value is empty or longer than %zu bytes", where, k->name, k->size - 1);
			return -1;
		}
		memcpy(field, val, strlen(val) + 1);
		return 0;
	case C_LONG:
	case C_OCTAL:
		errno = 0;
		v = strtol(val, &end, k->kind == C_OCTAL ? 8 : 10);
		if (errno != 0 || end == val || *end != '\0' || v < k->min || v > k->max) {
			snprintf(err, errlen, "%s: %s: '%.100s' is not a%s number from %ld to %ld", where, k->name, val,
			         k->kind == C_OCTAL ? "n octal" : "", k->min, k->max);
			return -1;
		}
		if (k->kind == C_OCTAL)
			*(unsigned *)field = (unsigned)v;
		else
			*(long *)field = v;
		return 0;
	case C_URL:
		if (val[0] != '\0' && !config_url_ok(val)) {
			snprintf(err, errlen, "%s: %s: '%.100s' is not an address like https://passage.example.org "
			         "(http or https, a host name, an optional port, no path)", where, k->name, val);
			return -1;
		}
		if (strlen(val) >= k->size) {
			snprintf(err, errlen, "%s: %s: value is longer than %zu bytes", where, k->name, k->size - 1);
			return -1;
		}
		memcpy(field, val, strlen(val) + 1);
		if (field[0] != '\0' && field[strlen(field) - 1] == '/')
			field[strlen(field) - 1] = '\0';
		return 0;
	case C_BOOL:
		if (strcmp(val, "on") == 0 || strcmp(val, "true") == 0 || strcmp(val, "yes") == 0 || strcmp(val, "1") == 0)
			*(bool *)field = true;
		else if (strcmp(val, "off") == 0 || strcmp(val, "false") == 0 || strcmp(val, "no") == 0 ||
		         strcmp(val, "0") == 0)
			*(bool *)field = false;
		else {
			snprintf(err, errlen, "%s: %s: '%.100s' is not on or off", where, k->name, val);
			return -1;
		}
		return 0;
	}
	return -1;
}

static const struct ckey *find(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int config_load(struct config *cfg, const char *path, char *err, size_t errlen)
{
	memset(cfg, 0, sizeof(*cfg));
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].def != NULL && set(cfg, &keys[i], keys[i].def, err, errlen, "default") != 0)
			return -1;
	}
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	cfg->workers = ncpu < 1 ? 1 : ncpu > 64 ? 64 : ncpu;

	if (path != NULL) {
		FILE *f = fopen(path, "r");
		if (f == NULL) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		char line[2048];
		int lineno = 0;
		while (fgets(line, sizeof(line), f) != NULL) {
			lineno++;
			char where[512];
			snprintf(where, sizeof(where), "%.400s:%d", path, lineno);
			if (strchr(line, '\n') == NULL && !feof(f)) {
				snprintf(err, errlen, "%s: line too long", where);
				fclose(f);
				return -1;
			}
			char *s = trim(line);
			if (*s == '\0' || *s == '#')
				continue;
			char *eq = strchr(s, '=');
			if (eq == NULL) {
				snprintf(err, errlen, "%s: expected 'key = value'", where);
				fclose(f);
				return -1;
			}
			*eq = '\0';
			char *key = trim(s), *val = trim(eq + 1);
			const struct ckey *k = find(key);
			if (k == NULL) {
				snprintf(err, errlen, "%s: unknown key '%.100s'", where, key);
				fclose(f);
				return -1;
			}
			if (set(cfg, k, val, err, errlen, where) != 0) {
				fclose(f);
				return -1;
			}
		}
		fclose(f);
	}

	/* PASSAGE_<KEY> overrides the file. An unknown PASSAGE_ variable is refused too, so a typo is seen. */
	extern char **environ;
	static const char *const not_keys[] = {"PASSAGE_CONFIG", NULL};
	for (char **e = environ; *e != NULL; e++) {
		if (strncmp(*e, "PASSAGE_", 8) != 0)
			continue;
		const char *eq = strchr(*e, '=');
		if (eq == NULL)
			continue;
		char name[64];
		size_t n = (size_t)(eq - *e);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, *e, n);
		name[n] = '\0';
		bool skip = false;
		for (size_t i = 0; not_keys[i] != NULL; i++)
			skip = skip || strcmp(name, not_keys[i]) == 0;
		if (skip || strncmp(name, "PASSAGE_TEST_", 13) == 0)
			continue;
		char key[64];
		for (size_t i = 0; i <= strlen(name + 8); i++)
			key[i] = (char)tolower((unsigned char)name[8 + i]);
		const struct ckey *k = find(key);
		if (k == NULL) {
			snprintf(err, errlen, "environment: unknown variable %s", name);
			return -1;
		}
		char where[80];
		snprintf(where, sizeof(where), "environment %s", name);
		if (set(cfg, k, eq + 1, err, errlen, where) != 0)
			return -1;
	}
	return 0;
}

void config_print(const struct config *cfg)
{
	for (size_t i = 0; i < NKEYS; i++) {
		const struct ckey *k = &keys[i];
		const char *field = (const char *)cfg + k->off;
		switch (k->kind) {
		case C_STR:
			/* The connection string may hold a password: show only that it is set. */
			if (strcmp(k->name, "database") == 0 && strstr(field, "password") != NULL)
				printf("%s = (set, contains a password)\n", k->name);
			else
				printf("%s = %s\n", k->name, field);
			break;
		case C_LONG: printf("%s = %ld\n", k->name, *(const long *)field); break;
		case C_OCTAL: printf("%s = 0%o\n", k->name, *(const unsigned *)field); break;
		case C_BOOL: printf("%s = %s\n", k->name, *(const bool *)field ? "on" : "off"); break;
		case C_URL: printf("%s = %s\n", k->name, field); break;
		}
	}
}

void config_help(void)
{
	printf("Configuration: a file of 'key = value' lines (--config FILE or PASSAGE_CONFIG), then\n"
	       "environment variables PASSAGE_<KEY> (upper case), which win. Unknown keys are refused.\n\n");
	for (size_t i = 0; i < NKEYS; i++) {
		char var[64];
		size_t n = strlen(keys[i].name);
		for (size_t j = 0; j <= n; j++)
			var[j] = (char)toupper((unsigned char)keys[i].name[j]);
		printf("  %-12s PASSAGE_%-12s default %s\n      %s\n", keys[i].name, var,
		       keys[i].def ? keys[i].def : "(computed)", keys[i].doc);
	}
}

bool config_listen_tcp(const struct config *cfg)
{
	return cfg->listen[0] != '/' && strncmp(cfg->listen, "fd:", 3) != 0 && strchr(cfg->listen, ':') != NULL;
}
