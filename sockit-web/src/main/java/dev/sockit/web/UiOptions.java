package dev.sockit.web;

import java.net.InetAddress;
import java.util.Objects;

/**
 * How {@code sockit ui} listens.
 *
 * @param bind the address to listen on (loopback unless the user asks otherwise)
 * @param port the port, 0 for any free one
 * @param token the access token; {@code null} makes a random one
 * @param packets the saved-packet file (JSON), or {@code null} for no packet library
 */
public record UiOptions(InetAddress bind, int port, String token, java.nio.file.Path packets) {
  /** Validates the options. */
  public UiOptions {
    Objects.requireNonNull(bind, "bind");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
    }
    if (token != null && !token.matches("[A-Za-z0-9_-]{16,128}")) {
      throw new IllegalArgumentException("token must be 16-128 letters, digits, '-' or '_'");
    }
  }

  /**
   * A copy that keeps saved packets in {@code file}.
   *
   * @param file the JSON file
   * @return the options
   */
  public UiOptions withPackets(java.nio.file.Path file) {
    return new UiOptions(bind, port, token, file);
  }

  /**
   * Listens on 127.0.0.1.
   *
   * @param port the port, 0 for any free one
   * @return the options
   */
  public static UiOptions loopback(int port) {
    return new UiOptions(InetAddress.getLoopbackAddress(), port, null, null);
  }
}
