/* test_accounts.c: joining, resuming, staff sign-in, sessions, CSRF, throttling and authorization,
 * end to end through nginx over TLS. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

static long count(const char *sql)
{
	char ci[1024];
	snprintf(ci, sizeof(ci), "%s dbname=passage", e2e_env("PASSAGE_TEST_DB"));
	PGconn *c = PQconnectdb(ci);
	PGresult *r = PQexec(c, sql);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s", PQresultErrorMessage(r));
	long n = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return n;
}

/* The Set-Cookie line for `name`, or NULL. */
static char *set_cookie(const struct http_res *r, const char *name)
{
	char pat[128];
	snprintf(pat, sizeof(pat), "set-cookie: %s=", name);
	for (const char *p = r->headers; p && *p;) {
		const char *e = strstr(p, "\r\n");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (strncasecmp(p, pat, strlen(pat)) == 0)
			return strndup(p, n);
		p = e ? e + 2 : NULL;
	}
	return NULL;
}

static long status_of(struct client *c, const char *path)
{
	struct http_res r;
	cr_assert_eq(client_do(c, "GET", path, NULL, &r), 0);
	long s = r.status;
	http_res_free(&r);
	return s;
}

Test(accounts, join_then_resume_on_another_device)
{
	struct client *phone = client_new();
	char *resume = e2e_join(phone, "Amina%20K.");
	cr_expect_eq(strlen(resume), 14u, "resume code %s", resume);
	struct http_res r;
	cr_assert_eq(client_do(phone, "GET", "/me", NULL, &r), 0);
	cr_expect_eq(r.status, 200);
	cr_expect_not_null(strstr(r.body, "Amina K."));
	cr_expect_not_null(strstr(r.body, "Demo cohort"));
	http_res_free(&r);

	/* A second device: a fresh cookie jar, the code typed in lower case with spaces. */
	struct client *laptop = client_new();
	cr_expect_eq(status_of(laptop, "/me"), 303);
	char typed[64], fields[128];
	size_t k = 0;
	for (const char *p = resume; *p; p++)
		typed[k++] = *p == '-' ? '+' : (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	typed[k] = '\0';
	snprintf(fields, sizeof(fields), "code=%s", typed);
	cr_assert_eq(client_post_form(laptop, "/resume", "/resume", fields, &r), 0);
	cr_expect_eq(r.status, 303);
	http_res_free(&r);
	cr_assert_eq(client_do(laptop, "GET", "/me", NULL, &r), 0);
	cr_expect_eq(r.status, 200);
	cr_expect_not_null(strstr(r.body, "Amina K."));
	http_res_free(&r);
	free(resume);
	client_free(phone);
	client_free(laptop);
}

Test(accounts, session_cookie_flags)
{
	struct client *c = client_new();
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	char fields[256];
	snprintf(fields, sizeof(fields), "username=facilitator&password=%s", pw);
	struct http_res r;
	cr_assert_eq(client_post_form(c, "/signin", "/signin", fields, &r), 0);
	cr_assert_eq(r.status, 303, "%ld: %.300s", r.status, r.body);
	char *sc = set_cookie(&r, "__Host-passage");
	cr_assert_not_null(sc, "headers: %s", r.headers);
	cr_expect_not_null(strstr(sc, "; Secure"), "%s", sc);
	cr_expect_not_null(strstr(sc, "; HttpOnly"), "%s", sc);
	cr_expect_not_null(strstr(sc, "; SameSite=Lax"), "%s", sc);
	cr_expect_not_null(strstr(sc, "; Path=/"), "%s", sc);
	cr_expect_null(strcasestr(sc, "domain="), "%s", sc);
	char *v = client_cookie(c, "__Host-passage");
	cr_expect_eq(strlen(v), 43u, "a 256-bit token in base64url");
	/* The database holds only the token's hash. */
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM sessions WHERE encode(token_hash, 'escape') LIKE '%%%s%%'", v);
	cr_expect_eq(count(sql), 0);
	free(v);
	free(sc);
	free(pw);
	http_res_free(&r);
	client_free(c);
}

Test(accounts, staff_sign_out_ends_the_session)
{
	struct client *c = client_new();
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	e2e_sign_in(c, "facilitator", pw, 303);
	cr_expect_eq(status_of(c, "/me"), 200);
	char *old = client_cookie(c, "__Host-passage");
	struct http_res r;
	cr_assert_eq(client_post_form(c, "/me", "/signout", "", &r), 0);
	cr_expect_eq(r.status, 303);
	http_res_free(&r);
	cr_expect_eq(status_of(c, "/me"), 303, "signed out");

	/* The old cookie, replayed from elsewhere, is refused. */
	char hdr[128];
	snprintf(hdr, sizeof(hdr), "Cookie: __Host-passage=%s", old);
	const char *extra[] = {hdr, NULL};
	cr_assert_eq(http_do("GET", "/me", NULL, 0, extra, &r), 0);
	cr_expect_eq(r.status, 303);
	char *clear = set_cookie(&r, "__Host-passage");
	cr_expect_not_null(clear, "the dead cookie is cleared");
	if (clear)
		cr_expect_not_null(strstr(clear, "Max-Age=0"));
	free(clear);
	http_res_free(&r);
	free(old);
	free(pw);
	client_free(c);
}

Test(accounts, csrf_and_origin)
{
	struct client *c = client_new();
	struct http_res r;
	/* No token, then a wrong one, then a right one from another origin: all 403. */
	cr_assert_eq(client_do(c, "GET", "/signin", NULL, &r), 0);
	char *csrf = html_input_value(r.body, "csrf");
	http_res_free(&r);
	cr_assert_not_null(csrf);
	cr_assert_eq(client_do(c, "POST", "/signin", "username=facilitator&password=whatever12345", &r), 0);
	cr_expect_eq(r.status, 403);
	cr_expect_not_null(strstr(r.body, "did not come from this site"));
	http_res_free(&r);
	cr_assert_eq(client_do(c, "POST", "/signin", "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&username=x&password=y", &r), 0);
	cr_expect_eq(r.status, 403);
	http_res_free(&r);
	char body[256];
	snprintf(body, sizeof(body), "csrf=%s&username=facilitator&password=whatever12345", csrf);
	const char *evil[] = {"Origin: https://evil.example", "Content-Type: application/x-www-form-urlencoded", NULL};
	char *pre = client_cookie(c, "__Host-passage-pre");
	char cookie[128];
	snprintf(cookie, sizeof(cookie), "Cookie: __Host-passage-pre=%s", pre);
	const char *evil2[] = {evil[0], evil[1], cookie, NULL};
	cr_assert_eq(http_do("POST", "/signin", body, strlen(body), evil2, &r), 0);
	cr_expect_eq(r.status, 403, "a foreign Origin is refused even with a good token");
	http_res_free(&r);
	/* A token made for one browser does not work in another. */
	struct client *other = client_new();
	cr_assert_eq(client_do(other, "GET", "/signin", NULL, &r), 0);
	http_res_free(&r);
	cr_assert_eq(client_do(other, "POST", "/signin", body, &r), 0);
	cr_expect_eq(r.status, 403);
	http_res_free(&r);

	/* Signed in: sign-out without the token is refused and the session lives on. */
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	e2e_sign_in(c, "facilitator", pw, 303);
	cr_assert_eq(client_do(c, "POST", "/signout", "x=1", &r), 0);
	cr_expect_eq(r.status, 403);
	http_res_free(&r);
	cr_expect_eq(status_of(c, "/me"), 200);
	free(pw);
	free(pre);
	free(csrf);
	client_free(c);
	client_free(other);
}

Test(accounts, guessing_passwords_is_throttled)
{
	struct client *c = client_new();
	long last = 0;
	int attempts = 0;
	struct http_res r;
	for (; attempts < 8 && last != 429; attempts++) {
		cr_assert_eq(client_post_form(c, "/signin", "/signin", "username=nobody-here&password=wrong-password-1", &r), 0);
		last = r.status;
		if (last == 429) {
			char *ra = http_res_header(&r, "retry-after");
			cr_expect_not_null(ra, "429 says when to come back");
			free(ra);
		} else {
			cr_expect_eq(last, 403);
			cr_expect_not_null(strstr(r.body, "user name or the password is wrong"));
		}
		http_res_free(&r);
	}
	cr_expect_eq(last, 429, "no 429 after %d attempts", attempts);
	/* 3 free tries, then 1 s apart: the 5th is refused, or the 6th when the 5th lands in the next whole
	 * second (the throttle counts in seconds), after which the wait is 2 s. */
	cr_expect_leq(attempts, 6);
	client_free(c);
}

Test(accounts, roles_are_enforced)
{
	struct client *anon = client_new(), *trainee = client_new(), *fac = client_new(), *admin = client_new();
	free(e2e_join(trainee, "Role+Tester"));
	char *fpw = e2e_cred("FACILITATOR_PASSWORD"), *apw = e2e_cred("ADMIN_PASSWORD");
	e2e_sign_in(fac, "facilitator", fpw, 303);
	e2e_sign_in(admin, "admin", apw, 303);
	cr_expect_eq(status_of(anon, "/admin/users"), 303);
	cr_expect_eq(status_of(trainee, "/admin/users"), 403);
	cr_expect_eq(status_of(fac, "/admin/users"), 403);
	cr_expect_eq(status_of(admin, "/admin/users"), 200);
	/* A trainee cannot act on staff accounts by posting directly either. */
	struct http_res r;
	cr_assert_eq(client_post_form(trainee, "/me", "/admin/users/1/disable", "", &r), 0);
	cr_expect_eq(r.status, 403);
	http_res_free(&r);
	cr_expect_eq(count("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL AND id = 1"), 0);
	free(fpw);
	free(apw);
	client_free(anon);
	client_free(trainee);
	client_free(fac);
	client_free(admin);
}

Test(accounts, admin_adds_disables_and_resets)
{
	struct client *admin = client_new(), *newbie = client_new();
	char *apw = e2e_cred("ADMIN_PASSWORD");
	e2e_sign_in(admin, "admin", apw, 303);
	struct http_res r;
	cr_assert_eq(client_post_form(admin, "/admin/users", "/admin/users",
	                              "username=new.facilitator&display=New+Facilitator&role=facilitator", &r), 0);
	cr_expect_eq(r.status, 200);
	char *pw = html_class_text(r.body, "code-big");
	cr_assert_not_null(pw, "the generated password is shown once");
	http_res_free(&r);
	e2e_sign_in(newbie, "new.facilitator", pw, 303);
	cr_expect_eq(status_of(newbie, "/me"), 200);

	/* The same name again: refused. */
	cr_assert_eq(client_post_form(admin, "/admin/users", "/admin/users",
	                              "username=new.facilitator&display=Again&role=facilitator", &r), 0);
	cr_expect_eq(r.status, 409);
	http_res_free(&r);

	/* Disabling ends the account's sessions at once. */
	long id = count("SELECT id FROM users WHERE username = 'new.facilitator'");
	char action[64];
	snprintf(action, sizeof(action), "/admin/users/%ld/disable", id);
	cr_assert_eq(client_post_form(admin, "/admin/users", action, "", &r), 0);
	cr_expect_eq(r.status, 303);
	http_res_free(&r);
	cr_expect_eq(status_of(newbie, "/me"), 303, "the disabled account's session ended");
	struct client *again = client_new();
	e2e_sign_in(again, "new.facilitator", pw, 403);
	free(pw);
	free(apw);
	client_free(admin);
	client_free(newbie);
	client_free(again);
}

Test(accounts, password_change_ends_other_sessions, .timeout = 60)
{
	struct client *a = client_new(), *b = client_new(), *c = client_new();
	/* A trainee chooses a user name and password, then signs in with them elsewhere. */
	free(e2e_join(a, "Pat"));
	struct http_res r;
	cr_assert_eq(client_post_form(a, "/me/password", "/me/password",
	                              "username=pat.trainee&new=river+stone+lantern&confirm=river+stone+lantern", &r), 0);
	cr_expect_eq(r.status, 303, "%s", r.body);
	http_res_free(&r);
	e2e_sign_in(b, "pat.trainee", "river+stone+lantern", 303);
	cr_expect_eq(status_of(a, "/me"), 200);
	cr_expect_eq(status_of(b, "/me"), 200);

	/* b changes the password: b stays signed in (with a new token), a is signed out at once. */
	char *before = client_cookie(b, "__Host-passage");
	cr_assert_eq(client_post_form(b, "/me/password", "/me/password",
	                              "current=river+stone+lantern&new=amber+field+compass&confirm=amber+field+compass", &r), 0);
	cr_expect_eq(r.status, 303, "%s", r.body);
	http_res_free(&r);
	char *after = client_cookie(b, "__Host-passage");
	cr_expect_str_neq(before, after, "a new token after a password change");
	cr_expect_eq(status_of(b, "/me"), 200);
	cr_expect_eq(status_of(a, "/me"), 303);
	e2e_sign_in(c, "pat.trainee", "amber+field+compass", 303);

	/* Weak and mismatched passwords are refused with the reason. */
	cr_assert_eq(client_post_form(c, "/me/password", "/me/password", "current=amber+field+compass&new=password1234&confirm=password1234", &r), 0);
	cr_expect_eq(r.status, 400);
	cr_expect_not_null(strstr(r.body, "commonly used"));
	cr_expect_not_null(strstr(r.body, "<title>Error: "), "errors are announced in the title");
	http_res_free(&r);
	free(before);
	free(after);
	client_free(a);
	client_free(b);
	client_free(c);
}

/* Bad input: each refused cleanly and nothing stored. */
struct bad_join { const char *fields; long status; const char *says; };
Test(accounts, bad_input_is_refused_and_not_stored)
{
	char *code = e2e_cred("JOIN_CODE");
	long users = count("SELECT count(*) FROM users");
	char longname[200];
	memset(longname, 'x', 61);
	longname[61] = '\0';
	char f1[300], f2[300], f3[300], f4[300], f5[300];
	snprintf(f1, sizeof(f1), "code=%s&name=%s", code, longname);
	snprintf(f2, sizeof(f2), "code=%s&name=Ana%%07Bell", code);
	snprintf(f3, sizeof(f3), "code=%s&name=+++", code);
	snprintf(f4, sizeof(f4), "code=ZZZZ-ZZZZ&name=Ana");
	snprintf(f5, sizeof(f5), "code=%s&name=Ana%%ff", code);
	struct bad_join v[] = {
		{f1, 400, "Error:"}, {f2, 400, "Error:"}, {f3, 400, "type a name"},
		{f4, 403, "no open course has this code"}, {f5, 400, "could not be understood"},
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct client *c = client_new();
		struct http_res r;
		cr_assert_eq(client_post_form(c, "/join", "/join", v[i].fields, &r), 0);
		cr_expect_eq(r.status, v[i].status, "%s: %ld", v[i].fields, r.status);
		cr_expect_not_null(strstr(r.body, v[i].says), "%s: page lacks '%s'", v[i].fields, v[i].says);
		cr_expect_null(set_cookie(&r, "__Host-passage"), "no session for a refused join");
		http_res_free(&r);
		client_free(c);
	}
	cr_expect_eq(count("SELECT count(*) FROM users"), users, "nothing stored");

	/* An over-long password and a malformed or forged cookie. */
	struct client *c = client_new();
	char big[400];
	memset(big, 'p', 200);
	big[200] = '\0';
	char fields[512];
	snprintf(fields, sizeof(fields), "username=facilitator&password=%s", big);
	struct http_res r;
	cr_assert_eq(client_post_form(c, "/signin", "/signin", fields, &r), 0);
	cr_expect_eq(r.status, 400);
	http_res_free(&r);
	const char *bad_cookies[] = {"Cookie: __Host-passage=not-a-token", "Cookie: __Host-passage=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	                             "Cookie: __Host-passage=\"\"; junk", NULL};
	for (int i = 0; bad_cookies[i]; i++) {
		const char *extra[] = {bad_cookies[i], NULL};
		cr_assert_eq(http_do("GET", "/me", NULL, 0, extra, &r), 0);
		cr_expect_eq(r.status, 303, "%s", bad_cookies[i]);
		http_res_free(&r);
		cr_assert_eq(http_do("GET", "/", NULL, 0, extra, &r), 0);
		cr_expect_eq(r.status, 200);
		http_res_free(&r);
	}
	free(code);
	client_free(c);
}

/* ---- session expiry, on a server of our own with short limits, over FastCGI ---- */

static void own_start(struct own_server *o)
{
	static const char *const env[] = {"PASSAGE_WORKERS", "1", "PASSAGE_STAFF_IDLE", "2", "PASSAGE_STAFF_LIFETIME", "5", NULL};
	own_server_start(o, "acct", env);
}

/* One request over FastCGI as nginx would send it over HTTPS; returns the raw CGI response. */
static char *fcgi(struct own_server *o, const char *method, const char *uri, const char *cookie, const char *body)
{
	char len[24];
	snprintf(len, sizeof(len), "%zu", body ? strlen(body) : 0);
	const char *p[] = {"REQUEST_METHOD", method, "REQUEST_URI", uri, "HTTPS", "on", "REMOTE_ADDR", "127.0.0.9",
	                   "HTTP_HOST", "localhost", "HTTP_ORIGIN", "https://localhost", "HTTP_COOKIE", cookie ? cookie : "",
	                   "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", len, NULL};
	return fcgi_request(o->sock, p, body ? body : "", body ? strlen(body) : 0, body ? strlen(body) : 0, NULL, NULL);
}

/* Copies the value of Set-Cookie NAME=value from a CGI response. */
static bool cookie_from(const char *resp, const char *name, char *out, size_t n)
{
	char pat[128];
	snprintf(pat, sizeof(pat), "Set-Cookie: %s=", name);
	const char *p = strstr(resp, pat);
	if (p == NULL)
		return false;
	p += strlen(pat);
	size_t k = strcspn(p, ";\r");
	snprintf(out, n, "%.*s", (int)k, p);
	return true;
}

Test(accounts, sessions_expire_idle_and_absolute, .timeout = 60)
{
	struct own_server o;
	own_start(&o);
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	char pre[64], sess[64], cookie[256], body[512];
	char *resp = fcgi(&o, "GET", "/signin", NULL, NULL);
	cr_assert_not_null(resp);
	cr_assert(cookie_from(resp, "__Host-passage-pre", pre, sizeof(pre)));
	char *csrf = html_input_value(resp, "csrf");
	free(resp);
	snprintf(cookie, sizeof(cookie), "__Host-passage-pre=%s", pre);
	snprintf(body, sizeof(body), "csrf=%s&username=facilitator&password=%s", csrf, pw);
	resp = fcgi(&o, "POST", "/signin", cookie, body);
	cr_assert(strncmp(resp, "Status: 303", 11) == 0, "%.80s", resp);
	cr_assert(cookie_from(resp, "__Host-passage", sess, sizeof(sess)));
	free(resp);
	snprintf(cookie, sizeof(cookie), "__Host-passage=%s", sess);

	/* Active every second: alive until the 5 s lifetime, then gone. */
	resp = fcgi(&o, "GET", "/me", cookie, NULL);
	cr_expect(strncmp(resp, "Status: 200", 11) == 0, "%.40s", resp);
	free(resp);
	sleep(1);
	resp = fcgi(&o, "GET", "/me", cookie, NULL);
	cr_expect(strncmp(resp, "Status: 200", 11) == 0, "after 1 s: %.40s", resp);
	free(resp);
	/* Idle for 3 s (> 2 s): ended. */
	sleep(3);
	resp = fcgi(&o, "GET", "/me", cookie, NULL);
	cr_expect(strncmp(resp, "Status: 303", 11) == 0, "after 3 idle seconds: %.40s", resp);
	free(resp);

	/* A fresh session kept busy still ends at the absolute limit. */
	resp = fcgi(&o, "GET", "/signin", cookie, NULL);
	cookie_from(resp, "__Host-passage-pre", pre, sizeof(pre));
	free(csrf);
	csrf = html_input_value(resp, "csrf");
	free(resp);
	snprintf(cookie, sizeof(cookie), "__Host-passage-pre=%s", pre);
	snprintf(body, sizeof(body), "csrf=%s&username=facilitator&password=%s", csrf, pw);
	resp = fcgi(&o, "POST", "/signin", cookie, body);
	cr_assert(cookie_from(resp, "__Host-passage", sess, sizeof(sess)), "%.200s", resp);
	free(resp);
	snprintf(cookie, sizeof(cookie), "__Host-passage=%s", sess);
	long last = 200;
	for (int i = 0; i < 7 && last == 200; i++) {
		sleep(1);
		resp = fcgi(&o, "GET", "/me", cookie, NULL);
		last = strncmp(resp, "Status: 200", 11) == 0 ? 200 : 303;
		if (i < 3)
			cr_expect_eq(last, 200, "second %d", i + 1);
		free(resp);
	}
	cr_expect_eq(last, 303, "the absolute limit ended it");
	free(csrf);
	free(pw);
	own_server_stop(&o);
}

Test(accounts, plain_http_never_gets_a_session)
{
	struct http_res r;
	cr_assert_eq(http_plain("/signin", &r), 0);
	cr_expect_eq(r.status, 301);
	cr_expect_null(set_cookie(&r, "__Host-passage"));
	cr_expect_null(set_cookie(&r, "__Host-passage-pre"));
	cr_expect_null(set_cookie(&r, "passage"));
	http_res_free(&r);
}

Test(accounts, disabling_from_the_command_line_ends_cached_sessions, .timeout = 60)
{
	/* A staff account made and later disabled with the CLI, a separate process: the server's session
	 * cache hears of it through PostgreSQL's NOTIFY. */
	char cmd[2048];
	snprintf(cmd, sizeof(cmd),
	         "echo 'violet harbour compass' | PASSAGE_CONFIG=%s/etc/passage.conf %s user add --role facilitator cli.user "
	         ">/dev/null 2>&1",
	         e2e_env("PASSAGE_TEST_VAR"), e2e_env("PASSAGE_TEST_BIN"));
	cr_assert_eq(system(cmd), 0);
	struct client *c = client_new();
	e2e_sign_in(c, "cli.user", "violet+harbour+compass", 303);
	for (int i = 0; i < 5; i++)
		cr_expect_eq(status_of(c, "/me"), 200);
	snprintf(cmd, sizeof(cmd), "PASSAGE_CONFIG=%s/etc/passage.conf %s user disable cli.user >/dev/null 2>&1",
	         e2e_env("PASSAGE_TEST_VAR"), e2e_env("PASSAGE_TEST_BIN"));
	cr_assert_eq(system(cmd), 0);
	long s = 200;
	int tries = 0;
	for (; tries < 10 && s == 200; tries++) {
		s = status_of(c, "/me");
		if (s == 200)
			usleep(50000);
	}
	cr_expect_eq(s, 303, "still signed in after the account was disabled");
	cr_expect_leq(tries, 3, "took %d tries (%d ms)", tries, tries * 50);
	client_free(c);
}
