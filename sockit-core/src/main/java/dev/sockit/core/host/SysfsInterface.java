package dev.sockit.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What Linux's {@code /sys/class/net/NAME/} says about an interface. Java lists only interfaces
 * that have an address, so an interface that is down and unconfigured is found here only.
 *
 * @param name the interface name
 * @param index the kernel's index
 * @param mtu the MTU
 * @param mac the hardware address, or {@code null}
 * @param flags the kernel's IFF_* flags
 * @param virtual whether it is a software device ({@code /sys/devices/virtual/net/NAME})
 */
record SysfsInterface(String name, int index, int mtu, String mac, int flags, boolean virtual) {
  static final int IFF_UP = 0x1;
  static final int IFF_BROADCAST = 0x2;
  static final int IFF_LOOPBACK = 0x8;
  static final int IFF_POINTOPOINT = 0x10;
  static final int IFF_MULTICAST = 0x1000;

  static List<String> names(Path classNet) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(classNet)) {
      return out;
    }
    try (Stream<Path> s = Files.list(classNet)) {
      s.forEach(p -> out.add(p.getFileName().toString()));
    }
    return out;
  }

  static Optional<SysfsInterface> read(Path classNet, String name) {
    Path dir = classNet.resolve(name);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      int index = Integer.parseInt(LinuxFiles.read(dir.resolve("ifindex")).strip());
      int mtu = Integer.parseInt(LinuxFiles.read(dir.resolve("mtu")).strip());
      String flagsText = LinuxFiles.read(dir.resolve("flags")).strip();
      int flags =
          Integer.parseInt(flagsText.startsWith("0x") ? flagsText.substring(2) : flagsText, 16);
      String mac =
          Files.exists(dir.resolve("address"))
              ? LinuxFiles.read(dir.resolve("address")).strip()
              : "";
      boolean virtual =
          Files.exists(
              classNet.getParent().getParent().resolve("devices/virtual/net").resolve(name));
      return Optional.of(
          new SysfsInterface(name, index, mtu, mac.isEmpty() ? null : mac, flags, virtual));
    } catch (IOException | RuntimeException e) {
      // A half-removed interface or an unexpected format: Java's view is used alone.
      return Optional.empty();
    }
  }

  boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
