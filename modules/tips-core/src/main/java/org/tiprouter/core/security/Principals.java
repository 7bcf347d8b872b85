package org.tiprouter.core.security;

import java.util.List;
import java.util.Optional;
import org.tiprouter.core.Stage;
import org.tiprouter.core.topics.TopicFlows;
import org.tiprouter.core.topics.TopicNames;

/**
 * The fixed names of tiprouter's Kafka users. Deployment files use them: never rename one. A Kafka
 * principal is {@code User:<name>}.
 */
public final class Principals {

  /** The super user: provisioning, the directory loader, audit and operator commands. */
  public static final String ADMIN = "admin";
  /** The operations observer and lag monitor. */
  public static final String OPS = "ops";
  /** The consumer group of the operations observer ({@code PipelineObserver}). */
  public static final String OPS_GROUP = "tiprouter-ops";
  /** Prefix of every agency's user: {@code agency-<agencyId>}. */
  public static final String AGENCY_PREFIX = "agency-";

  private Principals() {}

  /** {@code User:<name>}. */
  public static String user(String name) {
    return "User:" + name;
  }

  /** The user of a stream stage: its stage id ({@code normalise}, {@code classify}, {@code route}). */
  public static String stage(Stage stage) {
    if (stage == Stage.INGEST) {
      throw new IllegalArgumentException("The ingest stage has one user per intake: intake-web, intake-phone, "
          + "intake-cybertipline");
    }
    return stage.id();
  }

  /** The user of an agency: {@code agency-<agencyId>}. */
  public static String agency(String agencyId) {
    if (!TopicNames.isValidAgencyId(agencyId)) {
      throw new IllegalArgumentException("Invalid agency id '" + agencyId + "'");
    }
    return AGENCY_PREFIX + agencyId;
  }

  /** The agency id of an agency user's name, if {@code name} is one. */
  public static Optional<String> agencyIdOf(String name) {
    if (name.startsWith(AGENCY_PREFIX)) {
      String id = name.substring(AGENCY_PREFIX.length());
      return TopicNames.isValidAgencyId(id) ? Optional.of(id) : Optional.empty();
    }
    return Optional.empty();
  }

  /** Every user that is not an agency's: the stages, the intakes and ops (admin excluded). */
  public static List<String> pipeline() {
    return List.of(TopicFlows.INTAKE_WEB, TopicFlows.INTAKE_PHONE, TopicFlows.INTAKE_CYBERTIPLINE,
        stage(Stage.NORMALISE), stage(Stage.CLASSIFY), stage(Stage.ROUTE), OPS);
  }

  /** True for a user tiprouter provisions (a pipeline user or an agency's); admin is not one. */
  public static boolean isManaged(String name) {
    return pipeline().contains(name) || agencyIdOf(name).isPresent();
  }
}
