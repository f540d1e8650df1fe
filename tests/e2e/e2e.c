/* e2e.c: the end-to-end test helpers: libcurl against nginx, a FastCGI client, a load generator. */

#include "e2e/e2e.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

const char *e2e_env(const char *name)
{
	const char *v = getenv(name);
	cr_assert(v != NULL && *v != '\0', "%s is not set: run the suite with 'make test'", name);
	return v;
}

int e2e_sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

const char *e2e_top(void)
{
	static char t[1024];
	snprintf(t, sizeof(t), "%s", e2e_env("PASSAGE_TEST_STACK"));
	for (int i = 0; i < 3; i++) {
		char *s = strrchr(t, '/');
		cr_assert_not_null(s);
		*s = '\0';
	}
	return t;
}

void e2e_db_host_user(char host[256], char user[128])
{
	cr_assert_eq(sscanf(e2e_env("PASSAGE_TEST_DB"), "host=%255s user=%127s", host, user), 2);
}

const char *e2e_pg_args(void)
{
	static char a[512];
	char host[256], user[128];
	e2e_db_host_user(host, user);
	snprintf(a, sizeof(a), "-h %s -U %s", host, user);
	return a;
}

void e2e_scratch(char dir[256])
{
	snprintf(dir, 256, "/tmp/passage-test.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	chmod(dir, 0755);   /* the database's owner reads and writes files here too */
}

void e2e_rmtree(const char *dir)
{
	if (e2e_sh("rm -rf '%s'", dir) != 0)
		cr_log_warn("could not remove %s", dir);
}

PGconn *e2e_db(void)
{
	char ci[1024];
	snprintf(ci, sizeof(ci), "%s dbname=passage", e2e_env("PASSAGE_TEST_DB"));
	PGconn *c = PQconnectdb(ci);
	cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
	return c;
}

struct grow {
	char *p;
	size_t n;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct grow *g = ud;
	size_t k = size * nmemb;
	char *p = realloc(g->p, g->n + k + 1);
	if (p == NULL)
		return 0;
	memcpy(p + g->n, ptr, k);
	g->p = p;
	g->n += k;
	g->p[g->n] = '\0';
	return k;
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct grow *g = ud;
	/* A new status line starts a new header block (after a redirect or 100-continue). */
	if (nmemb * size >= 5 && strncmp(ptr, "HTTP/", 5) == 0)
		g->n = 0;
	return on_data(ptr, size, nmemb, ud);
}

static CURL *new_handle(void)
{
	CURL *c = curl_easy_init();
	cr_assert_not_null(c);
	char ca[512];
	snprintf(ca, sizeof(ca), "%s/tls/localhost.crt", e2e_env("PASSAGE_TEST_VAR"));
	curl_easy_setopt(c, CURLOPT_CAINFO, ca);       /* real verification against the stack's certificate */
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	return c;
}

static int perform(CURL *c, const char *url, const char *method, const char *body, size_t body_len,
                   const char *const *extra, struct http_res *res)
{
	struct grow b = {0}, h = {0};
	struct curl_slist *hl = NULL;
	memset(res, 0, sizeof(*res));
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c, CURLOPT_NOBODY, 0L);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	if (strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	} else if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
		if (strcmp(method, "POST") != 0)
			curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	} else if (strcmp(method, "GET") != 0) {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	}
	for (size_t i = 0; extra && extra[i]; i++)
		hl = curl_slist_append(hl, extra[i]);
	hl = curl_slist_append(hl, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	CURLcode rc = curl_easy_perform(c);
	curl_slist_free_all(hl);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
		curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &res->total_s);
	}
	res->body = b.p ? b.p : strdup("");
	res->len = b.n;
	res->headers = h.p ? h.p : strdup("");
	return rc == CURLE_OK ? 0 : -1;
}

int http_do(const char *method, const char *path, const char *body, size_t body_len, const char *const *extra,
            struct http_res *res)
{
	char url[4096];
	snprintf(url, sizeof(url), "%s%s", e2e_env("PASSAGE_TEST_URL"), path);
	CURL *c = new_handle();
	int rc = perform(c, url, method, body, body_len, extra, res);
	curl_easy_cleanup(c);
	return rc;
}

