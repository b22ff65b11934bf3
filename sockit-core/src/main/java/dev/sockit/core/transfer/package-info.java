/**
 * Files and folders over TCP: {@link dev.sockit.core.transfer.FileSender} offers a manifest (names,
 * sizes, modes), {@link dev.sockit.core.transfer.FileReceiver} checks every name against its target
 * folder, answers with what it already holds of each file (so an interrupted transfer resumes), and
 * each file then travels with its SHA-256. Data lands under a temporary name and is renamed only
 * after its checksum matched. The wire format is in {@code docs/transfer-protocol.md}.
 *
 * <pre>{@code
 * // one side
 * try (FileReceiver receiver = FileReceiver.bind(ReceiveOptions.loopback(9919, Path.of("inbox")))) {
 *   TransferSummary got = receiver.receiveOne(TransferProgress.NONE);
 * }
 * // the other side
 * FileSender.send(SendOptions.of(List.of(Path.of("photos")), "127.0.0.1", 9919), TransferProgress.NONE);
 * }</pre>
 */
package dev.sockit.core.transfer;
