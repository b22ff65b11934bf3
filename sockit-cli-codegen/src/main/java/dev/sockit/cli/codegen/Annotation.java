package dev.sockit.cli.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * One annotation on one element, read at compile time: its values with the annotation type's
 * defaults filled in, and which attributes the source sets explicitly.
 */
final class Annotation {
  private final Element on;
  private final String type;
  private final Map<String, AnnotationValue> values = new LinkedHashMap<>();
  private final Set<String> written = new TreeSet<>();

  private Annotation(Element on, AnnotationMirror mirror, Elements elements) {
    this.on = on;
    this.type =
        ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      values.put(e.getKey().getSimpleName().toString(), e.getValue());
    }
    for (ExecutableElement e : mirror.getElementValues().keySet()) {
      written.add(e.getSimpleName().toString());
    }
  }

  /**
   * The annotation of type {@code qualifiedName} on {@code element}, or {@code null} if it has
   * none.
   */
  static Annotation on(Element element, String qualifiedName, Elements elements) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      TypeElement t = (TypeElement) m.getAnnotationType().asElement();
      if (t.getQualifiedName().contentEquals(qualifiedName)) {
        return new Annotation(element, m, elements);
      }
    }
    return null;
  }

  /** An annotation held as the value of another one (e.g. a catalogue entry). */
  static Annotation nested(Element on, AnnotationMirror mirror, Elements elements) {
    return new Annotation(on, mirror, elements);
  }

  /**
   * Fails when the source sets an attribute this generator does not write: the generated model
   * would silently differ from picocli's model of the annotations.
   */
  void allowOnly(Set<String> supported) {
    for (String name : written) {
      if (!supported.contains(name)) {
        throw new Unsupported(
            on,
            "@"
                + simpleType()
                + "("
                + name
                + " = ...) is not supported by the generated models; supported: "
                + new TreeSet<>(supported)
                + " (teach CommandModelProcessor, or leave it out)");
      }
    }
  }

  /** Whether the source sets {@code name} explicitly. */
  boolean written(String name) {
    return written.contains(name);
  }

  String simpleType() {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  String string(String name) {
    return (String) value(name);
  }

  boolean bool(String name) {
    return (Boolean) value(name);
  }

  int integer(String name) {
    return (Integer) value(name);
  }

  /** An array of strings (a single string written without braces is an array of one). */
  List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    for (AnnotationValue v : list(name)) {
      out.add((String) v.getValue());
    }
    return out;
  }

  TypeMirror type(String name) {
    return resolved(value(name));
  }

  List<TypeMirror> types(String name) {
    List<TypeMirror> out = new ArrayList<>();
    for (AnnotationValue v : list(name)) {
      out.add(resolved(v.getValue()));
    }
    return out;
  }

  /** A class literal's type; javac holds one it cannot resolve (yet) as a string or error type. */
  private TypeMirror resolved(Object value) {
    if (value instanceof TypeMirror t && t.getKind() != TypeKind.ERROR) {
      return t;
    }
    throw new Unresolved(on, "@" + simpleType() + " names a class that does not resolve: " + value);
  }

  /** The name of an enum constant. */
  String constant(String name) {
    return ((VariableElement) value(name)).getSimpleName().toString();
  }

  List<AnnotationMirror> annotations(String name) {
    List<AnnotationMirror> out = new ArrayList<>();
    for (AnnotationValue v : list(name)) {
      out.add((AnnotationMirror) v.getValue());
    }
    return out;
  }

  private Object value(String name) {
    AnnotationValue v = values.get(name);
    if (v == null) {
      throw new IllegalStateException("@" + simpleType() + " has no attribute " + name);
    }
    return v.getValue();
  }

  @SuppressWarnings("unchecked")
  private List<? extends AnnotationValue> list(String name) {
    return (List<? extends AnnotationValue>) value(name);
  }

  /**
   * A class that does not resolve: javac reports it itself after processing, or resolves it in a
   * later round (a generated class).
   */
  static final class Unresolved extends Unsupported {
    private static final long serialVersionUID = 1L;

    Unresolved(Element element, String message) {
      super(element, message);
    }
  }

  /** A source construct the generator cannot turn into code, reported as a compile error on it. */
  static class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where the error is reported. */
    final transient Element element;

    Unsupported(Element element, String message) {
      super(message);
      this.element = element;
    }
  }
}
