/* test_layers.c: the include graph points one way. Each folder of app/ is a layer; a file may include
 * its own layer and the layers below it, never one above (HACKING.md, "Layers"). Reads the sources, so
 * it runs from the top of the repository, as `make check` and `make test` do. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>

/* Lowest first. main.c, outside every folder, is above them all. */
static const char *const layers[] = {"core", "domain", "store", "server", "security", "pages", "cli"};
#define NLAYERS (int)(sizeof(layers) / sizeof(layers[0]))

static int rank(const char *name, size_t len)
{
	for (int i = 0; i < NLAYERS; i++)
		if (strlen(layers[i]) == len && strncmp(layers[i], name, len) == 0)
			return i;
	return -1;
}

/* Checks every `#include "layer/..."` of one file; returns how many point up (each reported). */
static int check_file(const char *path, int own)
{
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "cannot read %s", path);
	char line[512];
	int bad = 0, lineno = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "#include \"", 10) != 0)
			continue;
		p += 10;
		const char *slash = strchr(p, '/');
		if (slash == NULL)
			continue;   /* a generated header (build/gen) */
		int to = rank(p, (size_t)(slash - p));
		if (to < 0) {
			fprintf(stderr, "%s:%d includes %.*s, which is no layer\n", path, lineno, (int)(slash - p), p);
			bad++;
		} else if (to > own) {
			fprintf(stderr, "%s:%d: %s includes %s, a layer above it\n", path, lineno, own < NLAYERS ? layers[own] : "main",
			             layers[to]);
			bad++;
		}
	}
	fclose(f);
	return bad;
}

Test(layers, no_file_includes_a_layer_above_its_own)
{
	int bad = 0, files = 0;
	for (int l = 0; l < NLAYERS; l++) {
		char dir[64];
		snprintf(dir, sizeof(dir), "app/%s", layers[l]);
		DIR *d = opendir(dir);
		cr_assert_not_null(d, "cannot open %s (run from the top of the repository)", dir);
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			size_t n = strlen(e->d_name);
			if (n < 3 || e->d_name[n - 2] != '.' || (e->d_name[n - 1] != 'c' && e->d_name[n - 1] != 'h'))
				continue;
			char path[512];
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			bad += check_file(path, l);
			files++;
		}
		closedir(d);
	}
	cr_assert_gt(files, 50, "found only %d source files", files);
	cr_assert_eq(bad, 0, "%d includes point up (see the log above)", bad);
}

Test(layers, every_folder_of_app_is_a_layer)
{
	DIR *d = opendir("app");
	cr_assert_not_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		cr_expect_geq(rank(e->d_name, strlen(e->d_name)), 0, "app/%s is not in the list of layers", e->d_name);
	}
	closedir(d);
}

/* The checker itself: a file that includes a higher layer is caught. */
Test(layers, an_include_pointing_up_is_caught)
{
	char path[] = "/tmp/passage-layers-XXXXXX";
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs("#include <stdio.h>\n#include \"core/arena.h\"\n  #include \"pages/pages.h\"\n#include \"gen.h\"\n", f);
	fclose(f);
	cr_expect_eq(check_file(path, rank("store", 5)), 1);
	cr_expect_eq(check_file(path, rank("cli", 3)), 0);
	remove(path);
}
