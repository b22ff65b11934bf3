/**
 * {@code ui}: starts the browser network debugging assistant of {@code sockit-web} on loopback and
 * prints its address (docs/ui.md).
 *
 * <pre>{@code
 * sockit ui --port 0
 * }</pre>
 */
package dev.sockit.cli.ui;
