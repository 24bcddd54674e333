package dev.gatehouse.application.port.in;

/**
 * One round of the outbox delivery worker: claims the mails that are due, hands each to the mail server
 * and records the outcome (sent; retry later on a connection failure or 4xx answer; failed on a 5xx
 * answer or once the mail is older than the give-up time). Driven by a scheduler in bootstrap.
 */
public interface DeliverMailUseCase {

    /** @return how many mails this round claimed (0 when nothing was due) */
    int deliverDue();
}
