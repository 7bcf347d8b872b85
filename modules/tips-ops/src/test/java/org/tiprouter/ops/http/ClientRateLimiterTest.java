package org.tiprouter.ops.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final ClientRateLimiter limiter = new ClientRateLimiter(3, Duration.ofMinutes(3), 2, now::get);

  @Test
  void allowsTheConfiguredBurstThenRefusesWithTheSecondsUntilTheNextToken() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("192.0.2.1").allowed()).isTrue();
    }
    ClientRateLimiter.Decision refused = limiter.tryAcquire("192.0.2.1");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(60);
  }

  @Test
  void refillsEvenlyOverTheWindow() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("192.0.2.1");
    }
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(limiter.tryAcquire("192.0.2.1").retryAfterSeconds()).isEqualTo(30);

    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(limiter.tryAcquire("192.0.2.1").allowed()).isTrue();
    assertThat(limiter.tryAcquire("192.0.2.1").allowed()).isFalse();
  }

  @Test
  void countsEachClientApart() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("192.0.2.1");
    }

    assertThat(limiter.tryAcquire("192.0.2.1").allowed()).isFalse();
    assertThat(limiter.tryAcquire("2001:db8::1").allowed()).isTrue();
  }

  @Test
  void remembersAtMostTheConfiguredNumberOfClientsForgettingTheLeastRecent() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("192.0.2.1");
    }
    limiter.tryAcquire("192.0.2.2");
    limiter.tryAcquire("192.0.2.3");

    assertThat(limiter.clients()).isEqualTo(2);
    assertThat(limiter.tryAcquire("192.0.2.1").allowed()).isTrue();
  }

  @Test
  void keysAreKeyedHashesNotAddresses() {
    ClientRateLimiter another = new ClientRateLimiter(1, Duration.ofMinutes(1), 10, now::get);
    another.tryAcquire("192.0.2.1");

    assertThat(another.toString()).doesNotContain("192.0.2.1");
    assertThat(another.tryAcquire("192.0.2.1").allowed()).isFalse();
  }
}
