/**
 * Traffic events: the one stream of facts every sockit view consumes.
 *
 * <p>Endpoints publish {@link dev.sockit.core.event.TrafficEvent}s on their {@link
 * dev.sockit.core.event.TrafficBus}; views subscribe, even while the endpoint runs:
 *
 * <pre>{@code
 * try (var server = TcpServer.bind(TcpServerOptions.loopback(0), conn -> conn.write("hi\r\n"))) {
 *   server.events().subscribe(event -> switch (event) {
 *     case TrafficEvent.Accepted a -> System.out.println("accepted " + a.peer());
 *     case TrafficEvent.Sent s -> System.out.println("sent " + s.bytes() + " bytes");
 *     default -> {}
 *   });
 * }
 * }</pre>
 */
package dev.sockit.core.event;
