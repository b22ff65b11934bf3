package dev.sockit.cli;

import dev.sockit.cli.text.Terminal;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Builds the picocli command tree with sockit's error handling.
 *
 * <p>Building picocli's model of every command costs most of sockit's start-up, so when the first
 * argument names a command, only that command is registered; help, completion and unknown input get
 * the whole tree. The commands are those of the {@link Catalogue}, each built by the model its
 * annotations were compiled into (no annotation is read at run time).
 */
public final class Cli {
  /**
   * Whether {@link #create} is building the whole tree (for help and completion) on this thread.
   */
  private static final ThreadLocal<Boolean> WHOLE_TREE_BUILD = ThreadLocal.withInitial(() -> false);

  /**
   * The {@code help} subcommand under {@code tcp}, {@code udp}, {@code unix} and {@code bench}:
   * picocli's own when the whole tree is built, because picocli's completion script offers the
   * sibling commands after {@code help} only for its own class; otherwise {@link HelpSubcommand},
   * the same command without the annotations' start-up cost.
   */
  public static CommandLine helpSubcommand() {
    return WHOLE_TREE_BUILD.get()
        ? new CommandLine(new HelpCommand())
        : new CommandLine(HelpSubcommandModel.spec());
  }

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
    PrintWriter out = new PrintWriter(System.out, true, cs);
    PrintWriter err = new PrintWriter(System.err, true, cs);
    try {
      return create(out, err, args).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
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
    CommandLine cli = new CommandLine(SockitCommandModel.spec());
    String first = args.length == 0 ? null : args[0];
    boolean versionOnly = args.length == 1 && ("--version".equals(first) || "-V".equals(first));
    Object named =
        first == null || WHOLE_TREE.contains(first) ? null : CatalogueIndex.command(first);
    if (named != null) {
      cli.addSubcommand(first, named);
    } else if (!versionOnly) {
      WHOLE_TREE_BUILD.set(true);
      try {
        for (String name : CatalogueIndex.NAMES) {
          cli.addSubcommand(name, CatalogueIndex.command(name));
        }
      } finally {
        WHOLE_TREE_BUILD.set(false);
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new Failures());
    cli.setParameterExceptionHandler(new Failures());
    cli.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            Terminal.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    tidyHelp(cli);
    return cli;
  }

  /**
   * Help as sockit shows it. A command's header is its one line in its parent's command list (its
   * own help starts with the usage line, as before). Its description lines, written wrapped in the
   * source, become paragraphs that picocli wraps to the width of the help: kept as lines, each was
   * wrapped again on its own, and a command list showed only the first, cut mid-sentence.
   */
  static void tidyHelp(CommandLine cli) {
    List<String> keys = new ArrayList<>(cli.getHelpSectionKeys());
    keys.remove(UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
    keys.remove(UsageMessageSpec.SECTION_KEY_HEADER);
    cli.setHelpSectionKeys(keys);
    UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    if (cli.getCommand() instanceof AutoComplete.GenerateCompletion) {
      usage.header(
          "Print a bash/zsh completion script for sockit."); // its description is laid out by hand
    } else if (!(cli.getCommand() instanceof HelpCommand
        || cli.getCommand() instanceof HelpSubcommand)) {
      usage.description(paragraphs(usage.description()));
    }
    for (CommandLine sub : cli.getSubcommands().values()) {
      tidyHelp(sub);
    }
  }

  /** Joins lines into paragraphs: a blank line ends one. */
  static String[] paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder p = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        if (!p.isEmpty()) {
          out.add(p.toString());
          p.setLength(0);
        }
        out.add("");
      } else {
        p.append(p.isEmpty() ? "" : " ").append(line.strip());
      }
    }
    if (!p.isEmpty()) {
      out.add(p.toString());
    }
    return out.toArray(new String[0]);
  }
}
