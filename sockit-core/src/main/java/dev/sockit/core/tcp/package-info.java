/**
 * TCP endpoints: {@link dev.sockit.core.tcp.TcpServer} (bind, listen, accept; one virtual thread
 * per connection) and {@link dev.sockit.core.tcp.TcpClient} (resolve, connect with fallback).
 *
 * <p>The teaching text's greeting server and the client that reads it:
 *
 * <pre>{@code
 * // server: socket(), bind(), listen(5), then for each client send a greeting and close
 * StreamServer server = TcpServer.bind(
 *     TcpServerOptions.loopback(0).withLimits(ServerLimits.DEFAULT.withBacklog(5)),
 *     conn -> conn.write("网络编程测试。\r\n".getBytes(StandardCharsets.UTF_8)));
 *
 * // client: connect(), recv(1024), close()
 * try (Connection conn = TcpClient.connect(TcpClientOptions.of("localhost", server.port()))) {
 *   ByteBuffer buf = ByteBuffer.allocate(1024);
 *   conn.read(buf);
 *   System.out.println(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
 * }
 * server.close();
 * }</pre>
 */
package dev.sockit.core.tcp;
