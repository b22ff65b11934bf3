package dev.sockit.cli.netcat;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.udp.Datagram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Prints received datagrams: the raw payload, or with {@code --from} one datagram per line after
 * its sender.
 */
final class DatagramPrinter {
  private final Stdio io;
  private final boolean from;

  DatagramPrinter(Stdio io, boolean from) {
    this.io = io;
    this.from = from;
  }

  void print(Datagram d) throws IOException {
    byte[] data = d.data();
    if (!from) {
      io.write(data);
      return;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream(data.length + 48);
    line.writeBytes((SocketAddresses.format(d.sender()) + ": ").getBytes(StandardCharsets.UTF_8));
    line.writeBytes(data);
    if (data.length == 0 || data[data.length - 1] != '\n') {
      line.write('\n');
    }
    io.write(line.toByteArray());
  }
}
