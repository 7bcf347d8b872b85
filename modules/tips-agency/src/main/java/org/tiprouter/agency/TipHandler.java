package org.tiprouter.agency;

/**
 * What an agency's software does with each routed tip. Called once per record, in the client's
 * thread, urgent lane first. Returning normally means "handled": the client then commits the
 * record. Throwing stops the client without committing it, so it is delivered again on restart.
 *
 * <p>Delivery is at-least-once: after a crash the last record(s) handled but not yet committed are
 * delivered again. Handlers must therefore be idempotent by {@code tipId} (and {@code kind}: a
 * RELATED_TIP notice has the id of the agency's earlier tip).
 */
@FunctionalInterface
public interface TipHandler {

  void handle(AgencyDelivery delivery) throws Exception;
}
