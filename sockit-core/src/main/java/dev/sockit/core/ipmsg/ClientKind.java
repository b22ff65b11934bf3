package dev.sockit.core.ipmsg;

import java.util.Objects;

/** Which program a peer runs, as far as its version field tells. */
public enum ClientKind {
  /** sockit itself ({@code 1_sockit ...}). */
  SOCKIT("sockit"),
  /** iptux, the Linux client ({@code 1_iptux 0.8.3}). */
  IPTUX("iptux"),
  /** FeiQ / 飞秋 ({@code 1_lbt6_0#128#MAC#...}). */
  FEIQ("FeiQ"),
  /** 内网通 ({@code 1@shiyeline...}). */
  NEIWANGTONG("内网通"),
  /** IP Messenger itself, or a client that writes the plain version {@code 1}. */
  IPMSG("IPMsg"),
  /** Anything else. */
  OTHER("other");

  private final String label;

  ClientKind(String label) {
    this.label = label;
  }

  /** A short name for people: {@code iptux}, {@code FeiQ}, {@code 内网通}... */
  public String label() {
    return label;
  }

  /**
   * The kind a version field names.
   *
   * @param version the packet's version field
   * @return the kind
   */
  public static ClientKind of(String version) {
    Objects.requireNonNull(version, "version");
    String v = version.toLowerCase(java.util.Locale.ROOT);
    if (v.contains("sockit")) {
      return SOCKIT;
    }
    if (v.contains("iptux")) {
      return IPTUX;
    }
    if (v.startsWith("1_lbt")) {
      return FEIQ;
    }
    if (v.contains("shiyeline")) {
      return NEIWANGTONG;
    }
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
      return IPMSG;
    }
    return OTHER;
  }

  /**
   * The MAC address FeiQ writes in its version field (its third {@code #}-separated part), or an
   * empty string.
   *
   * @param version the version field
   * @return twelve hex digits, upper case, or empty
   */
  public static String feiqMac(String version) {
    String[] parts = version.split("#", 4);
    if (parts.length >= 3 && parts[0].startsWith("1_lbt") && parts[2].matches("[0-9A-Fa-f]{12}")) {
      return parts[2].toUpperCase(java.util.Locale.ROOT);
    }
    return "";
  }
}
