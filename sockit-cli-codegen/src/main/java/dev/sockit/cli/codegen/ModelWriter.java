package dev.sockit.cli.codegen;

import dev.sockit.cli.codegen.Annotation.Unsupported;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes the companion class {@code <Name>Model} of one annotated class, in the class's package:
 * for a command ({@code @Command}), {@code spec()} builds a new instance's picocli model with
 * picocli's builders, as picocli's reflection would from the annotations; for a class of shared
 * options (a {@code @Mixin} or {@code @ArgGroup} type), {@code args(instance)} builds its options
 * bound to that instance. The fields are read and written by a generated {@code switch}, not by
 * reflection.
 *
 * <p>It writes only what it understands: any other picocli attribute, a private or final field, an
 * inherited or method-level annotation is a compile error on the element, never a silently
 * different model.
 */
final class ModelWriter {
  static final String PICOCLI = "picocli.CommandLine.";
  static final String COMMAND = PICOCLI + "Command";
  static final String OPTION = PICOCLI + "Option";
  static final String PARAMETERS = PICOCLI + "Parameters";
  static final String MIXIN = PICOCLI + "Mixin";
  static final String ARG_GROUP = PICOCLI + "ArgGroup";
  static final String SPEC = PICOCLI + "Spec";
  static final String HELP_COMMAND = PICOCLI + "HelpCommand";

  /** Annotations this generator does not write at all. */
  private static final List<String> REFUSED =
      List.of(PICOCLI + "ParentCommand", PICOCLI + "Unmatched");

  /**
   * How the generated code gets the {@code help} subcommand that {@code @Command(subcommands =
   * HelpCommand.class)} asks for: sockit builds it itself (picocli's own when the whole tree is
   * built for completion, which treats that class specially; otherwise a model built without
   * annotations).
   */
  static final String HELP_SUBCOMMAND = "dev.sockit.cli.Cli.helpSubcommand()";

  private static final Set<String> COMMAND_ATTRIBUTES =
      Set.of(
          "name",
          "header",
          "description",
          "footer",
          "customSynopsis",
          "synopsisHeading",
          "sortOptions",
          "mixinStandardHelpOptions",
          "versionProvider",
          "subcommands",
          "helpCommand");
  private static final Set<String> OPTION_ATTRIBUTES =
      Set.of(
          "names",
          "description",
          "paramLabel",
          "defaultValue",
          "arity",
          "converter",
          "required",
          "hidden",
          "split",
          "splitSynopsisLabel",
          "showDefaultValue",
          "usageHelp",
          "versionHelp",
          "order",
          "descriptionKey",
          "hideParamSyntax");
  private static final Set<String> PARAMETERS_ATTRIBUTES =
      Set.of(
          "index",
          "description",
          "paramLabel",
          "defaultValue",
          "arity",
          "converter",
          "hidden",
          "split",
          "splitSynopsisLabel",
          "showDefaultValue",
          "descriptionKey",
          "hideParamSyntax");
  private static final Set<String> ARG_GROUP_ATTRIBUTES = Set.of("exclusive", "multiplicity");

  /** picocli's "no default value" marker. */
  private static final String NO_DEFAULT = "__no_default_value__";

  private final Elements elements;
  private final Types types;
  private final TypeElement type;
  private final Annotation command;

  /** The fields the generated {@code Binding} reads and writes, by index. */
  private final List<VariableElement> bound = new ArrayList<>();

  private final StringBuilder body = new StringBuilder();

  ModelWriter(Elements elements, Types types, TypeElement type) {
    this.elements = elements;
    this.types = types;
    this.type = type;
    this.command = Annotation.on(type, COMMAND, elements);
  }

  /** The companion's simple name. */
  static String companionName(TypeElement type) {
    return type.getSimpleName() + "Model";
  }

  /** The companion's qualified name. */
  static String companion(TypeElement type, Elements elements) {
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    return (pkg.isEmpty() ? "" : pkg + ".") + companionName(type);
  }

