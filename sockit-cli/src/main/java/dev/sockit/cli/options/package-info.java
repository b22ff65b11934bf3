/**
 * Options and arguments that several commands share, as picocli mixins read as typed fields: {@link
 * dev.sockit.cli.options.DebugOption} ({@code --debug}), {@link
 * dev.sockit.cli.options.FamilyOption} ({@code -4}/{@code -6}), {@link
 * dev.sockit.cli.options.EncodingOption} ({@code --encoding}); the converter for times ({@code
 * 500ms}, {@code 2s}) and the parsing of {@code HOST PORT} arguments ({@link
 * dev.sockit.cli.options.Targets}).
 *
 * <pre>{@code
 * @Mixin FamilyOption family;              // in a command class
 * TcpClient.resolve(host, family.family()); // in its call()
 * }</pre>
 */
package dev.sockit.cli.options;
