package dev.sockit.core.stream;

import java.io.IOException;

/**
 * Serves one accepted connection, on a virtual thread of its own. The server closes the connection
 * when the handler returns or throws; a thrown exception becomes a {@code Failed} event.
 */
@FunctionalInterface
public interface ConnectionHandler {

  /**
   * Serves {@code connection}.
   *
   * @param connection the accepted connection, never {@code null}
   * @throws IOException when the connection fails
   */
  void handle(Connection connection) throws IOException;
}
