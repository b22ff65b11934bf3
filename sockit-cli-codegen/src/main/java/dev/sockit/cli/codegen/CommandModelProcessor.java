package dev.sockit.cli.codegen;

import dev.sockit.cli.codegen.Annotation.Unresolved;
import dev.sockit.cli.codegen.Annotation.Unsupported;
import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Writes, at compile time, the picocli model of every annotated sockit command (and of every class
 * of shared options) as code next to the class ({@link ModelWriter}), and from the class annotated
 * {@link CommandCatalogue} the catalogue's index and the launcher's shell fragment ({@link
 * CatalogueWriter}). picocli's own classes (compiled from source in the same module) are left to
 * picocli.
 *
 * <p>Option {@value #LAUNCHER_OPTION}: where to write the launcher's fragment (none: not written).
 */
@SupportedAnnotationTypes({
  ModelWriter.COMMAND,
  ModelWriter.OPTION,
  ModelWriter.PARAMETERS,
  ModelWriter.MIXIN,
  ModelWriter.ARG_GROUP,
  "dev.sockit.cli.codegen.CommandCatalogue"
})
@SupportedOptions(CommandModelProcessor.LAUNCHER_OPTION)
public final class CommandModelProcessor extends AbstractProcessor {
  /** The processor option naming the launcher fragment's path. */
  public static final String LAUNCHER_OPTION = "sockit.launcherFragment";

  private final Set<String> written = new HashSet<>();

  /** Made by javac through the service loader. */
  public CommandModelProcessor() {}

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    var elements = processingEnv.getElementUtils();
    var types = processingEnv.getTypeUtils();
    Set<TypeElement> classes = new LinkedHashSet<>();
    for (Element e : round.getElementsAnnotatedWith(elements.getTypeElement(ModelWriter.COMMAND))) {
      if (e instanceof TypeElement t) {
        classes.add(t);
      }
    }
    for (String a :
        List.of(
            ModelWriter.OPTION, ModelWriter.PARAMETERS, ModelWriter.MIXIN, ModelWriter.ARG_GROUP)) {
      TypeElement annotation = elements.getTypeElement(a);
      if (annotation == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        if (e.getEnclosingElement() instanceof TypeElement t) {
          classes.add(t);
        }
        // the class of a mixin or group gets its own companion even without options of its own
        boolean holder = a.equals(ModelWriter.MIXIN) || a.equals(ModelWriter.ARG_GROUP);
        if (holder
            && e.getKind() == ElementKind.FIELD
            && e.asType().getKind() == TypeKind.DECLARED) {
          classes.add((TypeElement) types.asElement(e.asType()));
        }
      }
    }
    for (TypeElement t : classes) {
      if (isPicocli(t) || !written.add(t.getQualifiedName().toString())) {
        continue;
      }
      try {
        write(ModelWriter.companion(t, elements), new ModelWriter(elements, types, t).write(), t);
      } catch (Unresolved e) {
        // javac reports the class it cannot find itself; a model written around it would only add
        // errors
        written.remove(t.getQualifiedName().toString());
      } catch (Unsupported e) {
        error(e);
      }
    }
    TypeElement catalogue = elements.getTypeElement("dev.sockit.cli.codegen.CommandCatalogue");
    for (Element e : round.getElementsAnnotatedWith(catalogue)) {
      try {
        CatalogueWriter w = new CatalogueWriter(elements, types, (TypeElement) e);
        write(w.indexName(), w.index(), e);
        String fragment = processingEnv.getOptions().get(LAUNCHER_OPTION);
        if (fragment != null && !fragment.isBlank()) {
          w.writeLauncherFragment(java.nio.file.Path.of(fragment));
        }
      } catch (Unresolved u) {
        // reported by javac
      } catch (Unsupported u) {
        error(u);
      } catch (IOException io) {
        processingEnv
            .getMessager()
            .printMessage(Diagnostic.Kind.ERROR, "cannot write the launcher fragment: " + io, e);
      }
    }
    return false; // picocli's annotations stay visible to any other processor
  }

  private static boolean isPicocli(TypeElement t) {
    return t.getQualifiedName().toString().startsWith("picocli.");
  }

  private void write(String name, String source, Element origin) {
    try {
      JavaFileObject file = processingEnv.getFiler().createSourceFile(name, origin);
      try (Writer w = file.openWriter()) {
        w.write(source);
      }
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(Diagnostic.Kind.ERROR, "cannot write " + name + ": " + e, origin);
    }
  }

  private void error(Unsupported e) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.getMessage(), e.element);
  }
}
