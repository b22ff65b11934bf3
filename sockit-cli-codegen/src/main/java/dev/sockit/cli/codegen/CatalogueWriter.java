package dev.sockit.cli.codegen;

import dev.sockit.cli.codegen.Annotation.Unsupported;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes what the {@link CommandCatalogue} on one class calls for: the index class next to it
 * ({@code <Class>Index}: the names in order, each command's model, class and start-up family) and
 * the shell fragment the launcher sources to pick a command's start-up cache and JIT tier without
 * starting a program.
 */
final class CatalogueWriter {
  private final Elements elements;
  private final TypeElement catalogue;
  private final List<Entry> entries = new ArrayList<>();

  /** One catalogue line. */
  private record Entry(String name, TypeElement type, String startup, boolean generated) {}

  CatalogueWriter(Elements elements, Types types, TypeElement catalogue) {
    this.elements = elements;
    this.catalogue = catalogue;
    Annotation list = Annotation.on(catalogue, "dev.sockit.cli.codegen.CommandCatalogue", elements);
    for (AnnotationMirror m : list.annotations("value")) {
      Annotation entry = Annotation.nested(catalogue, m, elements);
      TypeElement type = (TypeElement) types.asElement(entry.type("command"));
      Annotation command = Annotation.on(type, ModelWriter.COMMAND, elements);
      if (command == null || command.string("name").isBlank()) {
        throw new Unsupported(catalogue, type + " has no @Command(name = ...)");
      }
      String name = command.string("name");
      if (!name.matches("[a-z][a-z0-9-]*")) {
        throw new Unsupported(catalogue, "command name '" + name + "' is not [a-z][a-z0-9-]*");
      }
      if (entries.stream().anyMatch(e -> e.name.equals(name))) {
        throw new Unsupported(catalogue, "command '" + name + "' is listed twice");
      }
      boolean generated = !type.getQualifiedName().toString().startsWith("picocli.");
      entries.add(new Entry(name, type, entry.constant("startup"), generated));
    }
  }

  /** The index class's qualified name. */
  String indexName() {
    String pkg = elements.getPackageOf(catalogue).getQualifiedName().toString();
    return (pkg.isEmpty() ? "" : pkg + ".") + catalogue.getSimpleName() + "Index";
  }

  /** The index class's source. */
  String index() {
    String pkg = elements.getPackageOf(catalogue).getQualifiedName().toString();
    StringBuilder b = new StringBuilder();
    if (!pkg.isEmpty()) {
      b.append("package ").append(pkg).append(";\n\n");
    }
    b.append("import java.util.List;\n\n");
    b.append("/**\n * The command catalogue of {@link ").append(catalogue.getSimpleName());
    b.append("}, as the CLI, the start-up training and the\n * tests read it. GENERATED at");
    b.append(" compile time by ").append(CommandModelProcessor.class.getName());
    b.append(";\n * do not edit: edit the catalogue.\n */\n");
    b.append("@javax.annotation.processing.Generated(\"");
    b.append(CommandModelProcessor.class.getName()).append("\")\n");
    b.append("final class ").append(catalogue.getSimpleName()).append("Index {\n");
    b.append("  private ").append(catalogue.getSimpleName()).append("Index() {}\n\n");
    b.append("  /** Every top-level command's name, in the catalogue's order. */\n");
    b.append("  static final List<String> NAMES =\n      List.of(");
    for (int i = 0; i < entries.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(JavaText.literal(entries.get(i).name));
    }
    b.append(");\n\n");
    b.append(
        """
          /**
           * The named command as picocli takes it: the model generated from its annotations, or
           * picocli's own annotated command (help, completion); {@code null} for no such command.
           */
          static Object command(String name) {
            return switch (name) {
        """);
    for (Entry e : entries) {
      String q = e.type.getQualifiedName().toString();
      b.append("      case ").append(JavaText.literal(e.name)).append(" -> ");
      b.append(
          e.generated ? ModelWriter.companion(e.type, elements) + ".spec()" : "new " + q + "()");
      b.append(";\n");
    }
    b.append("      default -> null;\n    };\n  }\n\n");
    b.append(
        """
          /** The named command's annotated class; {@code null} for no such command. */
          static Class<?> type(String name) {
            return switch (name) {
        """);
    for (Entry e : entries) {
      b.append("      case ").append(JavaText.literal(e.name)).append(" -> ");
      b.append(e.type.getQualifiedName()).append(".class;\n");
    }
    b.append("      default -> null;\n    };\n  }\n\n");
    b.append(
        """
          /**
           * The start-up cache family of the named command (its own name, {@code nc} or {@code main}),
           * as the launcher chooses it; {@code main} for anything else.
           */
          static String family(String name) {
            return switch (name) {
        """);
    for (Map.Entry<String, List<String>> f : byFamily().entrySet()) {
      if (!f.getKey().equals("main")) {
        for (String name : f.getValue()) {
          b.append("      case ").append(JavaText.literal(name)).append(" -> ");
          b.append(JavaText.literal(f.getKey().equals("$1") ? name : f.getKey())).append(";\n");
        }
      }
    }
    b.append("      default -> \"main\";\n    };\n  }\n}\n");
    return b.toString();
  }

  /** Names by their launcher branch: family (or {@code $1}: the name itself). */
  private Map<String, List<String>> byFamily() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      m.computeIfAbsent(family(e.startup), k -> new ArrayList<>()).add(e.name);
    }
    return m;
  }

  private static String family(String startup) {
    return switch (startup) {
      case "OWN_CACHE" -> "$1";
      case "NETCAT" -> "nc";
      default -> "main";
    };
  }

  private static String tier(String startup) {
    return startup.equals("FULL_SPEED") ? "4" : "1";
  }

  /**
   * Writes the launcher's fragment: a {@code case} on the command name that sets {@code family}
   * (the start-up cache) and {@code tier} (the JIT's highest tier). Written to a temporary file and
   * renamed, so a launcher never sources half of it.
   */
  void writeLauncherFragment(Path path) throws IOException {
    Map<String, List<String>> branches = new LinkedHashMap<>();
    for (Entry e : entries) {
      String branch = "family=" + family(e.startup) + " tier=" + tier(e.startup);
      branches.computeIfAbsent(branch, k -> new ArrayList<>()).add(e.name);
    }
    StringBuilder b = new StringBuilder();
    b.append("# GENERATED at build time by ").append(CommandModelProcessor.class.getName());
    b.append(" from the command\n# catalogue ").append(catalogue.getQualifiedName());
    b.append("; sourced by ./sockit. Sets the start-up cache family and the JIT\n");
    b.append("# tier of the command named by $1.\n");
    b.append("case ${1:-} in\n");
    branches.forEach(
        (branch, names) ->
            b.append("  ")
                .append(String.join("|", names))
                .append(") ")
                .append(branch)
                .append(" ;;\n"));
    b.append("  *) family=main tier=1 ;;\nesac\n");
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
