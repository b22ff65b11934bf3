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

  /**
   * Called on the accepting thread for each admitted connection, before the server publishes its
   * {@code Accepted} event and before {@link #handle} runs on the connection's own thread: whoever
   * sees the event can rely on what this did (e.g. a broker has the client in its room). It holds
   * up the next accept: keep it short (a greeting of a few bytes to the new client at most); the
   * default does nothing.
   *
   * @param connection the accepted connection
   */
  default void admitted(Connection connection) {}
}
