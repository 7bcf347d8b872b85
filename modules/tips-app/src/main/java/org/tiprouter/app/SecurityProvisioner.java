package org.tiprouter.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.tiprouter.core.security.CredentialsFile;
import org.tiprouter.core.security.Principals;
import org.tiprouter.core.security.SecurityPlan;

/**
 * Makes a cluster's SCRAM users and ACLs match a {@link SecurityPlan}, keeping the generated
 * passwords in a credentials file (mode 0600) and nowhere else.
 *
 * <ul>
 *   <li>a planned user without a SCRAM credential gets one: the password already in the
 *       credentials file for it, else a new random one, which is written to the file;
 *   <li>an existing user's password is never changed;
 *   <li>tiprouter's own users ({@link Principals#isManaged}) get exactly the planned ACLs: missing
 *       ones are added, others removed; other principals' ACLs are left alone;
 *   <li>an agency user whose agency is no longer in the directory loses its ACLs and its SCRAM
 *       credential, and its section of the file; its topics and their records stay (records policy).
 * </ul>
 * With {@code dryRun} nothing is changed, the file included; the changes are still reported.
 */
final class SecurityProvisioner {

  private static final int ITERATIONS = 8192;
  private static final long TIMEOUT_SECONDS = 30;

  /** One change, as printed: {@code created user agency-x}, {@code added ACL ...}. */
  record Outcome(boolean securityEnabled, List<String> changes, List<String> warnings) {}

  private final Admin admin;
  private final Path credentialsFile;
  private final boolean dryRun;

  SecurityProvisioner(Admin admin, Path credentialsFile, boolean dryRun) {
    this.admin = admin;
    this.credentialsFile = credentialsFile;
    this.dryRun = dryRun;
  }

  Outcome apply(SecurityPlan plan) {
    List<String> changes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Set<AclBinding> existingAcls;
    try {
      existingAcls = new LinkedHashSet<>(get(admin.describeAcls(AclBindingFilter.ANY).values()));
    } catch (SecurityDisabledException e) {
      return new Outcome(false, changes, List.of("the cluster has no authorizer: users and ACLs not provisioned"));
    }
    Map<String, String> entries = credentialsFile != null && java.nio.file.Files.exists(credentialsFile)
        ? new TreeMap<>(CredentialsFile.read(credentialsFile)) : new TreeMap<>();
    Map<String, String> secrets = CredentialsFile.passwords(entries);
    boolean secretsChanged = false;

    Set<String> existingUsers = get(admin.describeUserScramCredentials().all()).keySet();
    List<UserScramCredentialAlteration> alterations = new ArrayList<>();
    for (String user : plan.users()) {
      if (existingUsers.contains(user)) {
        if (!secrets.containsKey(user)) {
          warnings.add("user " + user + " exists but its password is not in the credentials file (not rotated)");
        }
        continue;
      }
      if (credentialsFile == null && !dryRun) {
        throw new IllegalArgumentException("New users need a credentials file for their passwords (--secrets FILE)");
      }
      String password = secrets.computeIfAbsent(user, ignored -> CredentialsFile.newPassword());
      CredentialsFile.withUser(entries, user, password);
      secretsChanged = true;
      alterations.add(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password));
      changes.add("created user " + user);
    }
    for (String user : existingUsers) {
      if (Principals.agencyIdOf(user).isPresent() && !plan.users().contains(user)) {
        alterations.add(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512));
        changes.add("deleted user " + user + " (agency no longer in the directory; its topics are kept)");
        secretsChanged |= CredentialsFile.withoutUser(entries, user);
      }
    }

    List<AclBinding> missing = plan.acls().stream().filter(acl -> !existingAcls.contains(acl)).toList();
    List<AclBinding> extra = existingAcls.stream()
        .filter(acl -> isManaged(acl) && !plan.acls().contains(acl)).toList();
    missing.forEach(acl -> changes.add("added ACL " + SecurityPlan.describe(acl)));
    extra.forEach(acl -> changes.add("removed ACL " + SecurityPlan.describe(acl)));

    if (!dryRun) {
      if (secretsChanged) {
        // The file first: a password the cluster knows but no file holds would be lost.
        CredentialsFile.writeEntries(credentialsFile, entries);
      }
      if (!alterations.isEmpty()) {
        get(admin.alterUserScramCredentials(alterations).all());
      }
      if (!missing.isEmpty()) {
        get(admin.createAcls(missing).all());
      }
      if (!extra.isEmpty()) {
        get(admin.deleteAcls(extra.stream().map(AclBinding::toFilter).toList()).all());
      }
    }
    return new Outcome(true, changes, warnings);
  }

  private static boolean isManaged(AclBinding acl) {
    String principal = acl.entry().principal();
    return principal.startsWith("User:") && Principals.isManaged(principal.substring("User:".length()));
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while provisioning users and ACLs", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("The cluster did not answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
