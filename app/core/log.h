/* log.h: log lines to stderr and a monotonic clock, for every layer. */
#ifndef PASSAGE_LOG_H
#define PASSAGE_LOG_H

/* Whole lines, one write(2) each, so lines from threads and processes never interleave. Control
 * characters are replaced, so input cannot forge a line. */
void log_msg(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_info(...) log_msg("info", __VA_ARGS__)
#define log_warn(...) log_msg("warn", __VA_ARGS__)
#define log_error(...) log_msg("error", __VA_ARGS__)

/* Writes the timestamp prefix "2026-11-30T01:02:03.456Z" into out; returns its length. */
unsigned long log_stamp(char *out, unsigned long n);
int log_pid(void);   /* this process's id, asked once */
void log_line(char *line, unsigned long len, unsigned long cap);   /* sanitises, adds \n, writes */

long long clock_us(void);        /* monotonic microseconds */

#endif
