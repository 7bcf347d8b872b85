package org.tiprouter.formats.cybertipline;

/** A document of NCMEC's CyberTipline Reporting API: a report, or the details of one of its files. */
public sealed interface CyberTiplineDocument permits CyberTiplineReport, FileDetails {}
