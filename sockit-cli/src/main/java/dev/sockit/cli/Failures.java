package dev.sockit.cli;

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
final class Failures
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  static final int OK = 0;
  static final int RUNTIME = 1;
  static final int BAD_INPUT = 2;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    err.println("sockit: " + message(cause));
    if (matched(parsed, "--debug")) {
      cause.printStackTrace(err);
    }
    err.flush();
    int code = exitCode(cause);
    if (matched(parsed, "--json")) {
      printJson(cli.getOut(), code, message(cause));
    }
    return code;
  }

  /** The failure as one JSON object on standard output, for {@code --json}. */
  static void printJson(PrintWriter out, int code, String message) {
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

  static int exitCode(Throwable t) {
    if (t instanceof BadInput
        || t instanceof IllegalArgumentException
        || t instanceof DatagramTooLargeException) {
      return BAD_INPUT;
    }
    return RUNTIME;
  }

  static String message(Throwable t) {
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

  /** Whether {@code option} was given to the command or any of its subcommands. */
  private static boolean matched(CommandLine.ParseResult parsed, String option) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(option)) {
        return true;
      }
    }
    return false;
  }

  /** Bad input found after parsing (an address, a file): exit 2. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }
}
