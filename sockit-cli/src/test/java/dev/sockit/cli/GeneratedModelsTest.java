package dev.sockit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Spec;

/**
 * {@link GeneratedModels} is generated from the picocli annotations of the command classes, which
 * stay the source of truth: this test writes the code the annotations call for and fails when the
 * checked-in file differs (regenerate it with {@code -Dsockit.regenerate=true}), and it checks that
 * every generated command reads, in its help, exactly as picocli's model of its annotations.
 * Building a model from annotations costs ~35 ms at every start (the JDK makes a proxy class per
 * annotation type); the generated code builds the same model with picocli's builders.
 */
class GeneratedModelsTest {
  /**
   * The annotated top-level commands whose models are generated (ip and scan are written by hand).
   */
  static final Map<String, Class<?>> ANNOTATED = annotated();

  private static final Path FILE = Path.of("src/main/java/dev/sockit/cli/GeneratedModels.java");

  private static Map<String, Class<?>> annotated() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("tcp", TcpCommand.class);
    m.put("udp", UdpCommand.class);
    m.put("unix", UnixCommand.class);
    m.put("ifaces", IfacesCommand.class);
    m.put("resolve", ResolveCommand.class);
    m.put("port", PortCommand.class);
    m.put("ports", PortsCommand.class);
    m.put("probe", ProbeCommand.class);
    m.put("send", SendCommand.class);
    m.put("receive", ReceiveCommand.class);
    m.put("bench", BenchCommand.class);
    m.put("ui", UiCommand.class);
    return m;
  }

  @Test
  void theGeneratedFileIsWhatTheAnnotationsCallFor() throws Exception {
    String code = generate();
    if (Boolean.getBoolean("sockit.regenerate")) {
      Files.writeString(FILE, code, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as(
            "GeneratedModels.java is out of date: run mvn -pl sockit-cli -am test -Dtest=GeneratedModelsTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dsockit.regenerate=true, then the tests again (this run used the old class)")
        .isEqualTo(code);
  }

  @Test
  void everyGeneratedCommandHelpsExactlyAsItsAnnotations() {
    int checked = 0;
    for (Map.Entry<String, Class<?>> e : ANNOTATED.entrySet()) {
      CommandLine annotated = root(instance(e.getValue()), e.getKey());
      CommandLine generated = root(Cli.COMMANDS.get(e.getKey()).get(), e.getKey());
      checked +=
          sameHelp(
              annotated.getSubcommands().get(e.getKey()),
              generated.getSubcommands().get(e.getKey()));
    }
    assertThat(checked).isGreaterThanOrEqualTo(20);
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
    CommandLine annotated = SockitCommand.create();
    Cli.COMMANDS.forEach(
        (name, factory) ->
            annotated.addSubcommand(
                name, ANNOTATED.containsKey(name) ? instance(ANNOTATED.get(name)) : factory.get()));
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
    for (String top : ANNOTATED.keySet()) {
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
        root(generated ? Cli.COMMANDS.get(top).get() : instance(ANNOTATED.get(top)), top);
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
    CommandLine c = root(instance(ANNOTATED.get(top)), top);
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
    if (type == java.time.Duration.class) {
      return "2500ms";
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[type.getEnumConstants().length - 1].toString();
    }
    if (type == java.nio.file.Path.class) {
      return "/tmp/sockit-sample";
    }
    return label != null && label.contains("PORT") ? "7" : "sample7";
  }

  /**
   * The values of the command's option and parameter fields, and those of its mixins and groups, by
   * name.
   */
  private static Map<String, Object> values(Object command) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Field f : fields(command.getClass())) {
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

  /** The command under a root built as Cli builds it (help tidied, same settings). */
  private static CommandLine root(Object command, String name) {
    CommandLine root = SockitCommand.create();
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

  // ---- the generator ----

  static String generate() {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        package dev.sockit.cli;

        import picocli.CommandLine;
        import picocli.CommandLine.Model.ArgGroupSpec;
        import picocli.CommandLine.Model.CommandSpec;
        import picocli.CommandLine.Model.OptionSpec;
        import picocli.CommandLine.Model.PositionalParamSpec;

        /**
         * The picocli models of the annotated commands, built with picocli's builders instead of read
         * from the annotations at every start (which costs ~35 ms: the JDK makes a proxy class for each
         * annotation type). GENERATED by {@code GeneratedModelsTest} from the annotations, which stay the
         * source of truth; do not edit. After changing a command's annotations, run
         * {@code mvn -pl sockit-cli -am test -Dtest=GeneratedModelsTest -Dsurefire.failIfNoSpecifiedTests=false -Dsockit.regenerate=true}.
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        final class GeneratedModels {
          private GeneratedModels() {}

          /** The option read and written through {@code field}. */
          private static OptionSpec.Builder bind(OptionSpec.Builder builder, Bind<?> field) {
            return builder.getter(field).setter(field);
          }

          /** The positional parameter read and written through {@code field}. */
          private static PositionalParamSpec.Builder bind(PositionalParamSpec.Builder builder, Bind<?> field) {
            return builder.getter(field).setter(field);
          }
        """);
    for (Map.Entry<String, Class<?>> e : ANNOTATED.entrySet()) {
      CommandSpec spec = new CommandLine(instance(e.getValue())).getCommandSpec();
      command(out, spec, e.getKey());
    }
    out.append("}\n");
    return out.toString();
  }

  private static String method(String qualified) {
    String[] words = qualified.split(" ");
    StringBuilder m = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      m.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return m.toString();
  }

  private static void command(StringBuilder out, CommandSpec spec, String qualified) {
    Class<?> type = spec.userObject().getClass();
    String cls = type.getSimpleName();
    checkDefaults(spec, qualified);
    List<String> subs = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    body.append("\n  /** {@code sockit ").append(qualified).append("}. */\n");
    body.append("  static CommandSpec ").append(method(qualified)).append("() {\n");
    body.append("    ").append(cls).append(" cmd = new ").append(cls).append("();\n");
    Object fresh = instance(type);
    for (Field f : fields(type)) {
      if ((f.isAnnotationPresent(Mixin.class) || f.isAnnotationPresent(ArgGroup.class))
          && value(f, fresh) == null) {
        body.append("    cmd.")
            .append(f.getName())
            .append(" = new ")
            .append(f.getType().getSimpleName())
            .append("();\n");
      }
    }
    body.append("    CommandSpec spec = CommandSpec.wrapWithoutInspection(cmd).name(")
        .append(str(spec.name()))
        .append(");\n");
    for (Field f : fields(type)) {
      if (f.isAnnotationPresent(Spec.class)) {
        body.append("    cmd.").append(f.getName()).append(" = spec;\n");
      }
    }
    UsageMessageSpec u = spec.usageMessage();
    CommandLine.Command written = type.getAnnotation(CommandLine.Command.class);
    assertThat(written).as(qualified).isNotNull();
    body.append("    spec.usageMessage()");
    if (written.customSynopsis().length > 0) {
      body.append("\n        .customSynopsis(").append(strs(written.customSynopsis())).append(")");
    }
    if (written.header().length > 0) {
      body.append("\n        .header(").append(strs(written.header())).append(")");
    }
    if (written.description().length > 0) {
      body.append("\n        .description(").append(strs(written.description())).append(")");
    }
    if (written.footer().length > 0) {
      body.append("\n        .footer(").append(strs(written.footer())).append(")");
    }
    if (!u.sortOptions()) {
      body.append("\n        .sortOptions(false)");
    }
    body.append(";\n");
    if (spec.versionProvider() != null) {
      assertThat(spec.versionProvider()).as(qualified).isInstanceOf(Version.class);
      body.append("    spec.versionProvider(new Version());\n");
    }
    Set<ArgGroupSpec> groupsDone = new HashSet<>();
    int n = 0;
    for (OptionSpec o : spec.options()) {
      if (o.group() != null) {
        ArgGroupSpec g = o.group();
        if (groupsDone.add(g)) {
          assertThat(g.subgroups()).as(qualified).isEmpty();
          body.append("    spec.addArgGroup(ArgGroupSpec.builder().exclusive(")
              .append(g.exclusive())
              .append(").multiplicity(")
              .append(str(g.multiplicity().toString()))
              .append(")");
          assertThat(g.heading()).as(qualified).isNull();
          assertThat(g.validate()).as(qualified).isTrue();
          for (ArgSpec a : g.args()) {
            body.append("\n        .addArg(")
                .append(arg(a, type, qualified, "            "))
                .append(")");
          }
          body.append(".build());\n");
        }
        continue;
      }
      body.append("    spec.addOption(").append(arg(o, type, qualified, "        ")).append(");\n");
      n++;
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      body.append("    spec.addPositional(")
          .append(arg(p, type, qualified, "        "))
          .append(");\n");
    }
    for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
      Object user = sub.getValue().getCommandSpec().userObject();
      if (user instanceof CommandLine.HelpCommand) {
        body.append("    spec.addSubcommand(")
            .append(str(sub.getKey()))
            .append(", Cli.helpSubcommand());\n");
      } else {
        String q = qualified + " " + sub.getKey();
        body.append("    spec.addSubcommand(")
            .append(str(sub.getKey()))
            .append(", new CommandLine(")
            .append(method(q))
            .append("()));\n");
        subs.add(q);
      }
    }
    body.append("    return spec;\n  }\n");
    out.append(body);
    for (String q : subs) {
      command(out, spec.subcommands().get(q.substring(q.lastIndexOf(' ') + 1)).getCommandSpec(), q);
    }
  }

  /** Everything this generator does not write must be picocli's default, or the test fails. */
  private static void checkDefaults(CommandSpec spec, String qualified) {
    CommandSpec plain = CommandSpec.create();
    UsageMessageSpec u = spec.usageMessage();
    UsageMessageSpec d = plain.usageMessage();
    assertThat(spec.aliases()).as(qualified).isEmpty();
    assertThat(spec.helpCommand()).as(qualified).isFalse();
    assertThat(u.synopsisHeading()).as(qualified).isEqualTo(d.synopsisHeading());
    assertThat(u.abbreviateSynopsis()).as(qualified).isEqualTo(d.abbreviateSynopsis());
    assertThat(u.descriptionHeading()).as(qualified).isEqualTo(d.descriptionHeading());
    assertThat(u.headerHeading()).as(qualified).isEqualTo(d.headerHeading());
    assertThat(u.footerHeading()).as(qualified).isEqualTo(d.footerHeading());
    assertThat(u.optionListHeading()).as(qualified).isEqualTo(d.optionListHeading());
    assertThat(u.parameterListHeading()).as(qualified).isEqualTo(d.parameterListHeading());
    assertThat(u.commandListHeading()).as(qualified).isEqualTo(d.commandListHeading());
    assertThat(u.showDefaultValues()).as(qualified).isEqualTo(d.showDefaultValues());
    assertThat(u.hidden()).as(qualified).isFalse();
    assertThat(u.width()).as(qualified).isEqualTo(d.width());
    assertThat(spec.exitCodeOnSuccess()).as(qualified).isEqualTo(plain.exitCodeOnSuccess());
    assertThat(spec.exitCodeOnUsageHelp()).as(qualified).isEqualTo(plain.exitCodeOnUsageHelp());
    assertThat(spec.exitCodeOnVersionHelp()).as(qualified).isEqualTo(plain.exitCodeOnVersionHelp());
    assertThat(spec.exitCodeOnInvalidInput())
        .as(qualified)
        .isEqualTo(plain.exitCodeOnInvalidInput());
    assertThat(spec.exitCodeOnExecutionException())
        .as(qualified)
        .isEqualTo(plain.exitCodeOnExecutionException());
    assertThat(spec.subcommandsRepeatable()).as(qualified).isFalse();
    assertThat(spec.preprocessor().getClass())
        .as(qualified)
        .isEqualTo(plain.preprocessor().getClass());
    assertThat(spec.defaultValueProvider()).as(qualified).isNull();
    assertThat(spec.scopeType()).as(qualified).isEqualTo(plain.scopeType());
    // @Spec is injected only into the command itself by the generated code
    Class<?> type = spec.userObject().getClass();
    for (Field f : fields(type)) {
      if (f.isAnnotationPresent(Mixin.class) || f.isAnnotationPresent(ArgGroup.class)) {
        for (Field inner : fields(f.getType())) {
          assertThat(inner.isAnnotationPresent(Spec.class))
              .as(qualified + ": @Spec in " + f.getType().getSimpleName())
              .isFalse();
        }
      }
    }
  }

  private static String arg(ArgSpec a, Class<?> type, String qualified, String indent) {
    StringBuilder b = new StringBuilder();
    if (a instanceof OptionSpec o) {
      b.append("OptionSpec.builder(").append(strs(o.names())).append(")");
      if (o.usageHelp()) {
        b.append(".usageHelp(true)");
      }
      if (o.versionHelp()) {
        b.append(".versionHelp(true)");
      }
      assertThat(o.negatable()).as(qualified + " " + o.longestName()).isFalse();
      assertThat(o.fallbackValue()).as(qualified + " " + o.longestName()).isEmpty();
      if (o.order() != -1) {
        b.append(".order(").append(o.order()).append(")");
      }
    } else {
      PositionalParamSpec p = (PositionalParamSpec) a;
      b.append("PositionalParamSpec.builder().index(")
          .append(str(p.index().toString()))
          .append(")");
    }
    b.append("\n").append(indent);
    if (!a.arity().isUnspecified()) {
      // only as written: a boolean flag's unspecified arity accepts --flag=true, a specified "0"
      // does not
      b.append(".arity(").append(str(a.arity().toString())).append(")");
    }
    b.append(".type(").append(a.type().getCanonicalName()).append(".class)");
    if (a.isMultiValue()) {
      b.append(".auxiliaryTypes(")
          .append(
              String.join(
                  ", ",
                  Arrays.stream(a.auxiliaryTypes())
                      .map(c -> c.getCanonicalName() + ".class")
                      .toList()))
          .append(")");
    }
    if (a.paramLabel() != null && !(a instanceof OptionSpec && a.paramLabel().equals("PARAM"))) {
      b.append(".paramLabel(").append(str(a.paramLabel())).append(")");
    }
    if (a.descriptionKey() != null && !a.descriptionKey().isEmpty()) {
      b.append(".descriptionKey(").append(str(a.descriptionKey())).append(")");
    }
    if (a.hideParamSyntax()) {
      b.append(".hideParamSyntax(true)");
    }
    String[] description = rawDescription(a);
    if (description.length > 0) {
      b.append("\n").append(indent).append(".description(").append(strs(description)).append(")");
    }
    if (a.defaultValue() != null) {
      b.append(".defaultValue(").append(str(a.defaultValue())).append(")");
    }
    if (a.showDefaultValue() != Visibility.ON_DEMAND) {
      b.append(".showDefaultValue(CommandLine.Help.Visibility.")
          .append(a.showDefaultValue())
          .append(")");
    }
    if (a.hidden()) {
      b.append(".hidden(true)");
    }
    if (a.required()) {
      b.append(".required(true)");
    }
    if (!a.splitRegex().isEmpty()) {
      b.append(".splitRegex(").append(str(a.splitRegex())).append(")");
    }
    if (!a.splitRegexSynopsisLabel().isEmpty()) {
      b.append(".splitRegexSynopsisLabel(").append(str(a.splitRegexSynopsisLabel())).append(")");
    }
    if (a.converters().length > 0) {
      b.append(".converters(")
          .append(
              String.join(
                  ", ",
                  Arrays.stream(a.converters())
                      .map(c -> "new " + c.getClass().getSimpleName() + "()")
                      .toList()))
          .append(")");
    }
    assertThat(a.interactive()).as(qualified).isFalse();
    assertThat(a.parameterConsumer()).as(qualified).isNull();
    assertThat(a.inherited()).as(qualified).isFalse();
    assertThat(a.completionCandidates() == null || a.type().isEnum())
        .as(qualified + ": only enums' own completion candidates")
        .isTrue();
    assertThat(a.mapFallbackValue())
        .as(qualified)
        .isEqualTo(OptionSpec.builder("-x").build().mapFallbackValue());
    boolean helpOption = a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp());
    if (a.userObject() instanceof Field f && !helpOption) {
      String path = path(f, type, qualified);
      String t = boxed(f.getGenericType().getTypeName().replace('$', '.'));
      b.insert(0, "bind(");
      b.append("\n").append(indent).append(".initialValue(cmd.").append(path).append("), ");
      b.append("new Bind<")
          .append(t)
          .append(">(() -> cmd.")
          .append(path)
          .append(", v -> cmd.")
          .append(path)
          .append(" = v))");
    } else {
      // -h and -V keep their value in picocli's own binding, as in SockitCommand.standardHelp
      assertThat(helpOption)
          .as(qualified + ": only field bindings and help options are generated: " + a)
          .isTrue();
    }
    b.append(".build()");
    return b.toString();
  }

  /**
   * The description as written in the annotation: picocli's model holds it formatted and with
   * {@code ${DEFAULT-VALUE}} and other variables already replaced, and picocli formats it again
   * when it shows help, so the model's text would fix those values at build time.
   */
  private static String[] rawDescription(ArgSpec a) {
    if (a.userObject() instanceof Field f) {
      CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
      if (o != null) {
        return o.description();
      }
      CommandLine.Parameters p = f.getAnnotation(CommandLine.Parameters.class);
      if (p != null) {
        return p.description();
      }
    }
    return a.description(); // picocli's own -h and -V: plain text
  }

  private static String boxed(String t) {
    return switch (t) {
      case "int" -> "Integer";
      case "long" -> "Long";
      case "boolean" -> "Boolean";
      case "double" -> "Double";
      case "short" -> "Short";
      case "byte" -> "Byte";
      case "char" -> "Character";
      case "float" -> "Float";
      default -> t;
    };
  }

  /** Where the field lives, from the command: {@code name}, or {@code mixin.name}. */
  private static String path(Field f, Class<?> command, String qualified) {
    assertThat(Modifier.isPrivate(f.getModifiers()))
        .as(qualified + ": " + f + " must not be private")
        .isFalse();
    if (f.getDeclaringClass() == command) {
      return f.getName();
    }
    List<String> holders = new ArrayList<>();
    for (Field h : fields(command)) {
      if ((h.isAnnotationPresent(Mixin.class) || h.isAnnotationPresent(ArgGroup.class))
          && h.getType() == f.getDeclaringClass()) {
        holders.add(h.getName());
      }
    }
    assertThat(holders).as(qualified + ": one mixin or group holds " + f).hasSize(1);
    return holders.get(0) + "." + f.getName();
  }

  private static List<Field> fields(Class<?> c) {
    return Arrays.asList(c.getDeclaredFields());
  }

  private static Object value(Field f, Object o) {
    try {
      f.setAccessible(true);
      return f.get(o);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static String strs(String[] values) {
    return String.join(", ", Arrays.stream(values).map(GeneratedModelsTest::str).toList());
  }

  private static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
