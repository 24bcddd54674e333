package dev.gatehouse.application.mail.port.in;

/**
 * One round of the outbox delivery worker: claims the mails that are due, hands each to the mail server
 * and records the outcome (sent; retry later on a connection failure or 4xx answer; failed on a 5xx
 * answer or once the mail is older than the give-up time). Driven by a scheduler in bootstrap.
 */
public interface DeliverMailUseCase {

    /**
     * @param stopping asked before each claimed mail is handed to the mail server (and before claiming): once it
     *                 answers true (the server is shutting down), the round hands over nothing more, and releases the
     *                 mails it claimed but did not hand over: pending and due again at once, their lease ended, so that
     *                 the next round of any process sends each of them once, without waiting for the lease to run out.
     *                 The mail being handed over when it turns true is finished and its outcome recorded.
     * @return how many mails this round claimed (0 when nothing was due)
     */
    int deliverDue(java.util.function.BooleanSupplier stopping);

    /**
     * Deletes a batch of mails delivered or given up more than {@link #RETENTION} ago (their bodies are long
     * gone; the rows only said who was mailed when).
     *
     * @return how many were deleted (a full batch means more may be waiting)
     */
    int purgeFinished();

    /** How long a finished mail's row stays in the outbox. */
    java.time.Duration RETENTION = java.time.Duration.ofDays(7);

    /** Rows one purge call deletes at most. */
    int PURGE_BATCH = 1000;
}
