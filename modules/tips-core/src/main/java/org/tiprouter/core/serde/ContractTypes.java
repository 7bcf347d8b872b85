package org.tiprouter.core.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.TipAttachment;

/** The record types that travel on topics as values: the ones registered in the schema registry. */
public final class ContractTypes {

  /** Every top-level contract type. */
  public static final List<Class<? extends SpecificRecord>> TOP_LEVEL = List.of(RawTip.class, Tip.class,
      JurisdictionDecision.class, ClassifiedTip.class, TipAttachment.class, RoutedTip.class, AuditEvent.class, DeadLetter.class,
      Agency.class);

  private ContractTypes() {}

  /** The schemas of {@link #TOP_LEVEL}, nested types inlined. */
  public static List<Schema> schemas() {
    return TOP_LEVEL.stream().map(type -> SpecificData.get().getSchema(type)).toList();
  }
}
