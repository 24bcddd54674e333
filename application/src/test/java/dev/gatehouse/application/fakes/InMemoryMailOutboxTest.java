package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.MailOutboxContract;
import dev.gatehouse.application.contract.MailPorts;

class InMemoryMailOutboxTest extends MailOutboxContract {
    @Override
    protected MailPorts ports() {
        InMemoryTenantRepository tenants = new InMemoryTenantRepository();
        InMemoryMailOutbox outbox = new InMemoryMailOutbox();
        InMemoryMailTemplateRepository templates = new InMemoryMailTemplateRepository();
        return new MailPorts(tenants, outbox, templates, new InMemoryTransactionRunner(tenants, outbox, templates));
    }
}
