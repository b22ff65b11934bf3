/* transfer-floor: what moving a file over loopback TCP costs in C when, as `sockit send`/`receive`
 * do, both sides compute the SHA-256 of every byte (OpenSSL, which uses the CPU's SHA instructions)
 * and the receiver writes the file. For bench/transfer.sh, beside sockit and ncat.
 *
 *   transfer-floor FILE OUT
 *
 * Forks a receiver (accept one connection on 127.0.0.1, recv into a 1 MiB block, hash, write to OUT
 * with O_DIRECT as sockit's receiver does for large files, fsync) and a sender (read FILE in 256 KiB pieces, hash, send), one process and one thread each,
 * as `ncat -l > out` and `ncat < file` are two processes; no protocol beyond the bytes and the
 * sender's digest at the end, which the receiver compares with its own. Prints the wall time from
 * the sender's start to the receiver's exit. Loopback only.
 *   gcc -O2 -o transfer-floor transfer-floor.c -lcrypto
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (256 * 1024)
#define BLOCK (1024 * 1024)

static void die(const char *what) {
  fprintf(stderr, "transfer-floor: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void write_all(int fd, const unsigned char *p, size_t n, const char *what) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) die(what);
    p += w;
    n -= (size_t) w;
  }
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: transfer-floor FILE OUT\n");
    return 2;
  }
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t alen = sizeof a;
  if (listener < 0 || bind(listener, (struct sockaddr *) &a, sizeof a) || listen(listener, 1)
      || getsockname(listener, (struct sockaddr *) &a, &alen)) die("listen on 127.0.0.1");
  static unsigned char buf[CHUNK];
  unsigned char mine[32], theirs[32];
  double start = now();
  pid_t rx = fork();
  if (rx == 0) { /* receiver: bytes until the sender shuts down its side; its last 32 are the digest */
    int c = accept(listener, 0, 0);
    /* O_DIRECT for whole blocks, as sockit's receiver writes large files; the page cache for the
     * last partial block (and for file systems without O_DIRECT) */
    int direct = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0644);
    int out = open(argv[2], O_WRONLY | O_CREAT | (direct < 0 ? O_TRUNC : 0), 0644);
    if (c < 0 || out < 0) die("accept or open OUT");
    unsigned char *block;
    if (posix_memalign((void **) &block, 4096, BLOCK + 32)) die("posix_memalign");
    EVP_MD_CTX *h = EVP_MD_CTX_new();
    EVP_DigestInit_ex(h, EVP_sha256(), 0);
    size_t fill = 0;  /* bytes in block; the last 32 of the stream may be among them */
    off_t written = 0;
    for (;;) {
      ssize_t r = recv(c, block + fill, BLOCK + 32 - fill, 0);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) die("recv");
      if (r == 0) break;
      fill += (size_t) r;
      if (fill == BLOCK + 32) { /* a whole block that is certainly data: 32 more bytes follow it */
        EVP_DigestUpdate(h, block, BLOCK);
        write_all(direct >= 0 ? direct : out, block, BLOCK, "write OUT");
        written += BLOCK;
        memmove(block, block + BLOCK, 32);
        fill = 32;
      }
    }
    if (fill < 32) { fprintf(stderr, "transfer-floor: no digest at the end\n"); return 1; }
    EVP_DigestUpdate(h, block, fill - 32);
    if (lseek(out, written, SEEK_SET) < 0) die("lseek OUT");
    write_all(out, block, fill - 32, "write OUT");
    EVP_DigestFinal_ex(h, mine, 0);
    if (fsync(out) || close(out) || (direct >= 0 && close(direct))) die("fsync OUT");
    if (memcmp(mine, block + fill - 32, 32) != 0) { fprintf(stderr, "transfer-floor: checksum mismatch\n"); return 1; }
    return 0;
  }
  close(listener);
  int in = open(argv[1], O_RDONLY);
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (in < 0 || s < 0 || connect(s, (struct sockaddr *) &a, sizeof a)) die("open FILE or connect");
  EVP_MD_CTX *h = EVP_MD_CTX_new();
  EVP_DigestInit_ex(h, EVP_sha256(), 0);
  for (;;) {
    ssize_t r = read(in, buf, CHUNK);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) die("read FILE");
    if (r == 0) break;
    EVP_DigestUpdate(h, buf, (size_t) r);
    write_all(s, buf, (size_t) r, "send");
  }
  EVP_DigestFinal_ex(h, theirs, 0);
  write_all(s, theirs, 32, "send");
  shutdown(s, SHUT_WR);
  int status;
  waitpid(rx, &status, 0);
  double took = now() - start;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  printf("%.3f\n", took);
  return 0;
}
