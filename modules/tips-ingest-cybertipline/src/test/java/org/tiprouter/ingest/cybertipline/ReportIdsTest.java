package org.tiprouter.ingest.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.Sha256;

class ReportIdsTest {

  @Test
  void theSameDocumentAlwaysGetsTheSameIds() {
    String sha = Sha256.hex("<report/>".getBytes(StandardCharsets.UTF_8));

    assertThat(ReportIds.reportIdOf(sha)).isEqualTo(ReportIds.reportIdOf(sha));
    assertThat(ReportIds.tipIdOf(sha)).isEqualTo(ReportIds.tipIdOf(sha));
  }

  @Test
  void reportIdsAreExactInJsonAndTipIdsAreVersion8Uuids() {
    Set<String> reportIds = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String sha = Sha256.hex(("document " + i).getBytes(StandardCharsets.UTF_8));
      String reportId = ReportIds.reportIdOf(sha);
      assertThat(Long.parseLong(reportId)).isBetween(1L, (1L << 53) - 1);
      reportIds.add(reportId);
      UUID tipId = ReportIds.tipIdOf(sha);
      assertThat(tipId.version()).isEqualTo(8);
      assertThat(tipId.variant()).isEqualTo(2);
    }
    assertThat(reportIds).hasSize(10_000);
  }
}