  /**
   * The companion's source.
   *
   * @throws Unsupported for a construct the generator does not write
   */
  String write() {
    check();
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    String self = type.getQualifiedName().toString();
    if (command != null) {
      writeCommand(self);
    } else {
      writeOptions(self);
    }
    StringBuilder out = new StringBuilder();
    if (!pkg.isEmpty()) {
      out.append("package ").append(pkg).append(";\n\n");
    }
    out.append(
        """
        import java.util.ArrayList;
        import java.util.List;
        import picocli.CommandLine;
        import picocli.CommandLine.Model.ArgGroupSpec;
        import picocli.CommandLine.Model.ArgSpec;
        import picocli.CommandLine.Model.CommandSpec;
        import picocli.CommandLine.Model.IGetter;
        import picocli.CommandLine.Model.ISetter;
        import picocli.CommandLine.Model.OptionSpec;
        import picocli.CommandLine.Model.PositionalParamSpec;

        """);
    out.append("/**\n * The picocli model of {@link ")
        .append(type.getSimpleName())
        .append("}, built with picocli's builders instead of read from\n")
        .append(" * its annotations at every start (which costs generated proxy classes and")
        .append(" reflection).\n * GENERATED at compile time by ")
        .append(CommandModelProcessor.class.getName())
        .append(" from the\n * annotations, which stay the source of truth; do not edit.\n */\n");
    boolean isPublic = command != null || type.getModifiers().contains(Modifier.PUBLIC);
    out.append("@javax.annotation.processing.Generated(\"")
        .append(CommandModelProcessor.class.getName())
        .append("\")\n");
    out.append("@SuppressWarnings(\"unchecked\") // casts to the fields' types in Binding\n");
    out.append(isPublic ? "public " : "").append("final class ").append(companionName(type));
    out.append(" {\n  private ").append(companionName(type)).append("() {}\n");
    out.append(body);
    writeHelpers(out, self);
    out.append("}\n");
    return out.toString();
  }

  private void check() {
    if (type.getNestingKind() != NestingKind.TOP_LEVEL) {
      throw new Unsupported(type, "a command or option class must be a top-level class");
    }
    TypeMirror parent = type.getSuperclass();
    if (parent.getKind() == TypeKind.DECLARED) {
      TypeElement p = (TypeElement) types.asElement(parent);
      if (!p.getQualifiedName().contentEquals("java.lang.Object") && hasPicocli(p)) {
        throw new Unsupported(type, "inherited picocli annotations are not supported");
      }
    }
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      for (String a : List.of(OPTION, PARAMETERS, MIXIN, ARG_GROUP, SPEC, COMMAND)) {
        if (Annotation.on(m, a, elements) != null) {
          throw new Unsupported(m, "picocli annotations on methods are not supported");
        }
      }
    }
    boolean constructible =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .anyMatch(
                c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    if (!constructible) {
      throw new Unsupported(type, "needs a constructor without parameters that is not private");
    }
  }

