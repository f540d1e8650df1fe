/* module_page.h: what every page of a module shares: loading it with the trainee's progress, the next
 * step, the progress bar and the breadcrumb. */
#ifndef PASSAGE_PAGES_MODULE_PAGE_H
#define PASSAGE_PAGES_MODULE_PAGE_H

#include "domain/progress.h"
#include "pages/pages.h"

/* Loads the module named by r->arg[0] ({slug}) with the signed-in trainee's progress. Returns false after
 * answering 404 or 503. */
bool module_load(struct req *r, struct progress *p);
/* The same with only the cheap columns (see db_progress_head), for the pages trainees use most. */
bool module_head(struct req *r, struct progress *p);
bool module_lesson_head(struct req *r, struct progress *p);
/* The first step not done (module_next_step), as a link target and as a button's words ("Continue:
 * lesson 4"); when everything is done, the certificate. */
const char *module_continue_href(struct req *r, const struct progress *p);
const char *module_continue_words(struct req *r, const struct progress *p);
void progress_bar(struct req *r, const struct progress *p);
/* A module's title in the request's language (*lang, when given, says which: "en" where it is not
 * translated), and the same written as a <span> with its lang and dir. */
const char *module_title(struct req *r, const struct module_info *m, const char **lang);
void module_title_html(struct req *r, const struct module_info *m);
/* A breadcrumb: Modules › Module title (linked) › here. */
void module_crumbs(struct req *r, const struct progress *p, const char *here);

#endif
