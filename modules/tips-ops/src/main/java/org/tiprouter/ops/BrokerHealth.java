package org.tiprouter.ops;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Readiness of the connection to the Kafka cluster: the cluster answers a describe within two seconds. */
public final class BrokerHealth {

  /** The component name in {@code /health/ready}. */
  public static final String NAME = "kafka";

  private BrokerHealth() {}

  /** A check that asks the cluster for its id through {@code admin}. */
  public static HealthCheck of(Admin admin) {
    return HealthCheck.of(NAME, () -> answers(admin), () -> "broker connection");
  }

  private static boolean answers(Admin admin) {
    try {
      admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