  private boolean hasPicocli(TypeElement t) {
    if (Annotation.on(t, COMMAND, elements) != null) {
      return true;
    }
    for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
      for (String a : List.of(OPTION, PARAMETERS, MIXIN, ARG_GROUP, SPEC)) {
        if (Annotation.on(f, a, elements) != null) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- a command: spec() ----

  private void writeCommand(String self) {
    command.allowOnly(COMMAND_ATTRIBUTES);
    if (!command.written("name")) {
      throw new Unsupported(type, "a command needs @Command(name = ...)");
    }
    line(0, "");
    line(1, "/**");
    line(1, " * A new {@code " + type.getSimpleName() + "} and its model.");
    line(1, " *");
    line(1, " * @return the model, with the new command as its user object");
    line(1, " */");
    line(1, "public static CommandSpec spec() {");
    line(2, self + " command = new " + self + "();");
    instantiateHolders("command");
    line(
        2,
        "CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("
            + JavaText.literal(command.string("name"))
            + ");");
    for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      Annotation s = Annotation.on(f, SPEC, elements);
      if (s != null) {
        s.allowOnly(Set.of());
        checkField(f, false);
        if (!types.isSameType(
            f.asType(), elements.getTypeElement(PICOCLI + "Model.CommandSpec").asType())) {
          throw new Unsupported(f, "@Spec is supported on a CommandSpec field only");
        }
        line(2, "command." + f.getSimpleName() + " = spec;");
      }
    }
    StringBuilder usage = new StringBuilder("spec.usageMessage()");
    for (String a : List.of("customSynopsis", "header", "description", "footer")) {
      if (command.written(a) && !command.strings(a).isEmpty()) {
        usage.append("\n            .").append(a).append("(").append(literals(command.strings(a)));
        usage.append(")");
      }
    }
    if (command.written("synopsisHeading")) {
      usage.append("\n            .synopsisHeading(");
      usage.append(JavaText.literal(command.string("synopsisHeading"))).append(")");
    }
    if (!command.bool("sortOptions")) {
      usage.append("\n            .sortOptions(false)");
    }
    line(2, usage + ";");
    if (command.bool("helpCommand")) {
      line(2, "spec.helpCommand(true);");
    }
    if (command.written("versionProvider")) {
      line(2, "spec.versionProvider(new " + erasure(command.type("versionProvider")) + "());");
    }
    // picocli's order: subcommands, then the fields, then the standard help options
    for (TypeMirror sub : command.types("subcommands")) {
      TypeElement s = (TypeElement) types.asElement(sub);
      Annotation c = Annotation.on(s, COMMAND, elements);
      if (c == null) {
        throw new Unsupported(type, "subcommand " + s + " has no @Command");
      }
      String name = JavaText.literal(c.string("name"));
      if (s.getQualifiedName().contentEquals(HELP_COMMAND)) {
        line(2, "spec.addSubcommand(" + name + ", " + HELP_SUBCOMMAND + ");");
      } else {
        line(
            2,
            "spec.addSubcommand("
                + name
                + ", new CommandLine("
                + companion(s, elements)
                + ".spec()));");
      }
    }
    args("command", "spec.add", true);
    if (command.bool("mixinStandardHelpOptions")) {
      line(2, "spec.addOption(OptionSpec.builder(\"-h\", \"--help\").usageHelp(true)");
      line(4, ".type(boolean.class).paramLabel(\"<helpRequested>\")");
      line(4, ".descriptionKey(\"mixinStandardHelpOptions.help\")");
      line(4, ".description(\"Show this help message and exit.\").build());");
      line(2, "spec.addOption(OptionSpec.builder(\"-V\", \"--version\").versionHelp(true)");
      line(4, ".type(boolean.class).paramLabel(\"<versionRequested>\")");
      line(4, ".descriptionKey(\"mixinStandardHelpOptions.version\")");
      line(4, ".description(\"Print version information and exit.\").build());");
    }
    line(2, "return spec;");
    line(1, "}");
  }

  // ---- a class of shared options: args(instance) ----

  private void writeOptions(String self) {
    for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (Annotation.on(f, SPEC, elements) != null) {
        throw new Unsupported(f, "@Spec is supported in command classes only");
      }
      if (Annotation.on(f, ARG_GROUP, elements) != null) {
        throw new Unsupported(f, "an @ArgGroup inside a mixin or group is not supported");
      }
    }
    line(0, "");
    line(1, "/**");
    line(1, " * The options and parameters of {@code options}, in declaration order, bound to it.");
    line(1, " *");
    line(1, " * @param options the instance the parsed values go to");
    line(1, " * @return its options and positional parameters");
    line(1, " */");
    line(1, "public static List<ArgSpec> args(" + self + " options) {");
    instantiateHolders("options");
    line(2, "List<ArgSpec> args = new ArrayList<>();");
    args("options", "args.add", false);
    line(2, "return args;");
    line(1, "}");
  }

  // ---- the fields ----

