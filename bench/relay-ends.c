/* relay-ends: the two ends of bench/relay.sh, the same for every relay measured, and cheap enough
 * that the relay in the middle is what the numbers show.
 *   relay-ends sink ADDR PORT            listen; read each connection to its end, discard; print bytes
 *   relay-ends source ADDR PORT BYTES    connect; write BYTES zeros in 1 MiB writes; close
 *   relay-ends echo ADDR PORT            listen; echo each connection (one at a time)
 *   relay-ends rr ADDR PORT SECONDS SIZE connect; send SIZE bytes, read SIZE back, for SECONDS;
 *                                        print: round_trips p50_us p99_us
 * ADDR is an IPv4 or IPv6 literal. The listening modes print "ready PORT" once listening (PORT 0
 * asks the system for one).
 *   gcc -O2 -o relay-ends relay-ends.c */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }

static int addr(const char *host, int port, struct sockaddr_storage *ss, socklen_t *len) {
  memset(ss, 0, sizeof *ss);
  struct sockaddr_in *a4 = (struct sockaddr_in *)ss; struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
  if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) { a4->sin_family = AF_INET; a4->sin_port = htons(port); *len = sizeof *a4; return AF_INET; }
  if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) { a6->sin6_family = AF_INET6; a6->sin6_port = htons(port); *len = sizeof *a6; return AF_INET6; }
  fprintf(stderr, "not an IP literal: %s\n", host); exit(2);
}

static int listener(const char *host, int port) {
  struct sockaddr_storage ss; socklen_t len; int fam = addr(host, port, &ss, &len);
  int ls = socket(fam, SOCK_STREAM, 0), one = 1; setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(ls, (struct sockaddr *)&ss, len) || listen(ls, 64)) { perror("bind"); exit(1); }
  getsockname(ls, (struct sockaddr *)&ss, &len);
  printf("ready %d\n", ntohs(fam == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port : ((struct sockaddr_in6 *)&ss)->sin6_port));
  fflush(stdout);
  return ls;
}

static int connector(const char *host, int port) {
  struct sockaddr_storage ss; socklen_t len; int fam = addr(host, port, &ss, &len);
  int s = socket(fam, SOCK_STREAM, 0);
  if (connect(s, (struct sockaddr *)&ss, len)) { perror("connect"); exit(1); }
  return s;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: see the comment at the top of relay-ends.c\n"); return 2; }
  const char *mode = argv[1], *host = argv[2]; int port = atoi(argv[3]);
  static char buf[1 << 20];
  if (!strcmp(mode, "sink")) {
    int ls = listener(host, port);
    for (;;) {
      int c = accept(ls, NULL, NULL); if (c < 0) { perror("accept"); return 1; }
      long long total = 0; ssize_t n;
      while ((n = read(c, buf, sizeof buf)) > 0) total += n;
      close(c); printf("%lld\n", total); fflush(stdout);
    }
  }
  if (!strcmp(mode, "echo")) {
    int ls = listener(host, port);
    for (;;) {
      int c = accept(ls, NULL, NULL), one = 1; if (c < 0) { perror("accept"); return 1; }
      setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      ssize_t n;
      while ((n = read(c, buf, sizeof buf)) > 0) for (ssize_t d = 0; d < n;) { ssize_t k = write(c, buf + d, n - d); if (k <= 0) break; d += k; }
      close(c);
    }
  }
  if (!strcmp(mode, "source") && argc == 5) {
    long long left = atoll(argv[4]); int s = connector(host, port);
    while (left > 0) { ssize_t k = write(s, buf, left < (long long)sizeof buf ? left : (long long)sizeof buf); if (k <= 0) { perror("write"); return 1; } left -= k; }
    shutdown(s, SHUT_WR);
    while (read(s, buf, sizeof buf) > 0) {}
    close(s); return 0;
  }
  if (!strcmp(mode, "rr") && argc == 6) {
    double secs = atof(argv[4]); int size = atoi(argv[5]), one = 1; int s = connector(host, port);
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int cap = 1 << 22, count = 0; double *lat = malloc(cap * sizeof *lat), end = now() + secs;
    while (now() < end && count < cap) {
      double t0 = now();
      if (write(s, buf, size) != size) { perror("write"); return 1; }
      for (int got = 0; got < size;) { ssize_t k = read(s, buf, size - got); if (k <= 0) { perror("read"); return 1; } got += k; }
      lat[count++] = now() - t0;
    }
    qsort(lat, count, sizeof *lat, cmp);
    printf("%d %.1f %.1f\n", count, lat[count / 2] * 1e6, lat[(int)(count * 0.99)] * 1e6);
    close(s); return 0;
  }
  fprintf(stderr, "usage: see the comment at the top of relay-ends.c\n"); return 2;
}
