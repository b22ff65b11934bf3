package dev.sockit.cli.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor run by javac on small annotated classes: what it writes, and that what it cannot
 * write faithfully is a compile error on the element (sockit-cli's {@code CommandModelsTest} checks
 * the real commands' models against picocli's).
 */
class CommandModelProcessorTest {
  @TempDir Path out;

  /** One compilation: its errors, and the generated sources by file name. */
  private record Result(List<String> errors, Path generated) {
    String source(String path) throws IOException {
      return Files.readString(generated.resolve(path));
    }
  }

  private Result compile(String... sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> files = new ArrayList<>();
    for (String s : sources) {
      String name = s.replaceAll("(?s).*?(?:class|@interface) (\\w+).*", "$1");
      String pkg = s.replaceAll("(?s)^package ([\\w.]+);.*", "$1");
      String path = pkg.replace('.', '/') + "/" + name + ".java";
      files.add(
          new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return s;
            }
          });
    }
    Path classes = Files.createDirectories(out.resolve("classes"));
    Path generated = Files.createDirectories(out.resolve("generated"));
    List<String> options =
        List.of(
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            "-s",
            generated.toString(),
            "-A" + CommandModelProcessor.LAUNCHER_OPTION + "=" + out.resolve("commands.sh"));
    JavaCompiler.CompilationTask task =
        javac.getTask(null, null, diagnostics, options, null, files);
    task.setProcessors(List.of(new CommandModelProcessor()));
    task.call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getMessage(Locale.ROOT));
      }
    }
    return new Result(errors, generated);
  }

  private static final String HELLO =
      """
      package demo;

      import java.util.List;
      import picocli.CommandLine.Command;
      import picocli.CommandLine.Model.CommandSpec;
      import picocli.CommandLine.Mixin;
      import picocli.CommandLine.Option;
      import picocli.CommandLine.Parameters;
      import picocli.CommandLine.Spec;

      @Command(name = "hello", mixinStandardHelpOptions = true, header = "Greet.")
      public final class HelloCommand implements Runnable {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Who.") List<String> names;
        @Option(names = {"-n", "--times"}, defaultValue = "1", description = "How often.") int times;
        @Mixin Loud loud;
        public void run() {}
      }
      """;

  private static final String LOUD =
      """
      package demo;

      import picocli.CommandLine.Option;

      public final class Loud {
        @Option(names = "--loud", description = "Shout.") boolean loud;
      }
      """;

  @Test
  void writesAModelForACommandAndForItsMixin() throws IOException {
    Result r = compile(HELLO, LOUD);
    assertThat(r.errors()).isEmpty();
    assertThat(r.source("demo/HelloCommandModel.java"))
        .contains("public static CommandSpec spec()")
        .contains("CommandSpec.wrapWithoutInspection(command).name(\"hello\")")
        .contains("command.spec = spec;")
        .contains("OptionSpec.builder(\"-n\", \"--times\")")
        .contains(".defaultValue(\"1\")")
        .contains(".auxiliaryTypes(java.lang.String.class)")
        .contains("demo.LoudModel.args(command.loud)")
        .contains("case 1 -> target.times = (java.lang.Integer) value;");
    assertThat(r.source("demo/LoudModel.java")).contains("public static List<ArgSpec> args(");
  }

  @Test
  void anAttributeItDoesNotWriteIsACompileError() throws IOException {
    Result r =
        compile(
            """
            package demo;

            import picocli.CommandLine.Command;
            import picocli.CommandLine.Option;

            @Command(name = "x")
            final class X {
              @Option(names = "--color", negatable = true) boolean color;
            }
            """);
    assertThat(r.errors())
        .singleElement()
        .asString()
        .contains("@Option(negatable = ...) is not supported by the generated models");
  }

  @Test
  void aPrivateFieldIsACompileError() throws IOException {
    Result r =
        compile(
            """
            package demo;

            import picocli.CommandLine.Command;
            import picocli.CommandLine.Option;

            @Command(name = "x")
            final class X {
              @Option(names = "--a") private int a;
            }
            """);
    assertThat(r.errors()).singleElement().asString().contains("must not be private");
  }

  @Test
  void theCatalogueGivesAnIndexAndTheLauncherFragment() throws IOException {
    Result r =
        compile(
            HELLO,
            LOUD,
            """
            package demo;

            import dev.sockit.cli.codegen.CommandCatalogue;
            import dev.sockit.cli.codegen.CommandCatalogue.Entry;
            import dev.sockit.cli.codegen.CommandCatalogue.Startup;

            @CommandCatalogue({
              @Entry(command = HelloCommand.class, startup = Startup.OWN_CACHE),
              @Entry(command = picocli.CommandLine.HelpCommand.class, startup = Startup.SHARED)
            })
            final class Catalogue {}
            """);
    assertThat(r.errors()).isEmpty();
    assertThat(r.source("demo/CatalogueIndex.java"))
        .contains("List.of(\"hello\", \"help\")")
        .contains("case \"hello\" -> demo.HelloCommandModel.spec();")
        .contains("case \"help\" -> new picocli.CommandLine.HelpCommand();")
        .contains("case \"hello\" -> \"hello\";");
    assertThat(Files.readString(out.resolve("commands.sh")))
        .contains("  hello) family=$1 tier=1 ;;\n")
        .contains("  help) family=main tier=1 ;;\n")
        .contains("  *) family=main tier=1 ;;\nesac\n");
  }

  @Test
  void aNameListedTwiceIsACompileError() throws IOException {
    Result r =
        compile(
            HELLO,
            LOUD,
            """
            package demo;

            import dev.sockit.cli.codegen.CommandCatalogue;
            import dev.sockit.cli.codegen.CommandCatalogue.Entry;
            import dev.sockit.cli.codegen.CommandCatalogue.Startup;

            @CommandCatalogue({
              @Entry(command = HelloCommand.class, startup = Startup.SHARED),
              @Entry(command = HelloCommand.class, startup = Startup.NETCAT)
            })
            final class Catalogue {}
            """);
    assertThat(r.errors()).singleElement().asString().contains("'hello' is listed twice");
  }
}