  /** Mixin and group fields left null by their declaration get an instance, as picocli does. */
  private void instantiateHolders(String target) {
    for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (Annotation.on(f, MIXIN, elements) != null
          || Annotation.on(f, ARG_GROUP, elements) != null) {
        checkField(f, true);
        String field = target + "." + f.getSimpleName();
        line(2, "if (" + field + " == null) {");
        line(3, field + " = new " + erasure(f.asType()) + "();");
        line(2, "}");
      }
    }
  }

  /**
   * One statement per annotated field, in declaration order: {@code add(arg)} for an option or a
   * positional parameter, every arg of a mixin, a group with its args (commands only).
   */
  private void args(String target, String add, boolean isCommand) {
    for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      for (String refused : REFUSED) {
        if (Annotation.on(f, refused, elements) != null) {
          throw new Unsupported(f, "@" + refused.substring(PICOCLI.length()) + " is not supported");
        }
      }
      Annotation option = Annotation.on(f, OPTION, elements);
      Annotation parameters = Annotation.on(f, PARAMETERS, elements);
      Annotation mixin = Annotation.on(f, MIXIN, elements);
      Annotation group = Annotation.on(f, ARG_GROUP, elements);
      String field = target + "." + f.getSimpleName();
      if (option != null) {
        line(2, add + "(option(" + option(option, f) + ",");
        line(4, binding(target, f) + "));");
      } else if (parameters != null) {
        line(2, add + "(positional(" + positional(parameters, f) + ",");
        line(4, binding(target, f) + "));");
      } else if (mixin != null) {
        mixin.allowOnly(Set.of());
        String args = companion(holder(f), elements) + ".args(" + field + ")";
        line(2, isCommand ? "addAll(spec, " + args + ");" : "args.addAll(" + args + ");");
      } else if (group != null) {
        group.allowOnly(ARG_GROUP_ATTRIBUTES);
        line(2, "spec.addArgGroup(group(ArgGroupSpec.builder()");
        line(4, ".exclusive(" + group.bool("exclusive") + ")");
        line(4, ".multiplicity(" + JavaText.literal(group.string("multiplicity")) + "),");
        line(4, companion(holder(f), elements) + ".args(" + field + ")));");
      }
    }
  }

  private TypeElement holder(VariableElement f) {
    if (f.asType().getKind() != TypeKind.DECLARED) {
      throw new Unsupported(f, "a mixin or group field must have a class type");
    }
    return (TypeElement) types.asElement(f.asType());
  }

  private String binding(String target, VariableElement f) {
    checkField(f, true);
    bound.add(f);
    return "new Binding(" + target + ", " + (bound.size() - 1) + ")";
  }

  private static void checkField(VariableElement f, boolean written) {
    Set<Modifier> m = f.getModifiers();
    if (m.contains(Modifier.PRIVATE)) {
      throw new Unsupported(f, "must not be private: the generated model sets it");
    }
    if (m.contains(Modifier.STATIC) || (written && m.contains(Modifier.FINAL))) {
      throw new Unsupported(f, "must be an instance field that is not final");
    }
  }

  private String option(Annotation o, VariableElement f) {
    o.allowOnly(OPTION_ATTRIBUTES);
    StringBuilder b = new StringBuilder("OptionSpec.builder(").append(literals(o.strings("names")));
    b.append(")");
    if (o.bool("usageHelp")) {
      b.append(".usageHelp(true)");
    }
    if (o.bool("versionHelp")) {
      b.append(".versionHelp(true)");
    }
    if (o.integer("order") != -1) {
      b.append(".order(").append(o.integer("order")).append(")");
    }
    if (o.bool("required")) {
      b.append(".required(true)");
    }
    common(b, o, f);
    return b.toString();
  }

  private String positional(Annotation p, VariableElement f) {
    p.allowOnly(PARAMETERS_ATTRIBUTES);
    boolean multi = auxiliaryTypes(f) != null;
    String index = p.string("index").isBlank() ? (multi ? "*" : "0+") : p.string("index");
    StringBuilder b = new StringBuilder("PositionalParamSpec.builder().index(");
    b.append(JavaText.literal(index)).append(")");
    // picocli: a positional parameter is required when its arity's minimum is above zero; an
    // unwritten arity is 1 for one value and 0..1 for a list or array
    String arity = p.string("arity");
    int min = arity.isBlank() ? (multi ? 0 : 1) : arityMin(arity, f);
    if (min > 0) {
      b.append(".required(true)");
    }
    common(b, p, f);
    return b.toString();
  }

  /** What options and positional parameters share. */
  private void common(StringBuilder b, Annotation a, VariableElement f) {
    String indent = "\n" + "    ".repeat(4);
    if (!a.string("arity").isBlank()) {
      // only as written: a flag's unwritten arity accepts --flag=true, a written "0" does not
      b.append(".arity(").append(JavaText.literal(a.string("arity"))).append(")");
    }
    b.append(indent).append(".type(").append(erasure(f.asType())).append(".class)");
    List<String> aux = auxiliaryTypes(f);
    if (aux != null) {
      b.append(".auxiliaryTypes(");
      for (int i = 0; i < aux.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(aux.get(i)).append(".class");
      }
      b.append(")");
    }
    String label = a.string("paramLabel").strip();
    b.append(".paramLabel(")
        .append(JavaText.literal(label.isEmpty() ? "<" + f.getSimpleName() + ">" : label))
        .append(")");
    if (!a.string("descriptionKey").isEmpty()) {
      b.append(".descriptionKey(").append(JavaText.literal(a.string("descriptionKey"))).append(")");
    }
    if (a.bool("hideParamSyntax")) {
      b.append(".hideParamSyntax(true)");
    }
    if (!a.strings("description").isEmpty()) {
      // as written: picocli formats it and fills in ${DEFAULT-VALUE} when it shows help
      b.append(indent).append(".description(").append(literals(a.strings("description")));
      b.append(")");
    }
    if (!NO_DEFAULT.equals(a.string("defaultValue"))) {
      b.append(".defaultValue(").append(JavaText.literal(a.string("defaultValue"))).append(")");
    }
    String show = a.constant("showDefaultValue");
    if (!show.equals("ON_DEMAND")) {
      b.append(".showDefaultValue(CommandLine.Help.Visibility.").append(show).append(")");
    }
    if (a.bool("hidden")) {
      b.append(".hidden(true)");
    }
    if (!a.string("split").isEmpty()) {
      b.append(".splitRegex(").append(JavaText.literal(a.string("split"))).append(")");
    }
    if (!a.string("splitSynopsisLabel").isEmpty()) {
      b.append(".splitRegexSynopsisLabel(");
      b.append(JavaText.literal(a.string("splitSynopsisLabel"))).append(")");
    }
    List<TypeMirror> converters = a.types("converter");
    if (!converters.isEmpty()) {
      b.append(".converters(");
      for (int i = 0; i < converters.size(); i++) {
        b.append(i == 0 ? "" : ", ").append("new ").append(erasure(converters.get(i))).append("()");
      }
      b.append(")");
    }
  }

  private static int arityMin(String arity, Element where) {
    String a = arity.strip();
    if (a.equals("*")) {
      return 0;
    }
    int end = 0;
    while (end < a.length() && Character.isDigit(a.charAt(end))) {
      end++;
    }
    if (end == 0) {
      throw new Unsupported(where, "arity '" + arity + "' is not a number or range");
    }
    return Integer.parseInt(a.substring(0, end));
  }

  /**
   * The element types of a multi-value field (an array's component, a collection's type arguments),
   * or {@code null} for a single value.
   */
  private List<String> auxiliaryTypes(VariableElement f) {
    TypeMirror t = f.asType();
    if (t.getKind() == TypeKind.ARRAY) {
      return List.of(erasure(((ArrayType) t).getComponentType()));
    }
    if (t.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeMirror map = types.erasure(elements.getTypeElement("java.util.Map").asType());
    if (types.isAssignable(types.erasure(t), map)) {
      throw new Unsupported(f, "map options are not supported");
    }
    TypeMirror collection = types.erasure(elements.getTypeElement("java.util.Collection").asType());
    if (!types.isAssignable(types.erasure(t), collection)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (TypeMirror arg : ((DeclaredType) t).getTypeArguments()) {
      if (arg.getKind() != TypeKind.DECLARED) {
        throw new Unsupported(f, "a collection option needs a concrete element type");
      }
      out.add(erasure(arg));
    }
    if (out.isEmpty()) {
      throw new Unsupported(f, "a collection option needs its element type (no raw types)");
    }
    return out;
  }

  private String erasure(TypeMirror t) {
    return types.erasure(t).toString();
  }

  // ---- helpers in the generated class ----

  private void writeHelpers(StringBuilder out, String self) {
    String code = body.toString();
    if (code.contains("addAll(spec, ")) {
      out.append(
          """

            private static void addAll(CommandSpec spec, List<ArgSpec> args) {
              for (ArgSpec arg : args) {
                spec.add(arg);
              }
            }
          """);
    }
    if (code.contains("group(ArgGroupSpec.builder()")) {
      out.append(
          """

            private static ArgGroupSpec group(ArgGroupSpec.Builder group, List<ArgSpec> args) {
              for (ArgSpec arg : args) {
                group.addArg(arg);
              }
              return group.build();
            }
          """);
    }
    if (bound.isEmpty()) {
      return;
    }
    out.append(
        """

          private static OptionSpec option(OptionSpec.Builder option, Binding field) {
            return option.initialValue(field.get()).getter(field).setter(field).build();
          }

          private static PositionalParamSpec positional(
              PositionalParamSpec.Builder parameter, Binding field) {
            return parameter.initialValue(field.get()).getter(field).setter(field).build();
          }
        """);
    out.append(
        "\n  /** Reads and writes one annotated field: what picocli does by reflection. */\n");
    out.append("  private record Binding(").append(self).append(" target, int index)");
    out.append(" implements IGetter, ISetter {\n");
    out.append("    @Override\n    public <T> T get() {\n      Object value =\n");
    out.append("          switch (index) {\n");
    for (int i = 0; i < bound.size(); i++) {
      out.append("            case ").append(i).append(" -> target.");
      out.append(bound.get(i).getSimpleName()).append(";\n");
    }
    out.append("            default -> throw new IllegalStateException(\"no field \" + index);\n");
    out.append("          };\n      return (T) value;\n    }\n\n");
    out.append("    @Override\n    public <T> T set(T value) {\n      T old = get();\n");
    out.append("      switch (index) {\n");
    for (int i = 0; i < bound.size(); i++) {
      VariableElement f = bound.get(i);
      out.append("        case ").append(i).append(" -> target.").append(f.getSimpleName());
      out.append(" = (").append(boxed(f.asType())).append(") value;\n");
    }
    out.append("        default -> throw new IllegalStateException(\"no field \" + index);\n");
    out.append("      }\n      return old;\n    }\n  }\n");
  }

  private String boxed(TypeMirror t) {
    if (t.getKind().isPrimitive()) {
      return types.boxedClass((PrimitiveType) t).getQualifiedName().toString();
    }
    return t.toString();
  }

  private static String literals(List<String> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(JavaText.literal(values.get(i)));
    }
    return b.toString();
  }

  private void line(int indent, String text) {
    body.append(text.isEmpty() ? "" : "  ".repeat(indent)).append(text).append('\n');
  }

  /** Whether {@code element} is a field the generated models handle. */
  static boolean isPicocliField(Element element, Elements elements) {
    if (element.getKind() != ElementKind.FIELD) {
      return false;
    }
    for (String a : List.of(OPTION, PARAMETERS, MIXIN, ARG_GROUP)) {
      if (Annotation.on(element, a, elements) != null) {
        return true;
      }
    }
    return false;
  }
}
