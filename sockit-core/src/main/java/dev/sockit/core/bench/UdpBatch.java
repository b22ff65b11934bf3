package dev.sockit.core.bench;

import java.io.IOException;
import java.nio.channels.DatagramChannel;

/**
 * Datagrams many at a time through {@code sendmmsg}/{@code recvmmsg} (Java 22+, Linux; see the
 * multi-release class). On Java 21 it is not available and the bench sends and receives one
 * datagram per call.
 */
final class UdpBatch implements AutoCloseable {
  static final int COUNT = 64;

  private UdpBatch() {}

  static boolean available() {
    return false;
  }

  static UdpBatch receiver(DatagramChannel channel) throws IOException {
    throw new UnsupportedOperationException("needs Java 22 or newer");
  }

  static UdpBatch sender(DatagramChannel channel, int size) throws IOException {
    throw new UnsupportedOperationException("needs Java 22 or newer");
  }

  int capacity() {
    throw new UnsupportedOperationException();
  }

  boolean segmented() {
    return false;
  }

  void unsegment() {
    throw new UnsupportedOperationException();
  }

  int receive(int timeoutMillis) throws IOException {
    throw new UnsupportedOperationException();
  }

  int length(int i) {
    throw new UnsupportedOperationException();
  }

  long getLong(int i, int offset) {
    throw new UnsupportedOperationException();
  }

  long arrivalNanos(int i) {
    throw new UnsupportedOperationException();
  }

  void putLong(int i, int offset, long value) {
    throw new UnsupportedOperationException();
  }

  void send(int n) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
