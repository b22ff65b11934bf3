package dev.sockit.cli;

import dev.sockit.cli.text.JsonText;
import dev.sockit.core.udp.DatagramTooLargeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns failures into one line on stderr and an exit code: 1 for runtime failures (refused, timed
 * out, reset, address in use), 2 for bad input. A stack trace only with {@code --debug}. With
 * {@code --json}, standard output also gets the failure as JSON, so that a script reading it always
 * gets an object: {@code {"ok": false, "exit": 1, "error": "..."}}.
 */
public final class Failures
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  /** Exit code: success. */
  public static final int OK = 0;

  /** Exit code: a runtime failure (refused, timed out, reset, address in use). */
  public static final int RUNTIME = 1;

  /** Exit code: bad input (an address, a port, a file, an option). */
  public static final int BAD_INPUT = 2;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    err.println("sockit: " + message(cause));
    Reporting reporting = reporting(parsed);
    if (reporting != null && reporting.debug()) {
      cause.printStackTrace(err);
    }
    err.flush();
    int code = exitCode(cause);
    if (reporting != null && reporting.json()) {
      printJson(cli.getOut(), code, message(cause));
    }
    return code;
  }

  /**
   * The failure as one JSON object on standard output, for {@code --json}.
   *
   * @param out standard output
   * @param code the exit code
   * @param message the one-line message
   */
  public static void printJson(PrintWriter out, int code, String message) {
    java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("ok", false);
    doc.put("exit", code);
    doc.put("error", message);
    JsonText.print(out, doc);
    out.flush();
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    String hint = cli.getCommandSpec().qualifiedName();
    err.println("sockit: " + e.getMessage() + " (see '" + hint + " --help')");
    // parsing failed, so the options' fields may not be set: the arguments are read as written
    boolean json = false;
    for (String a : args) {
      if ("--debug".equals(a)) {
        e.printStackTrace(err);
      }
      json |= "--json".equals(a);
    }
    err.flush();
    // only for a command that has --json: stdout of the netcat-class commands is their data
    if (json && cli.getCommandSpec().findOption("--json") != null) {
      printJson(cli.getOut(), BAD_INPUT, e.getMessage() + " (see '" + hint + " --help')");
    }
    return BAD_INPUT;
  }

  /**
   * The exit code for a failure: 2 for bad input, 1 for the rest.
   *
   * @param t the failure
   * @return {@link #BAD_INPUT} or {@link #RUNTIME}
   */
  public static int exitCode(Throwable t) {
    if (t instanceof BadInput
        || t instanceof IllegalArgumentException
        || t instanceof DatagramTooLargeException) {
      return BAD_INPUT;
    }
    return RUNTIME;
  }

  /**
   * The failure said in one line, without the exception's class name where the message says it.
   *
   * @param t the failure
   * @return the line (without the {@code sockit: } prefix)
   */
  public static String message(Throwable t) {
    String m = t.getMessage();
    if (t instanceof NoSuchFileException f) {
      return "no such file: "
          + f.getFile()
          + (f.getReason() == null ? "" : " (" + f.getReason() + ")");
    }
    if (m == null || m.isBlank()) {
      return t.getClass()
          .getSimpleName()
          .replaceAll("([a-z])([A-Z])", "$1 $2")
          .toLowerCase(java.util.Locale.ROOT);
    }
    if (t instanceof UnknownHostException && !m.contains(" ")) {
      return "cannot resolve host '" + m + "'";
    }
    if (t instanceof SocketTimeoutException
        || t instanceof ConnectException
        || t instanceof BindException) {
      return m;
    }
    if (t instanceof IOException
        && m.toLowerCase(java.util.Locale.ROOT).contains("connection reset")) {
      return "connection reset by peer";
    }
    return m;
  }

  /** The command that ran (the deepest one parsed), if it says how to report its failures. */
  private static Reporting reporting(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (last != null && last.subcommand() != null) {
      last = last.subcommand();
    }
    return last != null && last.commandSpec().userObject() instanceof Reporting r ? r : null;
  }

  /** Bad input found after parsing (an address, a file): exit 2. */
  public static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Bad input, said in one line.
     *
     * @param message what was wrong and what to do
     */
    public BadInput(String message) {
      super(message);
    }
  }
}
