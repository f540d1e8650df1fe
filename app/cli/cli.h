/* cli.h: the subcommands of the passage binary. Each takes the arguments after its name and returns
 * the process exit status. */
#ifndef PASSAGE_CLI_H
#define PASSAGE_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct site;
/* The server's two commands take the site that app/main.c builds. */
int cli_serve(int argc, char **argv, const struct site *site);
int cli_worker(int argc, char **argv, const struct site *site);
int cli_migrate(int argc, char **argv);
int cli_config(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_cohort(int argc, char **argv);
int cli_keygen(int argc, char **argv);
int cli_content(int argc, char **argv);
int cli_doctor(int argc, char **argv);

/* Loads the configuration named by --config FILE (consumed from argv) or PASSAGE_CONFIG; prints the
 * error and returns -1 when it is wrong. */
struct config;
int cli_load_config(int *argc, char **argv, struct config *cfg, const char **path);
/* The server's keys (the session and password secrets) and a connected database, or NULL after printing
 * why not. */
struct db;
struct db *cli_open_db(const struct config *cfg);
/* A name given on the command line: valid UTF-8, one line without control characters, 1 to max
 * characters (as the forms count them). */
bool cli_text_ok(const char *s, size_t max);

#endif
