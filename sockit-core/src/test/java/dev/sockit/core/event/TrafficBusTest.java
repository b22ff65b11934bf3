package dev.sockit.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.net.Transport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficBusTest {
  private static final TrafficEvent EVENT =
      new TrafficEvent.Bound(Instant.now(), 0, new InetSocketAddress("127.0.0.1", 9));

  @Test
  void isActiveAndWantsPayloadFollowTheSubscribers() {
    TrafficBus bus = new TrafficBus();
    assertThat(bus.isActive()).isFalse();
    assertThat(bus.wantsPayload()).isFalse();

    TrafficBus.Subscription counting = bus.subscribe(e -> {});
    assertThat(bus.isActive()).isTrue();
    assertThat(bus.wantsPayload()).isFalse();

    TrafficBus.Subscription copying = bus.subscribe(TrafficListener.withPayload(e -> {}));
    assertThat(bus.wantsPayload()).isTrue();

    copying.close();
    assertThat(bus.wantsPayload()).isFalse();
    assertThat(bus.isActive()).isTrue();
    counting.close();
    assertThat(bus.isActive()).isFalse();
  }

  @Test
  void deliversInSubscriptionOrderAndStopsAfterClose() {
    TrafficBus bus = new TrafficBus();
    List<String> seen = new ArrayList<>();
    TrafficBus.Subscription a = bus.subscribe(e -> seen.add("a"));
    bus.subscribe(e -> seen.add("b"));
    bus.publish(EVENT);
    a.close();
    bus.publish(EVENT);
    assertThat(seen).containsExactly("a", "b", "b");
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthers() {
    TrafficBus bus = new TrafficBus();
    List<TrafficEvent> seen = new ArrayList<>();
    bus.subscribe(
        e -> {
          throw new IllegalStateException("broken view");
        });
    bus.subscribe(seen::add);
    bus.publish(EVENT);
    assertThat(seen).containsExactly(EVENT);
  }

  @Test
  void closingASubscriptionTwiceRemovesOnlyItsOwnListener() {
    TrafficBus bus = new TrafficBus();
    List<TrafficEvent> seen = new ArrayList<>();
    TrafficListener listener = seen::add;
    TrafficBus.Subscription first = bus.subscribe(listener);
    bus.subscribe(listener); // the same view subscribed a second time
    first.close();
    first.close(); // documented as idempotent
    bus.publish(EVENT);
    assertThat(seen).containsExactly(EVENT);
    assertThat(bus.isActive()).isTrue();
  }

  @Test
  void payloadEventsTakeTheirArrayAndHandOutCopiesOrReadOnlyViews() {
    byte[] data = {1, 2, 3};
    TrafficEvent.Received received =
        new TrafficEvent.Received(Instant.now(), 1, null, null, 3, data);
    // One copy per event: the producer hands its array over (documented ownership) ...
    assertThat(received.payload().remaining()).isEqualTo(3);
    // ... and no view can change what another view sees.
    received.data()[1] = 9;
    assertThat(received.data()).containsExactly(1, 2, 3);
    assertThat(received.payload().isReadOnly()).isTrue();
    assertThatThrownBy(() -> received.payload().put(0, (byte) 9))
        .isInstanceOf(java.nio.ReadOnlyBufferException.class);
    assertThat(new TrafficEvent.Sent(Instant.now(), 1, null, null, 3, null).data()).isEmpty();
  }

  @Test
  void rejectsNulls() {
    assertThatThrownBy(() -> new TrafficBus().subscribe(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TrafficListener.withPayload(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void transportLabelsAreLowerCase() {
    assertThat(Transport.UNIX.label()).isEqualTo("unix");
  }
}
