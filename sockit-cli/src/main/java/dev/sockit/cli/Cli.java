package dev.sockit.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * Builds the picocli command tree with sockit's error handling.
 *
 * <p>Building picocli's model of every command costs most of sockit's start-up, so when the first
 * argument names a command, only that command is registered; help, completion and unknown input
 * get the whole tree.
 */
public final class Cli {
  /** Every top-level command, in the order {@code sockit --help} lists them. */
  static final List<Class<?>> COMMANDS = List.of(
      TcpCommand.class,
      UdpCommand.class,
      UnixCommand.class,
      IpCommand.class,
      IfacesCommand.class,
      ResolveCommand.class,
      PortCommand.class,
      PortsCommand.class,
      ScanCommand.class,
      ProbeCommand.class,
      SendCommand.class,
      ReceiveCommand.class,
      BenchCommand.class,
      UiCommand.class,
      HelpCommand.class,
      AutoComplete.GenerateCompletion.class);

  /** Commands that need the whole tree to do their work. */
  private static final List<String> WHOLE_TREE = List.of("help", "generate-completion");

  private Cli() {}

  /**
   * Runs {@code args} against the real standard streams.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int run(String... args) {
    Charset cs = Charset.defaultCharset();
    return create(new PrintWriter(System.out, true, cs), new PrintWriter(System.err, true, cs), args).execute(args);
  }

  /**
   * The whole command line, printing to {@code out} and {@code err}; tests pass {@link
   * java.io.StringWriter}s.
   *
   * @param out standard output
   * @param err standard error
   * @return the configured command line
   */
  public static CommandLine create(PrintWriter out, PrintWriter err) {
    return create(out, err, new String[0]);
  }

  /**
   * The command line for {@code args}: only the command they name, or the whole tree.
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments that will be executed
   * @return the configured command line
   */
  public static CommandLine create(PrintWriter out, PrintWriter err, String[] args) {
    CommandLine cli = new CommandLine(new SockitCommand());
    String first = args.length == 0 ? null : args[0];
    boolean versionOnly = args.length == 1 && ("--version".equals(first) || "-V".equals(first));
    boolean named = first != null && !WHOLE_TREE.contains(first)
        && COMMANDS.stream().anyMatch(c -> name(c).equals(first));
    for (Class<?> command : COMMANDS) {
      if (!versionOnly && (!named || name(command).equals(first))) {
        cli.addSubcommand(command);
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new Failures());
    cli.setParameterExceptionHandler(new Failures());
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return cli;
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }
}
