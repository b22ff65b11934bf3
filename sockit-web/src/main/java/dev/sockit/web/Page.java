package dev.sockit.web;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open page of the assistant: its WebSocket, what it has seen of each session, and whether a
 * batch is on its way to it. Requests are answered on the socket's reader thread; batches are sent
 * by the {@link PageHub}, at most one at a time per page, so a page that reads slowly holds up
 * nobody but itself.
 */
final class Page {
  private final Workspace workspace;
  private final PageHub hub;
  private final String host;
  private final Workspace.Cursor cursor = new Workspace.Cursor();
  private final AtomicBoolean sending = new AtomicBoolean();
  private volatile PageSocket socket;

  /**
   * @param host the {@code Host} the page was loaded from (checked by the access guard), for links
   *     made for another browser
   */
  Page(Workspace workspace, PageHub hub, String host) {
    this.workspace = workspace;
    this.hub = hub;
    this.host = host;
  }

  /** The socket is up: the page starts getting batches. */
  void opened(PageSocket s) {
    socket = s;
    hub.add(this);
  }

  /** The socket has ended, whichever way: the page gets nothing more. */
  void ended() {
    hub.remove(this);
  }

  /** One request from the page; the answer goes straight back. */
  void message(String text) {
    socket.sendText(Json.write(workspace.handle(text, this::newLink)));
  }

  private String newLink() {
    return "http://" + host + "/?token=" + hub.newLinkToken();
  }

  /** What this page has seen; used by the hub's thread only. */
  Workspace.Cursor cursor() {
    return cursor;
  }

  /** Claims the right to send the next batch; {@code false} while one is still on its way. */
  boolean startSending() {
    return sending.compareAndSet(false, true);
  }

  /** Sends {@code batch} (the claim from {@link #startSending()} is given back either way). */
  void sendBatch(String batch) {
    try {
      socket.sendText(batch);
    } catch (RuntimeException e) {
      socket.abort(); // gone or broken: its reader thread ends and tells the hub
    } finally {
      sending.set(false);
    }
  }

  /** Gives back a claim when there was nothing to send. */
  void nothingToSend() {
    sending.set(false);
  }
}
