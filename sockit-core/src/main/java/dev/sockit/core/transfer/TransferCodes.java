package dev.sockit.core.transfer;

import java.security.SecureRandom;

/**
 * Short random codes a receiver prints and a sender types: eight characters from an alphabet
 * without look-alikes (no 0/o, 1/l/i), about 39 bits, written {@code xxxx-xxxx}.
 */
public final class TransferCodes {
  private static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TransferCodes() {}

  /**
   * A new code.
   *
   * @return e.g. {@code 7kq4-m2xp}
   */
  public static String random() {
    StringBuilder sb = new StringBuilder(9);
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        sb.append('-');
      }
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
