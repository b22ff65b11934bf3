package dev.sockit.core.tcp;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * TCP socket options. {@code null} or negative leaves the system default.
 *
 * @param noDelay {@code TCP_NODELAY}: send small writes at once (no Nagle)
 * @param keepAlive {@code SO_KEEPALIVE}
 * @param reuseAddress {@code SO_REUSEADDR} (for binding a source port)
 * @param sendBuffer {@code SO_SNDBUF} in bytes, or -1
 * @param receiveBuffer {@code SO_RCVBUF} in bytes, or -1
 * @param lingerSeconds {@code SO_LINGER} in seconds (0 resets on close), or -1 for off
 */
public record SocketTuning(
    Boolean noDelay,
    Boolean keepAlive,
    Boolean reuseAddress,
    int sendBuffer,
    int receiveBuffer,
    int lingerSeconds) {

  /** System defaults for everything. */
  public static final SocketTuning DEFAULT = new SocketTuning(null, null, null, -1, -1, -1);

  void applyTo(SocketChannel channel) throws IOException {
    if (noDelay != null) {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
    }
    if (keepAlive != null) {
      channel.setOption(StandardSocketOptions.SO_KEEPALIVE, keepAlive);
    }
    if (reuseAddress != null) {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddress);
    }
    if (sendBuffer > 0) {
      channel.setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
    }
    if (receiveBuffer > 0) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
    }
    if (lingerSeconds >= 0) {
      channel.setOption(StandardSocketOptions.SO_LINGER, lingerSeconds);
    }
  }

  /** A copy with {@code TCP_NODELAY} set. */
  public SocketTuning withNoDelay(boolean value) {
    return new SocketTuning(
        value, keepAlive, reuseAddress, sendBuffer, receiveBuffer, lingerSeconds);
  }

  /** A copy with {@code SO_KEEPALIVE} set. */
  public SocketTuning withKeepAlive(boolean value) {
    return new SocketTuning(noDelay, value, reuseAddress, sendBuffer, receiveBuffer, lingerSeconds);
  }

  /** A copy with buffer sizes set (-1 leaves one alone). */
  public SocketTuning withBuffers(int send, int receive) {
    return new SocketTuning(noDelay, keepAlive, reuseAddress, send, receive, lingerSeconds);
  }

  /** A copy with {@code SO_LINGER} set (-1 off). */
  public SocketTuning withLinger(int seconds) {
    return new SocketTuning(noDelay, keepAlive, reuseAddress, sendBuffer, receiveBuffer, seconds);
  }
}
