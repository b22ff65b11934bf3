/**
 * Text output shared by the commands: {@link dev.sockit.cli.text.JsonText} (what {@code --json}
 * prints), {@link dev.sockit.cli.text.Decimals} and {@link dev.sockit.cli.text.Sizes} (numbers as
 * people read them), {@link dev.sockit.cli.text.Terminal} (colour and progress only on a terminal),
 * {@link dev.sockit.cli.text.StatusLine} (the one redrawn line progress bars use) and {@link
 * dev.sockit.cli.text.ReportOut} (buffered output for one report).
 *
 * <pre>{@code
 * JsonText.print(ReportOut.of(spec), Map.of("ok", true));
 * }</pre>
 */
package dev.sockit.cli.text;
