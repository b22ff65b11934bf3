/* scan-floor: the kernel's own cost of a loopback TCP connect scan, for comparison with `sockit scan`
 * and nmap in bench/scan.sh. THREADS threads each take every THREADS-th port of 1-65535 on
 * 127.0.0.1 and do only what any connect scanner must: socket(), a non-blocking connect(),
 * getsockopt(SO_ERROR) for the answer, close(). Prints the wall time. Loopback only.
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
static int nthreads;
static void *run(void *arg) {
  long id = (long) arg; int open = 0;
  for (int p = 1 + id; p <= 65535; p += nthreads) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = {0}; a.sin_family = AF_INET; a.sin_port = htons(p); a.sin_addr.s_addr = htonl(0x7f000001);
    int r = connect(s, (struct sockaddr *) &a, sizeof a);
    if (r == 0) open++; else if (errno == EINPROGRESS) { int e = 0; socklen_t l = sizeof e; getsockopt(s, SOL_SOCKET, SO_ERROR, &e, &l); if (e == 0) open++; }
    close(s);
  }
  return (void *)(long) open;
}
int main(int argc, char **argv) {
  nthreads = argc > 1 ? atoi(argv[1]) : 1;
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
  pthread_t th[16]; for (long i = 0; i < nthreads; i++) pthread_create(&th[i], 0, run, (void *) i);
  long open = 0; for (int i = 0; i < nthreads; i++) { void *r; pthread_join(th[i], &r); open += (long) r; }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%d threads: %.3f s, %ld open-or-inprogress\n", nthreads, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, open);
}
