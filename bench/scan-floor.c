/* scan-floor: the kernel's own cost of a loopback TCP connect scan, for comparison with `sockit scan`
 * and nmap in bench/scan.sh. THREADS threads each take every THREADS-th port of 1-65535 on
 * 127.0.0.1 and do only what a connect scanner must, in one of two ways:
 *   fresh:  socket(), a non-blocking connect(), getsockopt(SO_ERROR) for the answer, close();
 *   reused: as sockit does, a second connect() for the answer, which on ECONNREFUSED also resets
 *           the socket, so the next port connects with the same socket (no socket()/close()).
 * Prints the wall time of each. Loopback only.
 *   gcc -O2 -o scan-floor scan-floor.c -lpthread && ./scan-floor THREADS */
#include <stdio.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <errno.h>
#include <time.h>
#include <stdlib.h>
#include <pthread.h>
static int nthreads, reuse;
static void *run(void *arg) {
  long id = (long) arg; long open = 0; int s = -1;
  for (int p = 1 + id; p <= 65535; p += nthreads) {
    if (s < 0) s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = {0}; a.sin_family = AF_INET; a.sin_port = htons(p); a.sin_addr.s_addr = htonl(0x7f000001);
    int r = connect(s, (struct sockaddr *) &a, sizeof a);
    int e = r == 0 ? 0 : errno;
    if (e == EINPROGRESS && reuse) {
      r = connect(s, (struct sockaddr *) &a, sizeof a);
      e = r == 0 || errno == EISCONN ? 0 : errno;
    } else if (e == EINPROGRESS) {
      socklen_t l = sizeof e; getsockopt(s, SOL_SOCKET, SO_ERROR, &e, &l);
    }
    if (e == 0) open++;
    if (e == ECONNREFUSED && reuse) continue;
    close(s); s = -1;
  }
  if (s >= 0) close(s);
  return (void *) open;
}
static double scan(void) {
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
  pthread_t th[16]; for (long i = 0; i < nthreads; i++) pthread_create(&th[i], 0, run, (void *) i);
  for (int i = 0; i < nthreads; i++) pthread_join(th[i], 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
}
int main(int argc, char **argv) {
  nthreads = argc > 1 ? atoi(argv[1]) : 1;
  if (nthreads < 1 || nthreads > 16) { fprintf(stderr, "scan-floor: THREADS must be 1-16\n"); return 2; }
  reuse = 0; double fresh = scan();
  reuse = 1; double reused = scan();
  printf("%d threads: fresh sockets %.3f s, reused sockets %.3f s\n", nthreads, fresh, reused);
}
