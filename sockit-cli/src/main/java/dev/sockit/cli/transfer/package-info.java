/**
 * {@code send} and {@code receive}: files and folders over sockit's checked transfer protocol
 * (docs/transfer-protocol.md), with a progress bar on a terminal and one summary line or JSON.
 *
 * <pre>{@code
 * sockit receive 0 --into /tmp/in      # prints the port it listens on
 * sockit send notes.txt 127.0.0.1:PORT
 * }</pre>
 */
package dev.sockit.cli.transfer;
