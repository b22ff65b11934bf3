/**
 * Unix domain stream sockets ({@code AF_UNIX}): processes on one machine talking through a socket
 * file. {@link dev.sockit.core.unix.UnixServer} and {@link dev.sockit.core.unix.UnixClient} give
 * the same {@link dev.sockit.core.stream.Connection} as TCP.
 *
 * <pre>{@code
 * Path file = Path.of("/tmp/demo.sock");
 * try (StreamServer server = UnixServer.bind(file, ServerLimits.DEFAULT, conn -> conn.write(new byte[] {'h', 'i'}));
 *      Connection conn = UnixClient.connect(file)) {
 *   conn.read(ByteBuffer.allocate(16));
 * } // the socket file is gone now
 * }</pre>
 */
package dev.sockit.core.unix;
