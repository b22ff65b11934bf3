package dev.sockit.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One page's WebSocket: requests in, acknowledgements and batches out. A virtual thread sends a
 * batch every {@link #BATCH_MILLIS} ms when something changed, so the page gets a bounded number of
 * updates however fast the traffic is.
 */
final class UiSocket implements WsListener {
  /** How often a page gets new log entries and counters. */
  static final long BATCH_MILLIS = 150;

  private final Workspace workspace;
  private final AccessGuard guard;
  private final Workspace.Cursor cursor = new Workspace.Cursor();
  private final ReentrantLock sendLock = new ReentrantLock();
  private final StringBuilder partial = new StringBuilder();
  private volatile WsSession session;
  private volatile Thread ticker;

  UiSocket(Workspace workspace, AccessGuard guard) {
    this.workspace = workspace;
    this.guard = guard;
  }

  @Override
  public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers)
      throws WsUpgradeException {
    String token = prologue.query().contains("token") ? prologue.query().get("token") : null;
    AccessGuard.Verdict v =
        guard.check(
            headers.first(HeaderNames.HOST).orElse(null),
            headers.first(HeaderNames.ORIGIN).orElse(null),
            token,
            headers.first(HeaderNames.COOKIE).orElse(null),
            true);
    if (v != null) {
      throw new WsUpgradeException(v.reason());
    }
    return Optional.empty();
  }

  @Override
  public void onOpen(WsSession ws) {
    session = ws;
    ticker = Thread.ofVirtual().name("sockit-ui-batches").start(this::tick);
  }

  private void tick() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Map<String, Object> batch;
        synchronized (cursor) {
          batch = workspace.batch(cursor);
        }
        if (batch != null) {
          send(Json.write(batch));
        }
        Thread.sleep(BATCH_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      System.getLogger(UiSocket.class.getName()).log(System.Logger.Level.DEBUG, "page gone", e);
    }
  }

  @Override
  public void onMessage(WsSession ws, String text, boolean last) {
    partial.append(text);
    if (partial.length() > Payload.MAX_BYTES * 4) {
      partial.setLength(0);
      send(Json.write(Map.of("t", "error", "message", "message too large")));
      return;
    }
    if (!last) {
      return;
    }
    String request = partial.toString();
    partial.setLength(0);
    send(Json.write(workspace.handle(request)));
  }

  private void send(String text) {
    WsSession ws = session;
    if (ws == null) {
      return;
    }
    sendLock.lock();
    try {
      ws.send(text, true);
    } finally {
      sendLock.unlock();
    }
  }

  @Override
  public void onClose(WsSession ws, int status, String reason) {
    stop();
  }

  @Override
  public void onError(WsSession ws, Throwable t) {
    stop();
  }

  private void stop() {
    Thread t = ticker;
    if (t != null) {
      t.interrupt();
    }
  }
}
