/* account.c: roles and user names. */
#include "domain/account.h"

#include <string.h>

static const char *const roles[ROLE__MAX] = {
	[ROLE_TRAINEE] = "trainee",
	[ROLE_FACILITATOR] = "facilitator",
	[ROLE_ADMIN] = "admin",
};

const char *role_name(enum role r)
{
	return r < ROLE__MAX ? roles[r] : "unknown";
}

bool role_parse(const char *s, enum role *out)
{
	for (int i = 0; i < ROLE__MAX; i++) {
		if (s != NULL && strcmp(s, roles[i]) == 0) {
			*out = (enum role)i;
			return true;
		}
	}
	return false;
}

bool role_is_staff(enum role r)
{
	return r == ROLE_FACILITATOR || r == ROLE_ADMIN;
}

bool username_normalise(const char *in, char out[41])
{
	size_t n = in ? strlen(in) : 0;
	if (n < 3 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '_' || c == '-'));
		if (!ok)
			return false;
		out[i] = c;
	}
	out[n] = '\0';
	return true;
}

bool username_reserved(const char *name)
{
	static const char *const kept[] = {"admin", "administrator", "root", "staff", "facilitator", "trainer",
	                                   "teacher", "support", "helpdesk", "passage", "system", "sysadmin",
	                                   "superuser", "webmaster", "postmaster", "security", "manager", "owner",
	                                   "moderator", "operator", NULL};
	for (size_t i = 0; kept[i]; i++)
		if (strcmp(name, kept[i]) == 0)
			return true;
	return false;
}
