/**
 * Build time only: the annotation processor that sockit-cli's compilation runs. {@link
 * dev.sockit.cli.codegen.CommandModelProcessor} writes, next to every class with picocli
 * annotations, a {@code <Class>Model} that builds the same picocli model with picocli's builders
 * (so that no annotation is read when sockit starts), and from the class annotated {@link
 * dev.sockit.cli.codegen.CommandCatalogue} the catalogue's index and the launcher's shell fragment.
 * Nothing of this module is in the shipped jar but what it writes.
 *
 * <pre>{@code
 * @CommandCatalogue({
 *   @Entry(command = IpCommand.class, startup = OWN_CACHE),
 *   @Entry(command = TcpCommand.class, startup = NETCAT),
 * })
 * final class Catalogue {}
 * }</pre>
 */
package dev.sockit.cli.codegen;
