#!/usr/bin/env python3
"""Holds N concurrent connections to `sockit tcp listen -k --echo -m 20000` (started here, on
127.0.0.1), checks that every one of them still echoes, times a new client's connect + echo while
they are all open, and reports the server's resident memory per connection. Stops by itself.

    bench/many-connections.py [N]        (default 10000)
"""
import os, re, resource, selectors, socket, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
if hard < N + 100:
    sys.exit(f"needs a descriptor limit above {N + 100}; this shell's hard limit is {hard}")

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))

def one_round_trip(port):
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"ping\n")
        got = b""
        while not got.endswith(b"\n"):
            chunk = s.recv(64)
            if not chunk:
                raise RuntimeError("connection closed before the echo")
            got += chunk
    return (time.perf_counter() - start) * 1000

server = subprocess.Popen([os.path.join(ROOT, "sockit"), "tcp", "listen", "-k", "--echo", "-m", "20000",
                           "--backlog", "4096", "127.0.0.1", "0"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
conns = []
try:
    ready = None
    while ready is None:
        line = server.stderr.readline()
        if not line:
            sys.exit("the server ended before it was ready")
        ready = re.search(r"^listening on .*:(\d+) \(tcp\)", line)
    port = int(ready.group(1))
    java_pid = server.pid  # the launcher execs java, so this is the JVM
    for _ in range(20):
        one_round_trip(port)  # warm up
    idle_rss = rss_kib(java_pid)
    base_latency = statistics.median(one_round_trip(port) for _ in range(20))
    t0 = time.perf_counter()
    for i in range(N):
        s = socket.socket()
        s.settimeout(10)
        s.connect(("127.0.0.1", port))
        conns.append(s)
    opened = time.perf_counter() - t0
    # Every connection still answers: one byte out, the same byte back.
    sel = selectors.DefaultSelector()
    for s in conns:
        s.setblocking(False)
        s.send(b"x")
        sel.register(s, selectors.EVENT_READ)
    pending, deadline = len(conns), time.time() + 60
    while pending and time.time() < deadline:
        for key, _ in sel.select(timeout=1):
            if key.fileobj.recv(16) == b"x":
                sel.unregister(key.fileobj)
                pending -= 1
    time.sleep(1)
    loaded_rss = rss_kib(java_pid)
    latencies = [one_round_trip(port) for _ in range(20)]
    print(f"# {time.strftime('%Y-%m-%d')} {os.cpu_count()} cores; sockit tcp listen -k --echo -m 20000")
    print(f"connections held:            {len(conns)} (opened in {opened:.1f} s), all echoing: {pending == 0}")
    print(f"new client connect+echo:     median {statistics.median(latencies):.2f} ms, max {max(latencies):.2f} ms"
          f" (idle server: median {base_latency:.2f} ms)")
    print(f"server resident memory:      {idle_rss / 1024:.1f} MiB idle -> {loaded_rss / 1024:.1f} MiB with {len(conns)} connections"
          f" = {(loaded_rss - idle_rss) / len(conns):.1f} KiB per connection")
    ok = pending == 0 and max(latencies) < 100
    print("target (all echo, new client within 100 ms):", "met" if ok else "NOT met")
finally:
    for s in conns:
        s.close()
    server.terminate()
    server.wait(timeout=10)
