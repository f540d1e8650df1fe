/* test_config.c: configuration files and environment variables, good and bad. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/config.h"

static char *write_tmp(const char *text)
{
	static char path[64];
	strcpy(path, "/tmp/passage-cfg-XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

Test(config, defaults)
{
	struct config c;
	char err[256];
	cr_assert_eq(config_load(&c, NULL, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(c.listen, "/run/passage/passage.sock");
	cr_expect_eq(c.threads, 8);
	cr_expect_geq(c.workers, 1);
	cr_expect_eq(c.max_body, 65536);
	cr_expect(c.access_log);
}

Test(config, file_then_environment)
{
	struct config c;
	char err[256];
	char *p = write_tmp("# comment\n\nlisten = /tmp/x.sock\nthreads=3\naccess_log = off\nsocket_mode = 0600\n");
	setenv("PASSAGE_THREADS", "5", 1);
	cr_assert_eq(config_load(&c, p, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(c.listen, "/tmp/x.sock");
	cr_expect_eq(c.threads, 5);
	cr_expect_not(c.access_log);
	cr_expect_eq(c.socket_mode, 0600u);
	unlink(p);
}

struct bad_vec { const char *file; const char *env_name, *env_val; const char *must_say; };
ParameterizedTestParameters(config, refusals)
{
	static struct bad_vec v[] = {
		{"thraeds = 4\n", NULL, NULL, "unknown key 'thraeds'"},
		{"threads = 0\n", NULL, NULL, "threads"},
		{"threads = many\n", NULL, NULL, "'many'"},
		{"threads = 4x\n", NULL, NULL, "threads"},
		{"workers = 65\n", NULL, NULL, "workers"},
		{"socket_mode = 999\n", NULL, NULL, "socket_mode"},
		{"access_log = maybe\n", NULL, NULL, "'maybe'"},
		{"just words\n", NULL, NULL, "expected 'key = value'"},
		{"listen =\n", NULL, NULL, "listen"},
		{"", "PASSAGE_TREADS", "4", "PASSAGE_TREADS"},
		{"", "PASSAGE_MAX_BODY", "10", "max_body"},
	};
	return cr_make_param_array(struct bad_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct bad_vec *v, config, refusals)
{
	struct config c;
	char err[512] = "";
	char *p = write_tmp(v->file);
	if (v->env_name)
		setenv(v->env_name, v->env_val, 1);
	cr_expect_eq(config_load(&c, p, err, sizeof(err)), -1);
	cr_expect_not_null(strstr(err, v->must_say), "error '%s' should name '%s'", err, v->must_say);
	if (v->file[0] != '\0')
		cr_expect_not_null(strstr(err, ":1"), "error '%s' should give the line", err);
	unlink(p);
}

Test(config, missing_file)
{
	struct config c;
	char err[512];
	cr_expect_eq(config_load(&c, "/nonexistent/passage.conf", err, sizeof(err)), -1);
	cr_expect_not_null(strstr(err, "/nonexistent/passage.conf"));
}

/* base_url is what gets printed for people to type: a scheme and a host, nothing else. */
Test(config, base_url_is_a_scheme_and_a_host)
{
	const char *good[] = {"https://passage.example.org", "https://passage.example.org/", "http://127.0.0.1:8443",
	                      "https://[::1]:8443", "https://xn--bcher-kva.example"};
	const char *bad[] = {"passage.example.org", "ftp://x.org", "https://", "https://x.org/path", "https://x.org:99999",
	                     "https://x.org:", "https://evil.org\"><script>", "https://user@x.org", "https://x .org",
	                     "https://[::1", "javascript:alert(1)"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_expect(config_url_ok(good[i]), "%s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_not(config_url_ok(bad[i]), "%s", bad[i]);
	struct config c;
	char err[256];
	setenv("PASSAGE_BASE_URL", "https://passage.example.org/", 1);
	cr_assert_eq(config_load(&c, NULL, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(c.base_url, "https://passage.example.org", "the trailing slash goes");
	setenv("PASSAGE_BASE_URL", "https://x.org/join", 1);
	cr_expect_eq(config_load(&c, NULL, err, sizeof(err)), -1);
	cr_expect(strstr(err, "base_url"), "%s", err);
	unsetenv("PASSAGE_BASE_URL");
}
