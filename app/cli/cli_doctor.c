/* cli_doctor.c: `passage doctor` checks a deployment the way an administrator would, and says what is
 * wrong and how to fix it: the configuration, the key files, the database connection and its role's
 * privileges, the migrations, the socket's permissions, and TLS in front (the nginx site that passes to
 * this socket, and its certificate). Exit status 0 when nothing failed, 1 otherwise. */
#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "security/security.h"
#include "server/config.h"
#include "store/db.h"

static int failures, warnings;

static void say(const char *tag, const char *fix, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(const char *tag, const char *fix, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%-5s ", tag);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (fix)
		printf("      fix: %s\n", fix);
	if (strcmp(tag, "FAIL") == 0)
		failures++;
	else if (strcmp(tag, "warn") == 0)
		warnings++;
}

static void key_file(const char *what, const char *path, bool required)
{
	struct stat st;
	if (path[0] == '\0') {
		if (required)
			say("FAIL", "set it in the configuration; `passage keygen > FILE` makes a key", "%s is not set", what);
		return;
	}
	if (stat(path, &st) != 0) {
		say("FAIL", "`passage keygen > FILE`, then chmod 600 and chown it to the service's user", "%s %s does not exist",
		    what, path);
		return;
	}
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		say("FAIL", "chown it to the user passage runs as, mode 600", "%s %s cannot be read by this user", what, path);
		return;
	}
	fclose(f);
	if (st.st_mode & 077)
		say("FAIL", "chmod 600 it: anyone who reads it can forge sessions and resume codes",
		    "%s %s can be read by other users (mode %03o)", what, path, (unsigned)(st.st_mode & 0777));
	else
		say("ok", NULL, "%s %s is private (mode %03o)", what, path, (unsigned)(st.st_mode & 0777));
}

static void database(const struct config *cfg)
{
	struct db_doctor d;
	if (db_doctor(cfg->database, &d) != 0) {
		say("FAIL", d.connected ? "see the message" : "check 'database' in the configuration, that PostgreSQL runs, and "
		                                              "that the role exists (deploy/README.md, step 3)",
		    "database: %s", d.error);
		return;
	}
	say("ok", NULL, "database: connected as role %s (PostgreSQL %s)", d.role, d.server_version);
	if (strcmp(d.encoding, "UTF8") != 0)
		say("FAIL", "make the database again with `createdb -E UTF8 -T template0`, and restore a backup into it",
		    "the database stores text as %s, not UTF-8: names in other scripts are refused or counted in bytes",
		    d.encoding);
	if (d.superuser)
		say("warn", "give the app a role of its own that owns only its database (deploy/README.md, step 3)",
		    "the role %s is a superuser: a flaw in the app would reach every database", d.role);
	if (d.missing_tables[0])
		say("FAIL", "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO the role, or run "
		            "`passage migrate` as the role that owns the database",
		    "the role cannot read and write: %s", d.missing_tables);
	if (d.missing_sequences[0])
		say("FAIL", "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO the role", "the role cannot use the sequences: %s",
		    d.missing_sequences);
	if (!d.missing_tables[0] && !d.missing_sequences[0] && d.schema_version > 0)
		say("ok", NULL, "the role may read and write every table");
	int latest = db_latest_migration();
	if (d.schema_version == 0)
		say("FAIL", "run `passage migrate` (deploy/README.md, step 5)", "the database has no schema yet (this program "
		                                                                 "needs migration %d)", latest);
	else if (d.schema_version < latest)
		say("FAIL", "stop the service, back up, run `passage migrate`, start (deploy/README.md, Upgrades)",
		    "the schema is at migration %d; this program needs %d", d.schema_version, latest);
	else if (d.schema_version > latest)
		say("FAIL", "install the newer program that migrated this database", "the schema (migration %d) is newer than "
		                                                                     "this program (%d): it refuses to serve",
		    d.schema_version, latest);
	else
		say("ok", NULL, "migrations are current (%d)", latest);
}

