package org.tiprouter.agency;

/**
 * A record could not be handled (the handler threw, or the record could not be decoded): the
 * client stopped without committing it, so it is delivered again when a client of the same group
 * starts. The message names the record's position, never its content.
 */
public final class TipNotHandledException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String position;

  TipNotHandledException(String position, String what, Throwable cause) {
    super(what + " at " + position + "; not committed, it will be delivered again ("
        + cause.getClass().getSimpleName() + ")", cause);
    this.position = position;
  }

  /** {@code topic-partition@offset} of the record that was not handled. */
  public String position() {
    return position;
  }
}
