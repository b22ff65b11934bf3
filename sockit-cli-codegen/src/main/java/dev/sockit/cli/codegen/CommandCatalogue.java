package dev.sockit.cli.codegen;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The list of sockit's top-level commands, one {@link Entry} per command, in the order {@code
 * sockit --help} lists them. Put on one class; {@link CommandModelProcessor} writes from it, at
 * compile time, the index the CLI, the start-up training and the tests read ({@code <Class>Index}:
 * names, models, start-up families) and the shell fragment the launcher sources to choose each
 * command's start-up cache and JIT tier. Source retention: nothing of it is in the shipped jar but
 * what the processor writes.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface CommandCatalogue {
  /**
   * The commands, in help order.
   *
   * @return one entry per top-level command
   */
  Entry[] value();

  /** One top-level command: its class (its {@code @Command} name is its name) and how it starts. */
  @Retention(RetentionPolicy.SOURCE)
  @Target({})
  @interface Entry {
    /**
     * The command's class, annotated with picocli's {@code @Command}.
     *
     * @return the class
     */
    Class<?> command();

    /**
     * How the launcher starts the command.
     *
     * @return its start-up profile
     */
    Startup startup();
  }

  /**
   * How the launcher starts a command: which ahead-of-time cache it maps (the JVM loads every class
   * of its cache when it starts, so a small cache per short command starts fastest) and whether the
   * optimizing compiler runs.
   */
  enum Startup {
    /**
     * A short command that scripts call: a cache of its own, named after it, trained on it alone;
     * C1 only.
     */
    OWN_CACHE,
    /** The netcat-class commands: one cache ({@code nc}) trained on loopback sessions; C1 only. */
    NETCAT,
    /** The shared cache ({@code main}); C1 only. */
    SHARED,
    /**
     * The shared cache, with the optimizing compiler (C2): for commands that hash or measure at
     * full speed, where start-up matters less than their loops.
     */
    FULL_SPEED
  }
}
