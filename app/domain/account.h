/* account.h: who is signed in. Plain values, filled by the store, read by the pages. */
#ifndef PASSAGE_ACCOUNT_H
#define PASSAGE_ACCOUNT_H

#include <stdbool.h>

enum role {
	ROLE_TRAINEE,
	ROLE_FACILITATOR,
	ROLE_ADMIN,
	ROLE__MAX
};

struct account {
	long long id;
	enum role role;
	char display_name[241];    /* up to 60 characters of UTF-8 */
	char username[41];         /* "" for a trainee without one */
	long long cohort_id;       /* 0: none */
	bool disabled;
	char lang[4];              /* the language chosen: the person's own, else the cohort's; "" for none */
	char password_hash[129];   /* only filled where a password is checked */
};

const char *role_name(enum role r);            /* "trainee", "facilitator", "admin" */
bool role_parse(const char *s, enum role *out);
bool role_is_staff(enum role r);

/* User names: 3 to 40 of [a-z0-9._-], starting with a letter or digit. Lower-cases into out. */
bool username_normalise(const char *in, char out[41]);
/* A (normalised) name a trainee may not choose, because staff accounts are often called so (admin,
 * facilitator, root, ...): refused like a taken name, so that refusing a name does not say that an
 * account has it. */
bool username_reserved(const char *name);

#endif
