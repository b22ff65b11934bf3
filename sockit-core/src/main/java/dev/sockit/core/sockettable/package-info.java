/**
 * The sockets on this host: {@link dev.sockit.core.sockettable.PortTable} reads Linux's {@code
 * /proc/net/{tcp,tcp6,udp,udp6,unix}} and maps socket inodes to processes through {@code
 * /proc/PID/fd}, like {@code ss -tuxanp}; {@link dev.sockit.core.sockettable.SocketQuery} filters
 * the rows as ss's options do.
 *
 * <pre>{@code
 * PortTable table = PortTable.read();
 * for (SocketEntry s : table.select(new SocketQuery(Set.of(Transport.TCP), Family.ANY, true, -1, -1, Set.of()))) {
 *   System.out.println(s.local() + " " + s.state() + " " + s.processes());
 * }
 * PortTable.describeHolder(8080, Transport.TCP);   // Optional[pid 1234 (python3)]
 * }</pre>
 */
package dev.sockit.core.sockettable;
