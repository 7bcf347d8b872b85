package org.tiprouter.formats.cybertipline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tiprouter.contract.IncidentType;

/** NCMEC's eight CyberTipline incident types, with their exact text and canonical type. */
public enum CyberTiplineIncidentType {
  CHILD_PORNOGRAPHY("Child Pornography (possession, manufacture, and distribution)",
      IncidentType.CHILD_SEXUAL_ABUSE_MATERIAL),
  CHILD_SEX_TRAFFICKING("Child Sex Trafficking", IncidentType.CHILD_SEX_TRAFFICKING),
  CHILD_SEX_TOURISM("Child Sex Tourism", IncidentType.CHILD_SEX_TOURISM),
  CHILD_SEXUAL_MOLESTATION("Child Sexual Molestation", IncidentType.CHILD_SEXUAL_MOLESTATION),
  MISLEADING_DOMAIN_NAME("Misleading Domain Name", IncidentType.MISLEADING_DOMAIN_NAME),
  MISLEADING_WORDS_OR_IMAGES("Misleading Words or Digital Images on the Internet",
      IncidentType.MISLEADING_WORDS_OR_IMAGES),
  ONLINE_ENTICEMENT("Online Enticement of Children for Sexual Acts", IncidentType.ONLINE_ENTICEMENT),
  UNSOLICITED_OBSCENE_MATERIAL("Unsolicited Obscene Material Sent to a Child",
      IncidentType.UNSOLICITED_OBSCENE_MATERIAL_TO_CHILD);

  private final String xmlValue;
  private final IncidentType canonical;

  CyberTiplineIncidentType(String xmlValue, IncidentType canonical) {
    this.xmlValue = xmlValue;
    this.canonical = canonical;
  }

  /** The value exactly as it appears in {@code incidentSummary/incidentType}. */
  public String xmlValue() {
    return xmlValue;
  }

  /** The project's canonical incident type. */
  public IncidentType canonical() {
    return canonical;
  }

  /** The type with exactly this text, if any. */
  public static Optional<CyberTiplineIncidentType> fromXml(String text) {
    return Arrays.stream(values()).filter(type -> type.xmlValue.equals(text)).findFirst();
  }

  static List<String> xmlValues() {
    return Arrays.stream(values()).map(CyberTiplineIncidentType::xmlValue).toList();
  }
}
