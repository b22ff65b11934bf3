/**
 * The {@code sockit} command line: {@link dev.sockit.cli.Main} (the entry point), the command
 * catalogue ({@code Catalogue}: one line per top-level command), {@link dev.sockit.cli.Cli} (the
 * picocli tree, built only as far as the command being run needs), the root command, the version,
 * and {@link dev.sockit.cli.Failures} (one line on stderr and an exit code: 0 ok, 1 runtime
 * failure, 2 bad input). The commands live in one package per feature ({@code netcat}, {@code
 * lookup}, {@code scan}, {@code transfer}, {@code bench}, {@code ui}); shared options in {@code
 * options}, text output in {@code text}.
 *
 * <p>Every command is a class with picocli annotations; its model is generated at compile time (no
 * annotation is read at run time). Running a command in-process, as the tests do:
 *
 * <pre>{@code
 * StringWriter out = new StringWriter();
 * int code = Cli.create(new PrintWriter(out), new PrintWriter(System.err), args).execute(args);
 * }</pre>
 *
 * <p>How to add a command: docs/architecture.md.
 */
package dev.sockit.cli;
