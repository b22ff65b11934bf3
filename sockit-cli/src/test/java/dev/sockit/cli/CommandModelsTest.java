package dev.sockit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;

/**
 * The models that {@code sockit-cli-codegen} generates from the commands' annotations at compile
 * time (so that no annotation is read at start-up: the JDK makes a proxy class per annotation type,
 * ~35 ms) are the models picocli makes of the same annotations by reflection: every command of the
 * {@link Catalogue}, and the root, read the same in their help, give the same completion script,
 * and every option and parameter lands in the same field with the same value.
 */
class CommandModelsTest {
  /**
   * The catalogue's commands whose models are generated (picocli's own help and completion are
   * not).
   */
  private static List<String> generated() {
    return CatalogueIndex.NAMES.stream()
        .filter(name -> CatalogueIndex.command(name) instanceof CommandSpec)
        .toList();
  }

  @Test
  void theCatalogueGeneratesEveryCommandButPicocliOwn() {
    assertThat(generated())
        .hasSize(CatalogueIndex.NAMES.size() - 2)
        .doesNotContain("help", "generate-completion")
        .contains("ip", "scan", "tcp");
  }

  @Test
  void theRootHelpsExactlyAsItsAnnotations() {
    CommandLine annotated = new CommandLine(new SockitCommand());
    CommandLine generated = new CommandLine(SockitCommandModel.spec());
    Cli.tidyHelp(annotated);
    Cli.tidyHelp(generated);
    assertThat(usage(generated)).isEqualTo(usage(annotated)).contains("-V, --version");
  }

  @Test
  void everyGeneratedCommandHelpsExactlyAsItsAnnotations() {
    int checked = 0;
    for (String name : generated()) {
      CommandLine annotated = root(instance(CatalogueIndex.type(name)), name);
      CommandLine generated = root(CatalogueIndex.command(name), name);
      checked +=
          sameHelp(annotated.getSubcommands().get(name), generated.getSubcommands().get(name));
    }
    assertThat(checked).isGreaterThanOrEqualTo(25);
  }

  /**
   * The bash/zsh completion script is the same as the one picocli writes for the annotated tree.
   */
  @Test
  void theCompletionScriptIsTheOneTheAnnotationsGive() {
    StringWriter generated = new StringWriter();
    PrintWriter g = new PrintWriter(generated);
    assertThat(
            Cli.create(g, g, new String[] {"generate-completion"}).execute("generate-completion"))
        .isZero();
    g.flush();
    CommandLine annotated = new CommandLine(new SockitCommand());
    for (String name : CatalogueIndex.NAMES) {
      annotated.addSubcommand(name, instance(CatalogueIndex.type(name)));
    }
    StringWriter expected = new StringWriter();
    PrintWriter a = new PrintWriter(expected);
    annotated.setOut(a);
    assertThat(annotated.execute("generate-completion")).isZero();
    a.flush();
    assertThat(generated.toString()).contains("connect listen").isEqualTo(expected.toString());
  }

  /**
   * Each option and parameter, given a sample value, lands in the same field with the same value in
   * the generated model as in picocli's model of the annotations.
   */
  @Test
  void everyOptionSetsTheSameFieldAsItsAnnotation() {
    int checked = 0;
    for (String top : generated()) {
      checked += sameParsing(top, List.of(top));
    }
    assertThat(checked).isGreaterThan(100);
  }

  /**
   * Parses {@code path + args} from a fresh root, annotated or generated, and returns the command
   * object reached.
   */
  private static Object parsed(boolean generated, List<String> path, List<String> args) {
    String top = path.get(0);
    CommandLine root =
        root(generated ? CatalogueIndex.command(top) : instance(CatalogueIndex.type(top)), top);
    List<String> all = new ArrayList<>(path);
    all.addAll(args);
    root.parseArgs(all.toArray(String[]::new));
    CommandLine c = root;
    for (String p : path) {
      c = c.getSubcommands().get(p);
    }
    return c.getCommand();
  }