int http_get(const char *path, struct http_res *res)
{
	return http_do("GET", path, NULL, 0, NULL, res);
}

int http_plain(const char *path, struct http_res *res)
{
	char url[4096];
	snprintf(url, sizeof(url), "%s%s", e2e_env("PASSAGE_TEST_HTTP_URL"), path);
	CURL *c = new_handle();
	int rc = perform(c, url, "GET", NULL, 0, NULL, res);
	curl_easy_cleanup(c);
	return rc;
}

void http_res_free(struct http_res *res)
{
	free(res->body);
	free(res->headers);
	memset(res, 0, sizeof(*res));
}

char *http_res_header(const struct http_res *res, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = res->headers; line && *line;) {
		const char *end = strstr(line, "\r\n");
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len > n && line[n] == ':' && strncasecmp(line, name, n) == 0) {
			const char *v = line + n + 1;
			while (*v == ' ')
				v++;
			return strndup(v, (size_t)(line + len - v));
		}
		line = end ? end + 2 : NULL;
	}
	return NULL;
}

/* ---- load ---- */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct load_thread {
	struct load *l;
	pthread_mutex_t *mu;
};

static void *load_loop(void *arg)
{
	struct load_thread *t = arg;
	struct load *l = t->l;
	char url[1024];
	snprintf(url, sizeof(url), "%s%s", e2e_env("PASSAGE_TEST_URL"), l->path);
	CURL *c = new_handle();
	double end = now_s() + l->seconds;
	while (now_s() < end) {
		struct http_res res;
		int rc = perform(c, url, l->body ? "POST" : "GET", l->body, l->body ? strlen(l->body) : 0, NULL, &res);
		pthread_mutex_lock(t->mu);
		l->total++;
		if (rc == 0 && res.status == (l->expect ? l->expect : 200))
			l->ok++;
		else
			l->fail++;
		int cls = rc == 0 ? (int)(res.status / 100) : 0;
		if (cls >= 0 && cls < 6)
			l->statuses[cls]++;
		pthread_mutex_unlock(t->mu);
		http_res_free(&res);
	}
	curl_easy_cleanup(c);
	return NULL;
}

struct load_handle {
	struct load *l;
	pthread_t *tids;
	struct load_thread *ts;
	pthread_mutex_t mu;
};

void *load_start(struct load *l)
{
	struct load_handle *h = calloc(1, sizeof(*h));
	h->l = l;
	h->tids = calloc((size_t)l->threads, sizeof(pthread_t));
	h->ts = calloc((size_t)l->threads, sizeof(struct load_thread));
	pthread_mutex_init(&h->mu, NULL);
	for (int i = 0; i < l->threads; i++) {
		h->ts[i] = (struct load_thread){l, &h->mu};
		pthread_create(&h->tids[i], NULL, load_loop, &h->ts[i]);
	}
	return h;
}

void load_wait(void *handle)
{
	struct load_handle *h = handle;
	for (int i = 0; i < h->l->threads; i++)
		pthread_join(h->tids[i], NULL);
	free(h->tids);
	free(h->ts);
	free(h);
}

void load_run(struct load *l)
{
	load_wait(load_start(l));
}

/* ---- processes ---- */

pid_t stack_master_pid(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/run/passage.pid", e2e_env("PASSAGE_TEST_VAR"));
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "no pid file %s", path);
	int pid = 0;
	cr_assert_eq(fscanf(f, "%d", &pid), 1);
	fclose(f);
	return pid;
}

int stack_worker_pids(pid_t *out, int max)
{
	pid_t m = stack_master_pid();
	char path[128];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)m, (int)m);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return 0;
	int n = 0, pid;
	while (n < max && fscanf(f, "%d", &pid) == 1)
		out[n++] = pid;
	fclose(f);
	return n;
}

int stack_cmd(const char *what)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "%s %s >/dev/null 2>&1", e2e_env("PASSAGE_TEST_STACK"), what);
	return system(cmd);
}

/* ---- FastCGI client ---- */

static void rec(char *out, size_t *k, int type, int id, const void *data, size_t n)
{
	unsigned char h[8] = {1, (unsigned char)type, (unsigned char)(id >> 8), (unsigned char)id,
	                      (unsigned char)(n >> 8), (unsigned char)n, 0, 0};
	memcpy(out + *k, h, 8);
	memcpy(out + *k + 8, data, n);
	*k += 8 + n;
}

