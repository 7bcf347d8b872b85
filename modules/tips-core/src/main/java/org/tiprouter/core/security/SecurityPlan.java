package org.tiprouter.core.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.tiprouter.core.Stage;
import org.tiprouter.core.topics.TopicFlows;
import org.tiprouter.core.topics.TopicNames;

/**
 * The users and ACLs a cluster needs for a given agency directory, derived from {@link TopicFlows}
 * and the agency ids: pure, no Kafka connection. Everything not listed is denied (the broker runs
 * with {@code allow.everyone.if.no.acl.found=false}); {@code User:admin} is the only super user.
 *
 * <ul>
 *   <li>agency {@code <id>}: Read and Describe on topic prefix {@code tips.agency.<id>.} and on group
 *       prefix {@code agency.<id>.}; nothing else;
 *   <li>each stream stage: Read on its inputs, Write on its outputs, Describe on what it only looks
 *       up; for its {@code application.id} {@code A}: Read on group {@code A}, Write and Describe on
 *       transactional-id prefix {@code A-}, Create, Read, Write, Delete, Describe and DescribeConfigs
 *       on topic prefix {@code A-} (its internal topics);
 *   <li>each intake: Write on its raw topic (and the ingest dead letters), Read on its raw topic
 *       (its idempotency index reads by assignment, without a group);
 *   <li>{@code ops}: Read on the topics the observer tails (raw, normalised, triage, dead letters,
 *       every agency topic) and on its group; Describe on every pipeline topic, the stages' groups
 *       and the agency groups (lag). Ops therefore sees every tip: the price of one outside observer.
 * </ul>
 * Only Allow entries, only named users, never {@code All} operations and never a wildcard resource.
 */
public final class SecurityPlan {

  /** An ACL for a user, in a form that prints well. */
  public static String describe(AclBinding binding) {
    ResourcePattern pattern = binding.pattern();
    return binding.entry().principal() + " " + binding.entry().operation() + " on "
        + pattern.resourceType().name().toLowerCase(java.util.Locale.ROOT)
        + (pattern.patternType() == PatternType.PREFIXED ? " prefix " : " ") + pattern.name();
  }

  private static final Comparator<AclBinding> ORDER = Comparator.comparing(SecurityPlan::describe);

  private final List<String> users;
  private final Set<AclBinding> acls;

  private SecurityPlan(List<String> users, Set<AclBinding> acls) {
    this.users = List.copyOf(users);
    this.acls = acls;
  }

  /** The plan for the pipeline and the agencies {@code agencyIds}. */
  public static SecurityPlan derive(TopicFlows flows, Collection<String> agencyIds) {
    TopicNames names = flows.names();
    Set<AclBinding> acls = new TreeSet<>(ORDER);
    for (TopicFlows.Flow flow : flows.all()) {
      String user = flow.component();
      flow.reads().forEach(topic -> acls.add(topic(user, topic, AclOperation.READ)));
      flow.writes().forEach(topic -> acls.add(topic(user, topic, AclOperation.WRITE)));
      flow.describes().forEach(topic -> acls.add(topic(user, topic, AclOperation.DESCRIBE)));
      flow.applicationId().ifPresent(app -> acls.addAll(streamsApplication(user, app)));
    }
    acls.addAll(ops(names));
    Set<String> users = new LinkedHashSet<>(Principals.pipeline());
    for (String agencyId : new TreeSet<>(agencyIds)) {
      String user = Principals.agency(agencyId);
      users.add(user);
      for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
        acls.add(allow(user, ResourceType.TOPIC, names.agencyTopicPrefix(agencyId), PatternType.PREFIXED, operation));
        acls.add(allow(user, ResourceType.GROUP, agencyGroupPrefix(agencyId), PatternType.PREFIXED, operation));
      }
    }
    return new SecurityPlan(new ArrayList<>(users), acls);
  }

  /** The consumer-group prefix of an agency: {@code agency.<id>.} ({@code AgencyClient} groups are {@code agency.<id>.<name>}). */
  public static String agencyGroupPrefix(String agencyId) {
    Principals.agency(agencyId);
    return "agency." + agencyId + ".";
  }

  /** The users to create SCRAM credentials for (every one but admin), in a stable order. */
  public List<String> users() {
    return users;
  }

  /** Every ACL, sorted by {@link #describe(AclBinding)}. */
  public Set<AclBinding> acls() {
    return java.util.Collections.unmodifiableSet(acls);
  }

  /** The ACLs of one user. */
  public List<AclBinding> aclsOf(String user) {
    String principal = Principals.user(user);
    return acls.stream().filter(acl -> acl.entry().principal().equals(principal)).toList();
  }

  private static List<AclBinding> streamsApplication(String user, String applicationId) {
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(user, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
    for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
      acls.add(allow(user, ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, operation));
    }
    for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE,
        AclOperation.DELETE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
      acls.add(allow(user, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, operation));
    }
    return acls;
  }

  private static List<AclBinding> ops(TopicNames names) {
    String ops = Principals.OPS;
    String prefix = names.prefix() + ".";
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(ops, ResourceType.TOPIC, prefix + "raw.", PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(ops, ResourceType.TOPIC, names.normalised(), PatternType.LITERAL, AclOperation.READ));
    acls.add(allow(ops, ResourceType.TOPIC, names.triage(), PatternType.LITERAL, AclOperation.READ));
    acls.add(allow(ops, ResourceType.TOPIC, prefix + "dlq.", PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(ops, ResourceType.TOPIC, names.agencyTopicsPrefix(), PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(ops, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.DESCRIBE));
    acls.add(allow(ops, ResourceType.GROUP, Principals.OPS_GROUP, PatternType.LITERAL,
        AclOperation.READ));
    acls.add(allow(ops, ResourceType.GROUP, "agency.", PatternType.PREFIXED, AclOperation.DESCRIBE));
    for (Stage stage : List.of(Stage.NORMALISE, Stage.CLASSIFY, Stage.ROUTE)) {
      acls.add(allow(ops, ResourceType.GROUP, stage.applicationId(), PatternType.LITERAL, AclOperation.DESCRIBE));
    }
    return acls;
  }

  private static AclBinding topic(String user, TopicFlows.TopicRef topic, AclOperation operation) {
    return allow(user, ResourceType.TOPIC, topic.name(), topic.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL,
        operation);
  }

  static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(Principals.user(user), "*", operation, AclPermissionType.ALLOW));
  }
}
