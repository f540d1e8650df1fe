/* common_passwords.h: the list of common passwords (app/security/common-passwords.txt), lower-case and
 * sorted, embedded at build time. */
#ifndef PASSAGE_COMMON_PASSWORDS_H
#define PASSAGE_COMMON_PASSWORDS_H
#include <stddef.h>
extern const char *const common_passwords[];
extern const size_t n_common_passwords;
#endif