static size_t put_len(unsigned char *p, size_t n)
{
	if (n < 128) {
		p[0] = (unsigned char)n;
		return 1;
	}
	p[0] = (unsigned char)((n >> 24) | 0x80);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	return 4;
}

static int connect_unix(const char *sock)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	strncpy(sa.sun_path, sock, sizeof(sa.sun_path) - 1);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	struct timeval tv = {10, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void send_stdin(int fd, const char *data, size_t n)
{
	static _Thread_local char out[70000];   /* one per thread: tests send from several at once */
	while (n > 0) {
		size_t chunk = n > 32768 ? 32768 : n;
		size_t k = 0;
		rec(out, &k, 5, 1, data, chunk);
		send_all(fd, out, k);
		data += chunk;
		n -= chunk;
	}
}

char *fcgi_request(const char *sock, const char *const *params, const char *stdin_data, size_t stdin_len,
                   size_t first_part, void (*before_rest)(void *), void *arg)
{
	int fd = connect_unix(sock);
	if (fd < 0)
		return NULL;
	static _Thread_local char out[70000];   /* one per thread: tests send from several at once */
	size_t k = 0;
	unsigned char begin[8] = {0, 1, 0, 0, 0, 0, 0, 0};   /* role responder, no keep-conn */
	rec(out, &k, 1, 1, begin, 8);
	unsigned char pbuf[16384];
	size_t pn = 0;
	for (size_t i = 0; params[i] && params[i + 1]; i += 2) {
		size_t a = strlen(params[i]), b = strlen(params[i + 1]);
		pn += put_len(pbuf + pn, a);
		pn += put_len(pbuf + pn, b);
		memcpy(pbuf + pn, params[i], a);
		pn += a;
		memcpy(pbuf + pn, params[i + 1], b);
		pn += b;
	}
	rec(out, &k, 4, 1, pbuf, pn);
	rec(out, &k, 4, 1, "", 0);
	send_all(fd, out, k);
	if (first_part > stdin_len)
		first_part = stdin_len;
	send_stdin(fd, stdin_data, first_part);
	if (before_rest)
		before_rest(arg);
	send_stdin(fd, stdin_data + first_part, stdin_len - first_part);
	k = 0;
	rec(out, &k, 5, 1, "", 0);
	send_all(fd, out, k);

	/* Collect FCGI_STDOUT until FCGI_END_REQUEST. */
	struct grow g = {0};
	unsigned char h[8];
	for (;;) {
		size_t got = 0;
		while (got < 8) {
			ssize_t r = read(fd, h + got, 8 - got);
			if (r <= 0)
				goto out;
			got += (size_t)r;
		}
		size_t n = ((size_t)h[4] << 8 | h[5]) + h[6];
		char *body = malloc(n + 1);
		got = 0;
		while (got < n) {
			ssize_t r = read(fd, body + got, n - got);
			if (r <= 0) {
				free(body);
				goto out;
			}
			got += (size_t)r;
		}
		if (h[1] == 6)
			on_data(body, 1, (size_t)((size_t)h[4] << 8 | h[5]), &g);
		free(body);
		if (h[1] == 3)
			break;
	}
out:
	close(fd);
	return g.p;
}

int fcgi_raw(const char *sock, const void *bytes, size_t n)
{
	int fd = connect_unix(sock);
	if (fd < 0)
		return -1;
	send_all(fd, bytes, n);
	shutdown(fd, SHUT_WR);
	char sink[4096];
	while (read(fd, sink, sizeof(sink)) > 0)
		;
	close(fd);
	return 0;
}

/* ---- clients with cookies ---- */

struct client {
	CURL *c;
	char accept_language[128];   /* sent with every request when set */
};

void client_accept_language(struct client *c, const char *value)
{
	snprintf(c->accept_language, sizeof(c->accept_language), "Accept-Language: %s", value ? value : "");
}

struct client *client_new(void)
{
	struct client *c = calloc(1, sizeof(*c));
	c->c = new_handle();
	curl_easy_setopt(c->c, CURLOPT_COOKIEFILE, "");   /* enables the in-memory jar */
	return c;
}

struct client *client_new_from(const char *addr)
{
	struct client *c = client_new();
	char iface[64];
	snprintf(iface, sizeof(iface), "host!%s", addr);
	curl_easy_setopt(c->c, CURLOPT_INTERFACE, iface);
	return c;
}

void client_free(struct client *c)
{
	curl_easy_cleanup(c->c);
	free(c);
}

int client_do(struct client *c, const char *method, const char *path, const char *body, struct http_res *res)
{
	char url[4096], origin[512];
	snprintf(url, sizeof(url), "%s%s", e2e_env("PASSAGE_TEST_URL"), path);
	snprintf(origin, sizeof(origin), "Origin: %s", e2e_env("PASSAGE_TEST_URL"));
	const char *extra[] = {origin, "Content-Type: application/x-www-form-urlencoded", NULL, NULL};
	const char *lang[] = {c->accept_language, NULL};
	if (c->accept_language[0] && body)
		extra[2] = c->accept_language;
	return perform(c->c, url, method, body, body ? strlen(body) : 0, body ? extra : c->accept_language[0] ? lang : NULL,
	               res);
}

char *html_input_value(const char *html, const char *name)
{
	char pat[128];
	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	const char *p = strstr(html, pat);
	if (p == NULL)
		return NULL;
	p += strlen(pat);
	const char *e = strchr(p, '"');
	return e ? strndup(p, (size_t)(e - p)) : NULL;
}

char *html_class_text(const char *html, const char *cls)
{
	char pat[128];
	snprintf(pat, sizeof(pat), "class=\"%s\"", cls);
	const char *p = strstr(html, pat);
	if (p == NULL || (p = strchr(p, '>')) == NULL)
		return NULL;
	p++;
	const char *e = strchr(p, '<');
	return e ? strndup(p, (size_t)(e - p)) : NULL;
}

int client_post_form(struct client *c, const char *form_path, const char *action, const char *fields,
                     struct http_res *res)
{
	struct http_res form;
	if (client_do(c, "GET", form_path, NULL, &form) != 0)
		return -1;
	char *csrf = html_input_value(form.body, "csrf");
	http_res_free(&form);
	if (csrf == NULL)
		return -1;
	size_t n = strlen(fields) + strlen(csrf) + 16;
	char *body = malloc(n);
	snprintf(body, n, "csrf=%s%s%s", csrf, fields[0] ? "&" : "", fields);
	int rc = client_do(c, "POST", action, body, res);
	/* nginx's own limit on sign-in, join and resume POSTs (one a second per address after a burst of 120)
	 * is shared by every test, which all come from 127.0.0.1: its 429, which has no Retry-After (the app's
	 * always has one), is waited out as a patient person would. So is the app's budget of password hashes
	 * ("... just now": a few a second per address, which a suite signing in from one address can spend);
	 * the app's throttling of guesses is returned. */
	for (int wait = 0; rc == 0 && res->status == 429 && wait < 60; wait++) {
		char *ra = http_res_header(res, "retry-after");
		bool the_app = ra != NULL, budget = the_app && res->body && strstr(res->body, "just now") != NULL;
		long secs = ra ? atol(ra) : 1;
		free(ra);
		if (the_app && !budget)
			break;
		http_res_free(res);
		usleep((useconds_t)(secs > 0 && secs < 5 ? secs : 1) * 1000 * 1000 + 100 * 1000);
		rc = client_do(c, "POST", action, body, res);
	}
	free(body);
	free(csrf);
	return rc;
}

char *client_cookie_lines(struct client *c)
{
	struct curl_slist *list = NULL;
	curl_easy_getinfo(c->c, CURLINFO_COOKIELIST, &list);
	size_t n = 1;
	for (struct curl_slist *l = list; l; l = l->next)
		n += strlen(l->data) + 1;
	char *out = calloc(1, n);
	for (struct curl_slist *l = list; l; l = l->next) {
		strcat(out, l->data);
		strcat(out, "\n");
	}
	curl_slist_free_all(list);
	return out;
}

char *client_cookie(struct client *c, const char *name)
{
	struct curl_slist *list = NULL;
	char *val = NULL;
	curl_easy_getinfo(c->c, CURLINFO_COOKIELIST, &list);
	for (struct curl_slist *l = list; l && !val; l = l->next) {
		/* domain, tailmatch, path, secure, expires, name, value: tab-separated */
		char *f[7] = {0};
		char *copy = strdup(l->data), *save = NULL, *tok = strtok_r(copy, "\t", &save);
		for (int i = 0; i < 7 && tok; i++, tok = strtok_r(NULL, "\t", &save))
			f[i] = tok;
		if (f[5] && strcmp(f[5], name) == 0)
			val = strdup(f[6] ? f[6] : "");
		free(copy);
	}
	curl_slist_free_all(list);
	return val;
}

/* ---- servers of a test's own ---- */

/* Does something listen at `where`: a unix socket's path (it exists), or 127.0.0.1:PORT (it connects)? */
static bool listening(const char *where)
{
	if (where[0] == '/')
		return access(where, F_OK) == 0;
	const char *colon = strrchr(where, ':');
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon ? colon + 1 : "0")),
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

