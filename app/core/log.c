/* log.c: log lines to stderr, each written with a single write(2). */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

long long clock_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

unsigned long log_stamp(char *out, unsigned long n)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t k = strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
	int m = snprintf(out + k, n - k, ".%03ldZ", ts.tv_nsec / 1000000);
	return k + (m > 0 ? (size_t)m : 0);
}

void log_line(char *line, unsigned long len, unsigned long cap)
{
	if (len > cap - 2)
		len = cap - 2;
	for (unsigned long i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7F)
			line[i] = '?';
	line[len++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, len);
	(void)w;
}

int log_pid(void)
{
	/* Each process (the master, and each worker, a fresh exec) asks once. */
	static _Atomic int pid;
	if (pid == 0)
		pid = (int)getpid();
	return pid;
}

void log_msg(const char *level, const char *fmt, ...)
{
	char line[2048];
	size_t k = log_stamp(line, sizeof(line));
	int m = snprintf(line + k, sizeof(line) - k, " [%d] %s: ", log_pid(), level);
	if (m > 0)
		k += (size_t)m;
	va_list ap;
	va_start(ap, fmt);
	m = vsnprintf(line + k, sizeof(line) - k, fmt, ap);
	va_end(ap);
	if (m > 0)
		k += (size_t)m;
	log_line(line, k, sizeof(line));
}
