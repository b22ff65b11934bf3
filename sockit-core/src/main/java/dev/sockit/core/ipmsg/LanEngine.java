package dev.sockit.core.ipmsg;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.udp.Datagram;
import dev.sockit.core.udp.DatagramEndpoint;
import dev.sockit.core.udp.UdpOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IPMsg-compatible LAN messenger: finds who is on the LAN, exchanges acknowledged messages, and
 * offers and fetches files and folders, with FeiQ, 内网通, iptux and IP Messenger as peers.
 *
 * <p>Lifecycle: {@link #open} binds UDP and TCP on the port (2425 for every IPMsg client); {@link
 * #subscribe} views; {@link #start} starts receiving and announces this engine with {@code
 * BR_ENTRY} to the addresses in {@link LanOptions#announceTo()} (and nowhere else); {@link #close}
 * sends {@code BR_EXIT} to them and to every known peer, and stops.
 *
 * <p>Threads: one platform thread receives datagrams, one serves file connections (a virtual thread
 * each), one timer thread resends unacknowledged messages; downloads run on virtual threads.
 *
 * <pre>{@code
 * LanOptions o = LanOptions.of("alice", "alice", "pc1")
 *     .withAnnounceTo(List.of(InetAddress.getByName("192.168.1.255")));
 * try (LanEngine lan = LanEngine.open(o)) {
 *   lan.subscribe(e -> { if (e instanceof LanEvent.MessageReceived m) System.out.println(m.text()); });
 *   lan.start();
 *   lan.send(lan.resolve("bob"), "hello", false).join();   // acknowledged, or LanException
 * }
 * }</pre>
 */
public final class LanEngine implements AutoCloseable {
  /** The version field sockit writes: {@code 1_} first, as FeiQ only lists such clients. */
  public static final String VERSION = "1_sockit";

  private static final System.Logger LOG = System.getLogger(LanEngine.class.getName());

  private final LanOptions options;
  private final DatagramEndpoint udp;
  private final FileServer server;
  private final PresenceTable table;
  private final CopyOnWriteArrayList<LanListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private final Outbox outbox;
  private final SharedFiles shared;
  private final Downloads downloads;
  private final Inbox inbox = new Inbox(this);
  private final Map<Integer, Offer> offers;
  private final Map<String, Boolean> sealed;
  private final AtomicInteger offerIds = new AtomicInteger();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean absent;
  private volatile Set<InetAddress> localAddresses = Set.of();
  private Thread receiver;

  private LanEngine(LanOptions options, DatagramEndpoint udp, ServerSocketChannel tcp) {
    this.options = options;
    this.udp = udp;
    this.table = new PresenceTable(options.limits().maxPeers());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("sockit-lan-timer").daemon().unstarted(r));
    this.outbox = new Outbox(udp, options, VERSION, this::publish, timer);
    this.shared = new SharedFiles(options.limits().maxOffers());
    this.server = new FileServer(tcp, this);
    this.downloads = new Downloads(this);
    this.offers = boundedMap(options.limits().maxOffers());
    this.sealed = boundedMap(1024);
  }

  private static <K, V> Map<K, V> boundedMap(int max) {
    return java.util.Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > max;
          }
        });
  }

  /**
   * Binds UDP (with {@code SO_BROADCAST}) and TCP on the options' address and port; with port 0
   * both get one free port.
   *
   * @param options who this engine is and where it announces
   * @return the engine, bound but not receiving yet
   * @throws BindException naming the port when it is taken (another IPMsg client runs here?)
   * @throws IOException if binding fails otherwise
   */
  public static LanEngine open(LanOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    IOException last = null;
    for (int attempt = 0; attempt < (options.port() == 0 ? 10 : 1); attempt++) {
      DatagramEndpoint udp =
          DatagramEndpoint.open(
              UdpOptions.bound(new InetSocketAddress(options.bind(), options.port()))
                  .withBroadcast(true));
      ServerSocketChannel tcp = ServerSocketChannel.open();
      try {
        tcp.bind(new InetSocketAddress(options.bind(), udp.localAddress().getPort()), 50);
        LanEngine engine = new LanEngine(options, udp, tcp);
        engine.refreshLocalAddresses();
        return engine;
      } catch (BindException e) {
        udp.close();
        tcp.close();
        last =
            new BindException(
                "TCP "
                    + SocketAddresses.format(
                        new InetSocketAddress(options.bind(), udp.localAddress().getPort()))
                    + " is in use (another IPMsg client?): IPMsg needs UDP and TCP on one port");
      } catch (IOException | RuntimeException e) {
        udp.close();
        tcp.close();
        throw e;
      }
    }
    throw last;
  }

  /**
   * Adds a listener until the returned subscription is closed.
   *
   * @param listener the listener
   * @return closing it removes the listener
   */
  public TrafficBus.Subscription subscribe(LanListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.getAndSet(false)) {
        listeners.remove(listener);
      }
    };
  }

  /**
   * Starts receiving and serving files, and announces this engine.
   *
   * @throws IOException if the first announcement cannot be sent
   * @throws IllegalStateException if started twice or closed
   */
  public void start() throws IOException {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("the engine is already started or closed");
    }
    receiver = Thread.ofPlatform().name("sockit-lan-udp").daemon().start(this::receive);
    server.start();
    timer.scheduleWithFixedDelay(this::refreshLocalAddresses, 30, 30, TimeUnit.SECONDS);
    announce();
  }

  private void receive() {
    while (!closed.get()) {
      try {
        Datagram d = udp.receive(null);
        if (d != null) {
          inbox.handle(d.sender(), d.data());
        }
      } catch (IOException e) {
        if (!closed.get()) {
          notice("receiving on UDP port " + port() + " failed: " + e.getMessage());
        }
        return;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a datagram could not be handled", e);
      }
    }
  }

  /**
   * Sends {@code BR_ENTRY} to every address of {@link LanOptions#announceTo()}.
   *
   * @throws IOException if sending to one of them fails (the others are still tried)
   */
  public void announce() throws IOException {
    broadcast(IpmsgCommand.BR_ENTRY);
  }

  /**
   * Sends {@code BR_ENTRY} to one address (a host or a broadcast address), as IPMsg clients do for
   * networks a broadcast does not reach.
   *
   * @param to the address and port
   * @throws IOException if sending fails
   */
  public void announce(InetSocketAddress to) throws IOException {
    sendEntry(IpmsgCommand.BR_ENTRY, to, options.legacy());
  }

  private void broadcast(int mode) throws IOException {
    IOException failed = null;
    for (InetAddress a : options.announceTo()) {
      try {
        sendEntry(mode, new InetSocketAddress(a, port()), options.legacy());
      } catch (IOException e) {
        failed = failed == null ? e : failed;
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Sends an entry-type packet (our nickname, group and the UTF-8 extension) to {@code to}. */
  void sendEntry(int mode, InetSocketAddress to, Charset charset) throws IOException {
    outbox.send(
        outbox.packet(
            Compose.entryCommand(mode, absent, charset),
            Compose.entryExtra(mode, options, charset),
            charset),
        to);
  }

  /** Sends a reference packet ({@code RECVMSG}, {@code READMSG}...) naming {@code packetNo}. */
  void sendReference(int mode, InetSocketAddress to, long packetNo, Charset charset)
      throws IOException {
    outbox.send(outbox.packet(mode, Compose.reference(packetNo), charset), to);
  }

  /** Sends a text packet ({@code SENDINFO}...). */
  void sendText(int mode, InetSocketAddress to, String text, Charset charset) throws IOException {
    outbox.send(outbox.packet(mode, (text + "\0").getBytes(charset), charset), to);
  }

  /** The text sent in answer to {@code GETINFO}. */
  String info() {
    return "sockit, an IPMsg-compatible LAN messenger (" + VERSION + ")";
  }

  /** The engine's options. */
  public LanOptions options() {
    return options;
  }

  /** The UDP and TCP port. */
  public int port() {
    return udp.localAddress().getPort();
  }

  /** The bound UDP address. */
  public InetSocketAddress localAddress() {
    return udp.localAddress();
  }

  /** The socket-level events of the UDP endpoint (the traffic bus every sockit view reads). */
  public TrafficBus traffic() {
    return udp.events();
  }

  /** Everyone on the LAN, in the order they appeared. */
  public List<LanPeer> peers() {
    return table.all();
  }

  /** How many peers were not listed because the table was full. */
  public long refusedPeers() {
    return table.refused();
  }

  /**
   * The peer a person means: an IP address, a peer id, or a nickname (exact, else ignoring case).
   *
   * @param query what the user typed
   * @return the peer
   * @throws LanException when nobody or several peers match, naming them
   */
  public LanPeer resolve(String query) throws LanException {
    Objects.requireNonNull(query, "query");
    return PeerQuery.resolve(table.all(), query);
  }

  /**
   * Sends a message and waits for its acknowledgement in the background.
   *
   * @param to the peer
   * @param text the text
   * @param seal whether to seal it: the reader's client sends a read receipt when it is opened
   * @return completes with the delivery, or with a {@link LanException} after the retries
   */
  public CompletableFuture<Delivery> send(LanPeer to, String text, boolean seal) {
    Objects.requireNonNull(to, "to");
    return sendMessage(to.address(), to.sendCharset(options.legacy()), text, seal, List.of(), null);
  }

  /**
   * Sends a message to an address, whether or not that peer was heard yet (in the legacy code page
   * unless the peer there is known to read UTF-8).
   *
   * @param to the address and port
   * @param text the text
   * @return completes with the delivery, or with a {@link LanException} after the retries
   */
  public CompletableFuture<Delivery> send(InetSocketAddress to, String text) {
    Objects.requireNonNull(to, "to");
    LanPeer known = table.at(to.getAddress());
    Charset cs = known != null ? known.sendCharset(options.legacy()) : options.legacy();
    return sendMessage(to, cs, text, false, List.of(), null);
  }

  /**
   * Offers files and folders in a message; the peer fetches them over TCP from this engine's port,
   * and only the peer it was offered to may.
   *
   * @param to the peer
   * @param text the message text (may be empty)
   * @param paths regular files and folders
   * @return completes when the offer is acknowledged
   * @throws IOException naming a path that is not a readable file or folder
   */
  public CompletableFuture<Delivery> sendFiles(LanPeer to, String text, List<Path> paths)
      throws IOException {
    Objects.requireNonNull(to, "to");
    List<Attachment> files = SharedFiles.describe(paths);
    Set<InetAddress> allowed = new HashSet<>();
    to.addresses().forEach(a -> allowed.add(a.getAddress()));
    return sendMessage(
        to.address(),
        to.sendCharset(options.legacy()),
        text,
        false,
        files,
        no -> shared.register(no, to.id(), allowed, paths, files));
  }

  private CompletableFuture<Delivery> sendMessage(
      InetSocketAddress to,
      Charset cs,
      String text,
      boolean seal,
      List<Attachment> files,
      java.util.function.LongConsumer beforeSend) {
    Objects.requireNonNull(text, "text");
    long command = Compose.messageCommand(seal, !files.isEmpty(), cs);
    byte[] extra = Compose.messageExtra(text, files, cs);
    IpmsgPacket packet = outbox.packet(command, extra, cs);
    if (beforeSend != null) {
      beforeSend.accept(packet.packetNo());
    }
    return outbox.sendChecked(packet, to);
  }

  /** Offers received and still kept, oldest first. */
  public List<Offer> offers() {
    synchronized (offers) {
      return new ArrayList<>(offers.values());
    }
  }

  /**
   * Downloads one offered file or folder into {@code folder}, resuming a file from what an earlier
   * attempt left; the file gets its final name only when all of it arrived, and nothing existing is
   * overwritten (a taken name becomes {@code name (2)}).
   *
   * @param offer the offer
   * @param index which of its files (from 0)
   * @param folder where to save
   * @return completes with the finished transfer, or exceptionally naming what failed
   */
  public CompletableFuture<LanEvent.TransferFinished> download(
      Offer offer, int index, Path folder) {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(folder, "folder");
    Objects.checkIndex(index, offer.files().size());
    return downloads.start(offer, offer.files().get(index), folder);
  }

  /**
   * Tells the offering peer its files will not be fetched ({@code RELEASEFILES}) and forgets the
   * offer.
   *
   * @param offer the offer
   * @throws IOException if sending fails
   */
  public void release(Offer offer) throws IOException {
    offers.remove(offer.id());
    sendReference(
        IpmsgCommand.RELEASEFILES,
        offer.from().address(),
        offer.packetNo(),
        StandardCharsets.US_ASCII);
  }

  /**
   * Sends the read receipt ({@code READMSG}) of a sealed message.
   *
   * @param message the message, as its event told
   * @throws IOException if sending fails
   */
  public void markRead(LanEvent.MessageReceived message) throws IOException {
    String key = key(message.from().address(), message.packetNo());
    Boolean readCheck = sealed.remove(key);
    if (readCheck == null) {
      return; // not sealed, or already read
    }
    long mode = IpmsgCommand.READMSG | (readCheck ? IpmsgCommand.READCHECKOPT : 0);
    byte[] extra = Compose.reference(message.packetNo());
    outbox.send(outbox.packet(mode, extra, StandardCharsets.US_ASCII), message.from().address());
  }

  /**
   * Marks this engine absent or back, telling the announce addresses and every known peer.
   *
   * @param value whether absent
   * @throws IOException if sending fails
   */
  public void setAbsent(boolean value) throws IOException {
    absent = value;
    broadcast(IpmsgCommand.BR_ABSENCE);
    for (LanPeer p : table.all()) {
      sendEntry(IpmsgCommand.BR_ABSENCE, p.address(), p.sendCharset(options.legacy()));
    }
  }

  /**
   * Sets the charset for a peer whose client guesses wrong, instead of the one learned.
   *
   * @param peer the peer
   * @param charset the charset (UTF-8 also sets {@link IpmsgCommand#UTF8OPT} on what is sent)
   * @return the peer as it is now
   * @throws LanException if the peer is no longer listed
   */
  public LanPeer setCharset(LanPeer peer, Charset charset) throws LanException {
    LanPeer p = table.force(peer.id(), charset);
    if (p == null) {
      throw new LanException(peer.nick() + " is no longer listed");
    }
    return p;
  }

  // ---- package-private: for Inbox, FileServer and Downloads

  PresenceTable table() {
    return table;
  }

  Outbox outbox() {
    return outbox;
  }

  SharedFiles shared() {
    return shared;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  void publish(LanEvent event) {
    for (LanListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a LAN listener failed", e);
      }
    }
  }

  void notice(String message) {
    publish(new LanEvent.Notice(Instant.now(), message));
  }

  Offer addOffer(LanPeer peer, IpmsgPacket p, IpmsgBody.Message m, Instant now) {
    Offer o =
        new Offer(offerIds.incrementAndGet(), peer, p.packetNo(), m.text(), m.attachments(), now);
    offers.put(o.id(), o);
    return o;
  }

  void autoAccept(Offer offer) {
    if (options.autoAccept() != null) {
      for (Attachment a : offer.files()) {
        downloads.start(offer, a, options.autoAccept());
      }
    }
  }

  void rememberSealed(InetSocketAddress from, long packetNo, boolean readCheck) {
    sealed.put(key(from, packetNo), readCheck);
  }

  private static String key(InetSocketAddress from, long packetNo) {
    return from.getAddress().getHostAddress() + "#" + packetNo;
  }

  void released(InetAddress from, long packetNo) {
    shared.release(packetNo, from);
  }

  /** Whether a datagram came from this engine itself (a broadcast looped back). */
  boolean isSelf(InetSocketAddress from) {
    return from.getPort() == port() && localAddresses.contains(from.getAddress());
  }

  private void refreshLocalAddresses() {
    Set<InetAddress> set = new HashSet<>();
    try {
      for (NetworkInterface ni :
          java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
        set.addAll(java.util.Collections.list(ni.getInetAddresses()));
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot list this host's addresses", e);
    }
    localAddresses = Set.copyOf(set);
  }

  /**
   * Says goodbye ({@code BR_EXIT} to the announce addresses and every known peer), stops the
   * threads and closes the sockets. Idempotent.
   *
   * @throws IOException if closing a socket fails
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    IOException failure = null;
    if (started.get()) {
      try {
        broadcast(IpmsgCommand.BR_EXIT);
        for (LanPeer p : table.all()) {
          sendEntry(IpmsgCommand.BR_EXIT, p.address(), p.sendCharset(options.legacy()));
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "the goodbye could not be sent everywhere", e);
      }
    }
    outbox.closeAll();
    timer.shutdownNow();
    downloads.close();
    try {
      server.close();
    } catch (IOException e) {
      failure = e;
    }
    try {
      udp.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (receiver != null) {
      try {
        receiver.join(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