void own_server_start(struct own_server *o, const char *name, const char *const *env)
{
	snprintf(o->sock, sizeof(o->sock), "%s/run/%s-%d.sock", e2e_env("PASSAGE_TEST_VAR"), name, (int)getpid());
	snprintf(o->log, sizeof(o->log), "%s/log/%s-%d.log", e2e_env("PASSAGE_TEST_VAR"), name, (int)getpid());
	char key[512], db[1024];
	snprintf(key, sizeof(key), "%s/etc/secret.key", e2e_env("PASSAGE_TEST_VAR"));
	snprintf(db, sizeof(db), "%s dbname=passage", e2e_env("PASSAGE_TEST_DB"));
	const char *bin = e2e_env("PASSAGE_TEST_BIN");
	for (size_t i = 0; env && env[i] && env[i + 1]; i += 2)
		if (strcmp(env[i], "PASSAGE_LISTEN") == 0)
			snprintf(o->sock, sizeof(o->sock), "%s", env[i + 1]);
	o->pid = fork();
	cr_assert_geq(o->pid, 0);
	if (o->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);   /* a test that fails half-way leaves no server behind */
		setenv("PASSAGE_LISTEN", o->sock, 1);
		setenv("PASSAGE_DATABASE", db, 1);
		setenv("PASSAGE_SECRET_KEY_FILE", key, 1);
		setenv("PASSAGE_THREADS", "2", 1);
		for (size_t i = 0; env && env[i] && env[i + 1]; i += 2)
			setenv(env[i], env[i + 1], 1);
		unsetenv("PASSAGE_CONFIG");
		int log = open(o->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		dup2(log, 2);
		execl(bin, "passage", "serve", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 100 && !listening(o->sock); i++)
		usleep(50000);
	cr_assert(listening(o->sock), "own server did not start on %s", o->sock);
	usleep(200000);   /* the workers are accepting */
}

void own_server_stop(struct own_server *o)
{
	kill(o->pid, SIGTERM);
	waitpid(o->pid, NULL, 0);
}

char *e2e_cred(const char *key)
{
	char path[512], line[256];
	snprintf(path, sizeof(path), "%s/dev/credentials", e2e_env("PASSAGE_TEST_VAR"));
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "no %s", path);
	char *val = NULL;
	while (!val && fgets(line, sizeof(line), f)) {
		size_t n = strlen(key);
		if (strncmp(line, key, n) == 0 && line[n] == '=') {
			line[strcspn(line, "\n")] = '\0';
			val = strdup(line + n + 1);
		}
	}
	fclose(f);
	cr_assert_not_null(val, "no %s in credentials", key);
	return val;
}

