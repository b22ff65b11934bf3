/**
 * {@code sockit ui}: the network debugging assistant in the browser. A Helidon SE web server
 * (virtual threads) serves the page (plain ES modules from the jar) and one WebSocket per page; the
 * page opens sessions (TCP client, TCP server, UDP) that are sockit-core endpoints, and sees their
 * traffic events in batches.
 *
 * <pre>{@code
 * try (UiServer ui = UiServer.start(UiOptions.loopback(0))) {
 *   System.out.println(ui.url());   // http://127.0.0.1:PORT/?token=...
 *   ui.awaitStop();
 * }
 * }</pre>
 */
package dev.sockit.web;
