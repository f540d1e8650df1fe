/* page_slips.h: a resume code on paper: the trainee's name, the code, a QR code to /resume and one
 * line of instructions, for the trainee's own new code, a code a facilitator issues, and a cohort's
 * sheet of slips made in advance. */
#ifndef PASSAGE_PAGES_PAGE_SLIPS_H
#define PASSAGE_PAGES_PAGE_SLIPS_H

#include "pages/pages.h"
#include "security/security.h"

#define SLIP_CODE_MAX SEC_RESUME_DISPLAY_MAX   /* XXXX-XXXX-XXXX and NUL */

/* Gives trainee `user` a new resume code in place of the one whose fingerprint is `was` (the one the form
 * that asked was shown for), retrying the rare collision; its display form goes to display. STORE_OK,
 * STORE_NONE (the code was replaced meanwhile: the form was posted again), or STORE_FAILED (the database
 * failed, or no free code was found). */
enum store_rc slip_code_set(struct db *db, long long user, const char *was, char display[SLIP_CODE_MAX]);
/* The hidden input naming the trainee's current code, for a form that replaces it. false after a 503. */
bool slip_was_input(struct req *r, long long user);
/* The QR code of this site's /resume, as SVG markup in the arena ("" when it cannot be made). */
const char *slip_qr(struct req *r);
/* One slip; qr comes from slip_qr(). */
void slip_write(struct req *r, const char *name, const char *code, const char *qr);

#endif