void e2e_sign_in(struct client *c, const char *user, const char *pw, long want)
{
	char fields[512];
	snprintf(fields, sizeof(fields), "username=%s&password=%s", user, pw);
	struct http_res r;
	cr_assert_eq(client_post_form(c, "/signin", "/signin", fields, &r), 0);
	cr_assert_eq(r.status, want, "sign-in as %s: %ld, want %ld", user, r.status, want);
	http_res_free(&r);
}

struct client *e2e_staff(const char *user, const char *password_key)
{
	struct client *c = client_new();
	char *pw = e2e_cred(password_key);
	e2e_sign_in(c, user, pw, 303);
	free(pw);
	return c;
}

char *e2e_join(struct client *c, const char *name)
{
	char *code = e2e_cred("JOIN_CODE");
	char fields[512];
	snprintf(fields, sizeof(fields), "code=%s&name=%s", code, name);
	struct http_res r;
	cr_assert_eq(client_post_form(c, "/join", "/join", fields, &r), 0);
	cr_assert_eq(r.status, 200, "join: %ld %s", r.status, r.body);
	char *resume = html_class_text(r.body, "code-big");
	cr_assert_not_null(resume, "the resume code is shown");
	http_res_free(&r);
	free(code);
	return resume;
}

char *e2e_first_slug(void)
{
	PGconn *c = e2e_db();
	PGresult *r = PQexec(c, "SELECT slug FROM modules ORDER BY position LIMIT 1");
	cr_assert_eq(PQntuples(r), 1, "no module loaded");
	char *s = strdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return s;
}

