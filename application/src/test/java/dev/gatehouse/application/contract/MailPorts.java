package dev.gatehouse.application.contract;

import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TransactionRunner;

/** The mail stores a {@link MailOutboxContract} runs against, with the tenants they belong to and the unit of work. */
public record MailPorts(TenantRepository tenants, MailOutbox outbox, MailTemplateRepository templates,
                        TransactionRunner transactions) {
}
