/* crr: connect-request-response-close over loopback TCP, the baseline for `sockit bench ... crr`.
 * A forked server answers each connection with SIZE bytes and closes; the client connects, sends
 * SIZE bytes, reads SIZE bytes, closes, for SECONDS, then prints: connections/s p50_us p99_us.
 *   gcc -O2 -o crr crr.c && ./crr 127.0.0.1 SECONDS SIZE */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int full(int fd, char *b, int n, int rd) {
  for (int d = 0; d < n;) { int k = rd ? read(fd, b + d, n - d) : write(fd, b + d, n - d); if (k <= 0) return -1; d += k; }
  return 0;
}
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: crr ADDR SECONDS SIZE\n"); return 2; }
  double secs = atof(argv[2]); int size = atoi(argv[3]); char *buf = calloc(1, size > 0 ? size : 1);
  struct sockaddr_in a = {.sin_family = AF_INET}; inet_pton(AF_INET, argv[1], &a.sin_addr);
  int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1; setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 1024)) { perror("bind"); return 1; }
  socklen_t al = sizeof a; getsockname(ls, (struct sockaddr *)&a, &al);
  pid_t child = fork();
  if (child == 0) {
    for (;;) { int c = accept(ls, 0, 0); if (c < 0) continue; setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (full(c, buf, size, 1) == 0) full(c, buf, size, 0); close(c); }
  }
  close(ls);
  size_t cap = 1 << 20, n = 0; double *lat = malloc(cap * sizeof *lat);
  double end = now() + secs, t0 = now();
  while (t0 < end) {
    int s = socket(AF_INET, SOCK_STREAM, 0); setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(s, (struct sockaddr *)&a, sizeof a) || full(s, buf, size, 0) || full(s, buf, size, 1)) { perror("crr"); break; }
    close(s);
    double t1 = now(); if (n == cap) { cap *= 2; lat = realloc(lat, cap * sizeof *lat); } lat[n++] = (t1 - t0) * 1e6; t0 = t1;
  }
  kill(child, SIGTERM); waitpid(child, 0, 0);
  qsort(lat, n, sizeof *lat, cmp);
  printf("%.0f %.1f %.1f\n", n / secs, n ? lat[n / 2] : 0, n ? lat[(size_t)(n * 0.99)] : 0);
  return 0;
}