  /** The fields a parse sets, or the error it ends in. */
  private static Object outcome(boolean generated, List<String> path, List<String> args) {
    try {
      return values(parsed(generated, path, args));
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static int sameParsing(String top, List<String> path) {
    CommandLine c = root(instance(CatalogueIndex.type(top)), top);
    for (String p : path) {
      c = c.getSubcommands().get(p);
    }
    CommandSpec spec = c.getCommandSpec();
    int n = 0;
    if (!(spec.userObject() instanceof CommandLine.HelpCommand)) {
      List<String> positionals = new ArrayList<>();
      for (PositionalParamSpec p : spec.positionalParameters()) {
        for (int i = 0; i < Math.max(1, p.arity().min()); i++) {
          positionals.add(
              sample(p.auxiliaryTypes()[p.auxiliaryTypes().length - 1], p.paramLabel()));
        }
      }
      Map<String, Object> untouched = values(parsed(false, path, positionals));
      for (OptionSpec o : spec.options()) {
        if (o.usageHelp() || o.versionHelp()) {
          continue;
        }
        if (o.arity().max() == 0 && o.type() == boolean.class) {
          // a flag also takes an attached value, as picocli's annotated model allows
          List<String> attached = new ArrayList<>(List.of(o.longestName() + "=true"));
          attached.addAll(positionals);
          assertThat(outcome(true, path, attached))
              .as(String.join(" ", path) + " " + attached)
              .isEqualTo(outcome(false, path, attached));
        }
        List<String> args = new ArrayList<>();
        args.add(o.longestName());
        if (o.arity().max() > 0) {
          args.add(sample(o.auxiliaryTypes()[o.auxiliaryTypes().length - 1], o.paramLabel()));
        }
        args.addAll(positionals);
        String what = String.join(" ", path) + " " + String.join(" ", args);
        Map<String, Object> annotated = values(parsed(false, path, args));
        assertThat(values(parsed(true, path, args))).as(what).isEqualTo(annotated);
        assertThat(annotated).as(what + " changes a field").isNotEqualTo(untouched);
        n++;
      }
      assertThat(values(parsed(true, path, positionals)))
          .as(String.join(" ", path) + " with parameters only")
          .isEqualTo(untouched);
    }
    for (String sub : c.getSubcommands().keySet()) {
      List<String> deeper = new ArrayList<>(path);
      deeper.add(sub);
      n += sameParsing(top, deeper);
    }
    return n;
  }

  private static String sample(Class<?> type, String label) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "7";
    }
    if (type == Duration.class) {
      return "2500ms";
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[type.getEnumConstants().length - 1].toString();
    }
    if (type == Path.class) {
      return "/tmp/sockit-sample";
    }
    return label != null && label.contains("PORT") ? "7" : "sample7";
  }

  /**
   * The values of the command's option and parameter fields, and those of its mixins and groups
   * (and theirs), by name.
   */
  private static Map<String, Object> values(Object command) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Field f : command.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())
          || f.isAnnotationPresent(Spec.class)
          || f.getType() == CommandSpec.class
          || f.getType() == CommandLine.class) {
        continue;
      }
      Object v = value(f, command);
      if (f.isAnnotationPresent(Mixin.class) || f.isAnnotationPresent(ArgGroup.class)) {
        if (v != null) {
          values(v).forEach((k, x) -> m.put(f.getName() + "." + k, x));
        }
      } else if (f.isAnnotationPresent(CommandLine.Option.class)
          || f.isAnnotationPresent(CommandLine.Parameters.class)) {
        m.put(f.getName(), v);
      }
    }
    return m;
  }

  private static Object instance(Class<?> c) {
    try {
      var k = c.getDeclaredConstructor();
      k.setAccessible(true);
      return k.newInstance();
    } catch (ReflectiveOperationException ex) {
      throw new AssertionError(ex);
    }
  }

  private static Object value(Field f, Object o) {
    try {
      f.setAccessible(true);
      return f.get(o);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** The command under a root built as Cli builds it (help tidied, same settings). */
  private static CommandLine root(Object command, String name) {
    CommandLine root = new CommandLine(SockitCommandModel.spec());
    root.addSubcommand(name, command);
    Cli.tidyHelp(root);
    return root;
  }

  private static int sameHelp(CommandLine a, CommandLine g) {
    assertThat(usage(g)).as(a.getCommandSpec().qualifiedName()).isEqualTo(usage(a));
    assertThat(g.getSubcommands().keySet()).isEqualTo(a.getSubcommands().keySet());
    int n = 1;
    for (String sub : a.getSubcommands().keySet()) {
      n += sameHelp(a.getSubcommands().get(sub), g.getSubcommands().get(sub));
    }
    return n;
  }

  private static String usage(CommandLine c) {
    StringWriter w = new StringWriter();
    c.usage(new PrintWriter(w), CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    return w.toString();
  }
}
