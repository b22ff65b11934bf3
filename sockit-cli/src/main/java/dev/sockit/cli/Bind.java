package dev.sockit.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/**
 * Reads and writes one field of a command for picocli: what picocli's annotation reader does by
 * reflection, done by the code in {@link GeneratedModels}.
 *
 * @param <T> the field's type (boxed for primitives)
 */
final class Bind<T> implements IGetter, ISetter {
  private final Supplier<T> get;
  private final Consumer<T> set;

  Bind(Supplier<T> get, Consumer<T> set) {
    this.get = get;
    this.set = set;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> R get() {
    return (R) get.get();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> R set(R value) {
    R old = (R) get.get();
    set.accept((T) value);
    return old;
  }
}
