package dev.sockit.core.portnumber;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports that are free right now: the kernel picks them (a bind to port 0 on the wildcard address,
 * so the port is free on every local address), all are held until the last is found so they are
 * distinct, then released. Another program may take one a moment later; that is the nature of "free
 * right now".
 */
public final class FreePorts {
  /** The most ports one call hands out. */
  public static final int MAX = 1000;

  private FreePorts() {}

  /**
   * Finds free ports.
   *
   * @param udp {@code true} for UDP ports, else TCP
   * @param count how many, 1 to {@link #MAX}
   * @return the ports, in the order the kernel gave them
   * @throws IOException if binding fails (for instance, too many open files)
   * @throws IllegalArgumentException if {@code count} is out of range
   */
  public static List<Integer> find(boolean udp, int count) throws IOException {
    if (count < 1 || count > MAX) {
      throw new IllegalArgumentException("--count " + count + " is outside 1-" + MAX);
    }
    List<AutoCloseable> held = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    IOException failure = null;
    try {
      for (int i = 0; i < count; i++) {
        if (udp) {
          DatagramSocket s = new DatagramSocket(new InetSocketAddress(0));
          held.add(s);
          ports.add(s.getLocalPort());
        } else {
          ServerSocket s = new ServerSocket();
          held.add(s);
          s.bind(new InetSocketAddress(0), 1);
          ports.add(s.getLocalPort());
        }
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      for (AutoCloseable c : held) {
        try {
          c.close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new IOException("cannot release a port it found: " + e.getMessage(), e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return ports;
  }
}
