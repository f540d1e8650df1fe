/* config.h: the configuration, read once at start-up from a file and PASSAGE_* environment variables.
 * Every key is listed, with its default and meaning, in the table in config.c: that table is the one
 * place configuration is documented (`passage config --help` prints it). */
#ifndef PASSAGE_CONFIG_H
#define PASSAGE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config {
	char listen[108];        /* unix socket path, "fd:N" for an inherited socket, or ADDRESS:PORT */
	unsigned socket_mode;
	long workers;
	long threads;
	char database[1024];     /* libpq connection string */
	char replica[1024];      /* a streaming replica's, for dashboards and exports; "" : none */
	long max_body;           /* bytes */
	bool access_log;
	long db_retry_ms;        /* least time between reconnect attempts per thread */
	long purge_interval;     /* seconds between clean-ups; 0: none */
	long live_keep_days;     /* anonymous phones that never answered are kept this long after a live workshop */
	long reload_grace;       /* seconds an old worker may take to finish after a reload */
	long db_wait_ms;         /* how long a request waits for a database that went away */
	char secret_key_file[512];
	char password_pepper_file[512];
	long trainee_idle, trainee_lifetime;   /* seconds */
	long staff_idle, staff_lifetime;
	bool allow_plain_http;
	char metrics_token[128];   /* "" : /metrics from loopback only */
	char base_url[256];        /* "https://host[:port]", no trailing slash; "" : not set */
};

/* A host name, IPv4 address or [IPv6] literal, with an optional :port: `n` bytes of h. */
bool config_host_ok(const char *h, size_t n);
/* http:// or https:// and such a host, with nothing after it but an optional '/'. */
bool config_url_ok(const char *url);

/* Is `listen` an ADDRESS:PORT (FastCGI over TCP), rather than a unix socket path or fd:N? */
bool config_listen_tcp(const struct config *cfg);

/* Fills cfg from defaults, then the file at path (NULL: none), then the environment. On error returns -1
 * with a message naming the key, the value and where it came from. */
int config_load(struct config *cfg, const char *path, char *err, size_t errlen);
void config_print(const struct config *cfg);   /* key = value, to stdout */
void config_help(void);                        /* the documented keys, to stdout */

#endif