/* The optional replica the dashboards read from: it answers, replays the primary, and has its schema. */
static void replica(const struct config *cfg)
{
	if (!cfg->replica[0])
		return;
	struct db_doctor d;
	const char *fix = "check 'replica' in the configuration and that the standby runs; meanwhile the dashboards read "
	                  "from the database";
	if (db_doctor(cfg->replica, &d) != 0) {
		say("warn", fix, "replica: %s", d.error);
		return;
	}
	if (!d.in_recovery)
		say("warn", "point 'replica' at a standby (pg_basebackup -R), or remove it",
		    "replica: the server at 'replica' is not a standby: the dashboards read from a primary");
	else if (d.schema_version != db_latest_migration())
		say("warn", fix, "replica: its schema is at migration %d, not %d: it is behind", d.schema_version,
		    db_latest_migration());
	else
		say("ok", NULL, "replica: a standby with the current schema; the dashboards and exports read from it");
}

/* The group nginx runs as on Debian. */
static const char *web_group(gid_t *gid)
{
	struct group *g = getgrnam("www-data");
	if (g == NULL)
		return NULL;
	*gid = g->gr_gid;
	return "www-data";
}

static void socket_check(const struct config *cfg)
{
	if (strncmp(cfg->listen, "fd:", 3) == 0) {
		say("ok", NULL, "socket: inherited (%s), made by systemd's passage.socket, whose SocketMode and SocketGroup "
		                "decide who may connect",
		    cfg->listen);
		return;
	}
	if (config_listen_tcp(cfg)) {
		/* FastCGI over TCP: anyone who reaches the port speaks for nginx. */
		const char *a = cfg->listen[0] == '[' ? cfg->listen + 1 : cfg->listen;
		bool private = strncmp(a, "127.", 4) == 0 || strncmp(a, "10.", 3) == 0 || strncmp(a, "192.168.", 8) == 0 ||
		               strncmp(a, "::1]", 4) == 0 || strncmp(a, "fd", 2) == 0 ||
		               (strncmp(a, "172.", 4) == 0 && atoi(a + 4) >= 16 && atoi(a + 4) <= 31);
		if (private)
			say("ok", NULL, "socket: TCP on the private address %s; let only nginx's host reach it (FastCGI has no "
			                "authentication)", cfg->listen);
		else
			say("FAIL", "listen on a private address (10.x, 172.16-31.x, 192.168.x, fd00::/8) that only nginx's host "
			            "reaches",
			    "socket: TCP on %s, which is not a private address: anyone who reaches it could speak for nginx",
			    cfg->listen);
		return;
	}
	struct stat st;
	if (stat(cfg->listen, &st) != 0) {
		say("warn", "start the service (systemctl start passage.socket passage.service)",
		    "socket: %s does not exist: passage is not running", cfg->listen);
		return;
	}
	if (!S_ISSOCK(st.st_mode)) {
		say("FAIL", "remove it, or point 'listen' elsewhere", "socket: %s is not a socket", cfg->listen);
		return;
	}
	unsigned mode = (unsigned)(st.st_mode & 0777);
	if (mode & 007)
		say("FAIL", "set socket_mode = 0660 and give the socket nginx's group: any local user could talk to the app "
		            "as if they were nginx, with any client address",
		    "socket: %s is open to every user (mode %03o)", cfg->listen, mode);
	else
		say("ok", NULL, "socket: %s is closed to other users (mode %03o)", cfg->listen, mode);
	gid_t wg;
	const char *wname = web_group(&wg);
	struct group *g = getgrgid(st.st_gid);
	if (wname && st.st_gid != wg && !(mode & 007))
		say("warn", "give the socket the group www-data (SocketGroup=www-data in passage.socket, or run passage with "
		            "group www-data)",
		    "socket: its group is %s, not nginx's (%s): nginx may be refused", g ? g->gr_name : "?", wname);
	else if (wname && !(mode & 060))
		say("FAIL", "socket_mode = 0660", "socket: the group (%s) may not connect", wname);
}

