package org.tiprouter.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.topics.TopicFlows;
import org.tiprouter.core.topics.TopicNames;

class SecurityPlanTest {

  private final TopicNames names = TopicNames.defaults();
  private final SecurityPlan plan = SecurityPlan.derive(new TopicFlows(names), List.of("knoxville-pd", "tn-bureau"));

  @Test
  void agencyReadsAndDescribesOnlyItsOwnTopicAndGroupPrefixes() {
    assertThat(described("agency-knoxville-pd")).containsExactlyInAnyOrder(
        "User:agency-knoxville-pd READ on topic prefix tips.agency.knoxville-pd.",
        "User:agency-knoxville-pd DESCRIBE on topic prefix tips.agency.knoxville-pd.",
        "User:agency-knoxville-pd READ on group prefix agency.knoxville-pd.",
        "User:agency-knoxville-pd DESCRIBE on group prefix agency.knoxville-pd.");
  }

  @Test
  void normaliseReadsRawTopicsWritesItsOutputsAndOwnsItsStreamsResources() {
    assertThat(described("normalise")).containsExactlyInAnyOrder(
        "User:normalise READ on topic tips.raw.web.v1",
        "User:normalise READ on topic tips.raw.phone.v1",
        "User:normalise READ on topic tips.raw.cybertipline.v1",
        "User:normalise WRITE on topic tips.normalised.v1",
        "User:normalise WRITE on topic tips.attachments.v1",
        "User:normalise WRITE on topic tips.audit.v1",
        "User:normalise WRITE on topic tips.dlq.normalise.v1",
        "User:normalise READ on group tips-normalise",
        "User:normalise WRITE on transactional_id prefix tips-normalise-",
        "User:normalise DESCRIBE on transactional_id prefix tips-normalise-",
        "User:normalise CREATE on topic prefix tips-normalise-",
        "User:normalise READ on topic prefix tips-normalise-",
        "User:normalise WRITE on topic prefix tips-normalise-",
        "User:normalise DELETE on topic prefix tips-normalise-",
        "User:normalise DESCRIBE on topic prefix tips-normalise-",
        "User:normalise DESCRIBE_CONFIGS on topic prefix tips-normalise-");
  }

  @Test
  void classifyReadsTheDirectoryAndRouteWritesAndDescribesEveryAgencyTopic() {
    assertThat(described("classify")).contains("User:classify READ on topic tips.agencies.v1",
        "User:classify READ on topic tips.normalised.v1", "User:classify WRITE on topic tips.classified.v1")
        .noneMatch(acl -> acl.contains("tips.agency."));
    assertThat(described("route")).contains("User:route READ on topic tips.classified.v1",
        "User:route READ on topic tips.attachments.v1",
        "User:route READ on topic tips.agencies.v1", "User:route WRITE on topic tips.triage.v1",
        "User:route WRITE on topic prefix tips.agency.", "User:route DESCRIBE on topic prefix tips.agency.",
        "User:route WRITE on topic tips.audit.v1", "User:route WRITE on topic tips.dlq.route.v1")
        .noneMatch(acl -> acl.startsWith("User:route READ on topic prefix tips.agency."));
  }

  @Test
  void intakesWriteAndReadOnlyTheirOwnRawTopic() {
    assertThat(described("intake-web")).containsExactlyInAnyOrder(
        "User:intake-web WRITE on topic tips.raw.web.v1", "User:intake-web READ on topic tips.raw.web.v1",
        "User:intake-web WRITE on topic tips.dlq.ingest.v1");
    assertThat(described("intake-phone")).containsExactlyInAnyOrder(
        "User:intake-phone WRITE on topic tips.raw.phone.v1", "User:intake-phone READ on topic tips.raw.phone.v1",
        "User:intake-phone WRITE on topic tips.dlq.ingest.v1");
    assertThat(described("intake-cybertipline")).contains("User:intake-cybertipline WRITE on topic tips.dlq.ingest.v1");
  }

  @Test
  void opsReadsWhatTheObserverTailsAndDescribesGroupsButWritesNothing() {
    assertThat(described("ops")).contains("User:ops READ on topic prefix tips.agency.",
        "User:ops READ on group tiprouter-ops", "User:ops DESCRIBE on group prefix agency.",
        "User:ops DESCRIBE on group tips-route", "User:ops DESCRIBE on topic prefix tips.")
        .noneMatch(acl -> acl.contains(" WRITE ") || acl.contains("tips.audit") || acl.contains("tips.classified"));
  }

  @Test
  void nobodyButAdminMayDeleteOrAlterTheAuditTopic() {
    Set<AclOperation> forbidden = Set.of(AclOperation.DELETE, AclOperation.ALTER, AclOperation.ALTER_CONFIGS,
        AclOperation.ALL);
    assertThat(plan.acls()).noneMatch(acl -> forbidden.contains(acl.entry().operation())
        && acl.pattern().resourceType() == ResourceType.TOPIC && matches(acl, names.audit()));
    assertThat(plan.acls()).noneMatch(acl -> acl.entry().principal().equals("User:admin"));
  }

  @Test
  void onlyAllowEntriesForNamedUsersOnNamedResources() {
    assertThat(plan.acls()).allMatch(acl -> acl.entry().permissionType() == AclPermissionType.ALLOW
        && !acl.entry().principal().equals("User:*") && !acl.pattern().name().equals("*")
        && acl.entry().operation() != AclOperation.ALL && acl.entry().host().equals("*"));
  }

  @Test
  void usersAreEveryPipelineUserAndEveryAgencyButNotAdmin() {
    assertThat(plan.users()).containsExactly("intake-web", "intake-phone", "intake-cybertipline", "normalise",
        "classify", "route", "ops", "agency-knoxville-pd", "agency-tn-bureau");
  }

  @Test
  void anotherTopicPrefixChangesEveryName() {
    SecurityPlan other = SecurityPlan.derive(new TopicFlows(new TopicNames("test")), List.of("a1"));
    assertThat(other.acls()).noneMatch(acl -> acl.pattern().resourceType() == ResourceType.TOPIC
        && acl.pattern().name().startsWith("tips."));
  }

  private static boolean matches(AclBinding acl, String topic) {
    return acl.pattern().patternType() == PatternType.PREFIXED
        ? topic.startsWith(acl.pattern().name()) : topic.equals(acl.pattern().name());
  }

  private List<String> described(String user) {
    return plan.aclsOf(user).stream().map(SecurityPlan::describe).collect(Collectors.toList());
  }
}
