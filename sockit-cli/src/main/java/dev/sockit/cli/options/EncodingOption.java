package dev.sockit.cli.options;

import dev.sockit.cli.Failures;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import picocli.CommandLine.Option;

/** The charset for text given on the command line. */
public final class EncodingOption {
  @Option(
      names = "--encoding",
      paramLabel = "NAME",
      defaultValue = "UTF-8",
      description =
          "Charset for TEXT given on the command line: UTF-8 (default), GBK, ISO-8859-1, ... Escapes \\r \\n \\t \\0 \\\\ \\xNN are turned into bytes.")
  String name;

  public Charset charset() {
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new Failures.BadInput(
          "unknown encoding '" + name + "'; try UTF-8, GBK, GB18030, ISO-8859-1 or US-ASCII");
    }
  }

  public byte[] encode(String text) {
    return dev.sockit.core.codec.Escapes.decode(text, charset());
  }
}