/* The nginx site that passes to this socket: TLS settings and the certificate's expiry. */
static bool site_check(const char *file, const char *sock)
{
	FILE *f = fopen(file, "r");
	if (f == NULL)
		return false;
	char line[2048], cert[1024] = "";
	bool mentions = false, ssl = false, plain_redirect = false;
	while (fgets(line, sizeof(line), f)) {
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#')
			continue;
		if (strstr(p, sock))
			mentions = true;
		if (strncmp(p, "listen", 6) == 0 && strstr(p, " ssl"))
			ssl = true;
		if (strstr(p, "return 301 https://"))
			plain_redirect = true;
		if (strncmp(p, "ssl_certificate ", 16) == 0 && sscanf(p + 16, " %1023[^; \t\n]", cert) != 1)
			cert[0] = '\0';
	}
	fclose(f);
	if (!mentions)
		return false;
	if (!ssl) {
		say("FAIL", "serve the site over TLS (deploy/nginx/passage.conf.in)", "nginx: %s passes to the app without TLS",
		    file);
		return true;
	}
	say("ok", NULL, "nginx: %s serves the app over TLS%s", file, plain_redirect ? ", and sends plain HTTP to HTTPS" : "");
	if (!plain_redirect)
		say("warn", "add the port 80 server that answers `return 301 https://...`", "nginx: no redirect from HTTP to HTTPS");
	if (cert[0] == '\0')
		return true;
	long days;
	char subject[256], err[256];
	if (sec_cert_check(cert, &days, subject, sizeof(subject), err, sizeof(err)) != 0)
		say("FAIL", "check ssl_certificate", "TLS: %s", err);
	else if (days < 0)
		say("FAIL", "renew it (certbot renew, or your ACME client)", "TLS: the certificate %s (%s) has expired", cert,
		    subject);
	else if (days < 14)
		say("warn", "renew it soon; an ACME client renews 30 days ahead", "TLS: the certificate %s (%s) expires in %ld "
		                                                                   "days",
		    cert, subject, days);
	else
		say("ok", NULL, "TLS: the certificate %s (%s) is good for %ld more days", cert, subject, days);
	return true;
}

static void tls_check(const struct config *cfg, const char *site)
{
	if (cfg->allow_plain_http)
		say("FAIL", "allow_plain_http = false (only the development stack's plain port needs it)",
		    "allow_plain_http is on: sessions would work over plain HTTP");
	if (site) {
		if (!site_check(site, strncmp(cfg->listen, "fd:", 3) == 0 ? "passage" : cfg->listen))
			say("warn", "check that the file is the site and names this socket", "nginx: %s does not pass to %s", site,
			    cfg->listen);
		return;
	}
	const char *dirs[] = {"/etc/nginx/sites-enabled", "/etc/nginx/conf.d"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char path[1024];
			snprintf(path, sizeof(path), "%s/%s", dirs[i], e->d_name);
			if (site_check(path, strncmp(cfg->listen, "fd:", 3) == 0 ? "/run/passage/passage.sock" : cfg->listen)) {
				closedir(d);
				return;
			}
		}
		if (d)
			closedir(d);
	}
	say("warn", "install deploy/nginx's site (deploy/README.md, step 7), or name it with --nginx FILE",
	    "nginx: no site in /etc/nginx passes to %s: TLS not checked", cfg->listen);
}

int cli_doctor(int argc, char **argv)
{
	static struct config cfg;
	const char *path, *site = NULL;
	if (cli_load_config(&argc, argv, &cfg, &path) != 0) {
		printf("FAIL  configuration: see the message above\n      fix: `passage config --help` lists every key\n");
		return 1;
	}
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--nginx") == 0 && i + 1 < argc) {
			site = argv[++i];
		} else {
			fprintf(stderr, "passage doctor: unexpected argument '%s' (usage: passage doctor [--config FILE] "
			                "[--nginx SITE_FILE])\n",
			        argv[i]);
			return 2;
		}
	}
	say("ok", NULL, "configuration: %s", path ? path : "(defaults and PASSAGE_* variables)");
	key_file("secret_key_file", cfg.secret_key_file, true);
	key_file("password_pepper_file", cfg.password_pepper_file, false);
	if (cfg.base_url[0] == '\0')
		say("warn", "set base_url = https://your.site in the configuration",
		    "base_url: not set, so join sheets, slips and the projector print whatever address the browser asked for");
	else
		say("ok", NULL, "base_url: join sheets, slips and the projector print %s", cfg.base_url);
	database(&cfg);
	replica(&cfg);
	socket_check(&cfg);
	tls_check(&cfg, site);
	printf("\n%d problem%s, %d warning%s.\n", failures, failures == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	return failures ? 1 : 0;
}
