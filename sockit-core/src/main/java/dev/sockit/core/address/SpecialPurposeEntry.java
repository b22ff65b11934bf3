package dev.sockit.core.address;

import java.util.List;
import java.util.Objects;

/**
 * One row of an IANA special-purpose address registry (RFC 6890): the block(s), what they are for
 * and the four behaviour flags.
 *
 * @param blocks the address blocks of the row (one, or two for 192.0.0.170/32 and .171/32)
 * @param name the registry's name for the block
 * @param rfc the defining documents as IANA writes them, e.g. {@code [RFC1918]}
 * @param allocated the allocation date, e.g. {@code 1996-02}
 * @param terminated the termination date of a deprecated block, or {@code null}
 * @param source whether the address is valid as a source
 * @param destination whether the address is valid as a destination
 * @param forwardable whether routers may forward packets with it
 * @param globallyReachable whether it is reachable beyond its own network
 * @param reservedByProtocol whether a protocol reserves it
 * @param notes the registry's footnotes that apply to this row
 */
public record SpecialPurposeEntry(
    List<Prefix> blocks,
    String name,
    String rfc,
    String allocated,
    String terminated,
    Flag source,
    Flag destination,
    Flag forwardable,
    Flag globallyReachable,
    Flag reservedByProtocol,
    List<String> notes) {

  /** Copies the lists and checks for nulls. */
  public SpecialPurposeEntry {
    blocks = List.copyOf(blocks);
    notes = List.copyOf(notes);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rfc, "rfc");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(forwardable, "forwardable");
    Objects.requireNonNull(globallyReachable, "globallyReachable");
    Objects.requireNonNull(reservedByProtocol, "reservedByProtocol");
  }

  /**
   * Whether IANA has terminated (deprecated) the block.
   *
   * @return {@code true} if deprecated
   */
  public boolean deprecated() {
    return terminated != null;
  }

  /** A flag value as the registry writes it. */
  public enum Flag {
    /** True. */
    TRUE,
    /** False. */
    FALSE,
    /** N/A: depends on something else (the embedded address of 6to4 and Teredo). */
    NOT_APPLICABLE,
    /** Blank: the row is deprecated and carries no flags. */
    UNSET;

    static Flag parse(String cell) {
      int bracket = cell.indexOf('[');
      String t = (bracket < 0 ? cell : cell.substring(0, bracket)).strip();
      return switch (t) {
        case "True" -> TRUE;
        case "False" -> FALSE;
        case "N/A" -> NOT_APPLICABLE;
        case "" -> UNSET;
        default -> throw new IllegalArgumentException("unknown registry flag '" + cell + "'");
      };
    }

    /**
     * The flag as JSON and text show it: {@code true}, {@code false}, {@code n/a} or {@code -}.
     *
     * @return the text
     */
    public String text() {
      return switch (this) {
        case TRUE -> "true";
        case FALSE -> "false";
        case NOT_APPLICABLE -> "n/a";
        case UNSET -> "-";
      };
    }
  }
}
