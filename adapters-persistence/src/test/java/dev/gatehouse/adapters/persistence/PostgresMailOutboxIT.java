package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.MailOutboxContract;
import dev.gatehouse.application.contract.MailPorts;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMailOutboxIT extends MailOutboxContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected MailPorts ports() {
        Database db = DATABASE.database();
        return new MailPorts(db.tenants(), db.mailOutbox(), db.mailTemplates(), db.transactions());
    }
}