long e2e_scalar(const char *sql, const char *param)
{
	PGconn *c = e2e_db();
	const char *p[1] = {param};
	PGresult *r = PQexecParams(c, sql, param ? 1 : 0, NULL, param ? p : NULL, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s: %s", sql, PQresultErrorMessage(r));
	long v = PQntuples(r) ? atol(PQgetvalue(r, 0, 0)) : -1;
	PQclear(r);
	PQfinish(c);
	return v;
}


/* The value (the position as shown) of the option of question q whose text is `text`, in a quiz form's
 * HTML; -1 when the form has no such option. The text is compared as the page escapes it. */
int e2e_quiz_shown(const char *html, int q, const char *text)
{
	char esc[4096] = "", pat[32];
	for (const char *t = text; *t && strlen(esc) < sizeof(esc) - 8; t++) {
		const char *rep = *t == '<' ? "&lt;" : *t == '>' ? "&gt;" : *t == '&' ? "&amp;" : *t == '"' ? "&quot;"
		                : *t == '\'' ? "&#39;" : NULL;
		size_t l = strlen(esc);
		if (rep)
			strcat(esc, rep);
		else
			esc[l] = *t, esc[l + 1] = '\0';
	}
	snprintf(pat, sizeof(pat), "name=\"q%d\" value=\"", q);
	for (const char *p = strstr(html, pat); p; p = strstr(p + 1, pat)) {
		int v = atoi(p + strlen(pat));
		const char *gt = strchr(p, '>');
		if (gt == NULL || gt[1] != ' ')
			continue;
		const char *t = gt + 2, *end = "</label>";
		if (strncmp(t, "<span lang=", 11) == 0 && (t = strchr(t, '>')) != NULL) {
			t++;   /* the option's text in its language */
			end = "</span></label>";
		}
		if (t && strncmp(t, esc, strlen(esc)) == 0 && strncmp(t + strlen(esc), end, strlen(end)) == 0)
			return v;
	}
	return -1;
}

/* For each question of the quiz (or pre-check) form the client is shown now: the form's revision, then
 * its correct options and a wrong one, as shown positions found by their text: "&revision=5&q1=2&q2=0&q2=3"
 * (right) and "&revision=5&q1=1&q2=1" (wrong). Opening the form marks nothing but the trainee's place. */
void e2e_quiz_fields(struct client *c, const char *slug, const char *set, char *right, char *wrong, size_t n)
{
	char path[256];
	struct http_res form;
	snprintf(path, sizeof(path), "/modules/%s/%s", slug, set);
	cr_assert_eq(client_do(c, "GET", path, NULL, &form), 0);
	cr_assert_eq(form.status, 200, "%s: %ld", path, form.status);
	/* A page that offers the next attempt rather than showing it: follow its link to the form. */
	char link[300];
	snprintf(link, sizeof(link), "href=\"/modules/%s/%s?attempt=", slug, set);
	const char *next = strstr(form.body, "name=\"revision\"") ? NULL : strstr(form.body, link);
	if (next) {
		snprintf(path, sizeof(path), "/modules/%s/%s?attempt=%d", slug, set, atoi(next + strlen(link)));
		http_res_free(&form);
		cr_assert_eq(client_do(c, "GET", path, NULL, &form), 0);
		cr_assert_eq(form.status, 200, "%s: %ld", path, form.status);
	}
	char *rev = html_input_value(form.body, "revision");
	cr_assert_not_null(rev, "%s has no revision", path);
	PGconn *db = e2e_db();
	const char *p[2] = {rev, set};
	PGresult *r = PQexecParams(db,
	                           "SELECT q.position, o.text, o.correct FROM questions q JOIN options o"
	                           " ON o.question_id = q.id WHERE q.revision_id = $1 AND q.set = $2"
	                           " ORDER BY q.position, o.position",
	                           2, NULL, p, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK);
	snprintf(right, n, "&revision=%s", rev);
	snprintf(wrong, n, "&revision=%s", rev);
	int wrote_wrong_for = 0;
	for (int i = 0; i < PQntuples(r); i++) {
		int q = atoi(PQgetvalue(r, i, 0));
		bool correct = PQgetvalue(r, i, 2)[0] == 't';
		int shown = e2e_quiz_shown(form.body, q, PQgetvalue(r, i, 1));
		cr_assert_geq(shown, 0, "%s: question %d's option '%s' is not on the form", path, q, PQgetvalue(r, i, 1));
		char f[32];
		snprintf(f, sizeof(f), "&q%d=%d", q, shown);
		if (correct)
			strncat(right, f, n - strlen(right) - 1);
		else if (wrote_wrong_for != q) {
			strncat(wrong, f, n - strlen(wrong) - 1);
			wrote_wrong_for = q;
		}
	}
	PQclear(r);
	PQfinish(db);
	free(rev);
	http_res_free(&form);
}


long e2e_get(struct client *c, const char *path, struct http_res *out)
{
	struct http_res r;
	cr_assert_eq(client_do(c, "GET", path, NULL, &r), 0);
	long s = r.status;
	/* Markup of our own templates must never arrive escaped (a %s given markup). */
	static const char *const escaped[] = {"&lt;span", "&lt;/", "&lt;strong", "=&quot;"};
	for (size_t i = 0; i < sizeof(escaped) / sizeof(escaped[0]); i++) {
		const char *at = strstr(r.body, escaped[i]);
		cr_expect_null(at, "%s shows escaped markup: ...%.60s", path, at && at - r.body > 40 ? at - 40 : r.body);
	}
	if (out)
		*out = r;
	else
		http_res_free(&r);
	return s;
}

/* POSTs fields (which start with '&') with the CSRF token of the page at form_path. */
long e2e_post(struct client *c, const char *form_path, const char *action, const char *fields, struct http_res *out)
{
	struct http_res r;
	cr_assert_eq(client_post_form(c, form_path, action, fields[0] == '&' ? fields + 1 : fields, &r), 0);
	long s = r.status;
	if (out)
		*out = r;
	else
		http_res_free(&r);
	return s;
}


int client_get_if(struct client *c, const char *path, const char *etag, struct http_res *res)
{
	char url[4096], inm[512];
	snprintf(url, sizeof(url), "%s%s", e2e_env("PASSAGE_TEST_URL"), path);
	snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
	const char *extra[] = {inm, NULL};
	return perform(c->c, url, "GET", NULL, 0, extra, res);
}

struct client *client_with_cookies(const char *lines)
{
	struct client *c = client_new();
	char *copy = strdup(lines), *save = NULL;
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		curl_easy_setopt(c->c, CURLOPT_COOKIELIST, l);
	free(copy);
	return c;
}

void e2e_walk_case(struct client *c, const char *slug)
{
	char path[512], fields[256];
	struct http_res r;
	snprintf(path, sizeof(path), "/modules/%s/scenario", slug);
	cr_assert_eq(e2e_post(c, path, path, "action=start", NULL), 303);
	for (int moves = 0; moves < 40; moves++) {
		cr_assert_eq(e2e_get(c, path, &r), 200);
		if (strstr(r.body, "class=\"ending") != NULL) {
			http_res_free(&r);
			return;
		}
		char *run = html_input_value(r.body, "run"), *seq = html_input_value(r.body, "seq");
		http_res_free(&r);
		cr_assert(run && seq, "no step form");
		snprintf(fields, sizeof(fields), "action=choose&run=%s&seq=%s&choice=1", run, seq);
		cr_assert_eq(e2e_post(c, path, path, fields, NULL), 200);
		free(run);
		free(seq);
	}
	cr_assert_fail("the case did not end in 40 moves");
}
