/* cli_serve.c: `passage serve` (the master) and `passage worker` (what the master execs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "server/config.h"
#include "server/server.h"

int cli_serve(int argc, char **argv, const struct site *site)
{
	static struct config cfg;
	const char *path;
	if (cli_load_config(&argc, argv, &cfg, &path) != 0)
		return 2;
	if (argc > 0) {
		fprintf(stderr, "passage serve: unexpected argument '%s'\n", argv[0]);
		return 2;
	}
	if (cfg.allow_plain_http)
		log_warn("allow_plain_http is on: sessions work over plain HTTP. Never use this in production.");
	return server_run(site, &cfg, path);
}

/* Internal: `passage worker LISTEN_FD READY_FD master=PID [SHM_FD]`, started by the master only. A master
 * of an earlier version (a binary upgraded under it, then SIGHUP) leaves out master=PID: its workers
 * take their parent for it. */
int cli_worker(int argc, char **argv, const struct site *site)
{
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "passage worker: internal command, started by 'passage serve'\n");
		return 2;
	}
	pid_t master = getppid();
	int rest = 2;
	if (argc > 2 && strncmp(argv[2], "master=", 7) == 0)
		master = (pid_t)atoi(argv[rest++] + 7);
	if (argc - rest > 1) {
		fprintf(stderr, "passage worker: internal command, started by 'passage serve'\n");
		return 2;
	}
	return worker_main(site, atoi(argv[0]), atoi(argv[1]), master, argc > rest ? atoi(argv[rest]) : -1, getenv("PASSAGE_CONFIG"));
}
