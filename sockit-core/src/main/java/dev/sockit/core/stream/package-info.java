/**
 * What TCP and Unix stream sockets share: a {@link dev.sockit.core.stream.Connection} (read, write,
 * half-close, close, all published as traffic events), a {@link
 * dev.sockit.core.stream.StreamServer} (one accepting platform thread, a virtual thread per
 * connection, limits, idle timeout, access list) and {@link dev.sockit.core.stream.Pump}, which
 * moves bytes between a connection and a file descriptor as fast as the platform allows.
 *
 * <pre>{@code
 * StreamServer echo = TcpServer.bind(TcpServerOptions.loopback(0), conn -> {
 *   ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
 *   while (conn.read(buf.clear()) >= 0) {
 *     conn.write(buf.flip());
 *   }
 * });
 * }</pre>
 */
package dev.sockit.core.stream;
