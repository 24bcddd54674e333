package dev.gatehouse.application.fakes;

import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryMailTemplateRepository implements MailTemplateRepository, InMemoryStore {
    private Map<String, MailTemplate> templates = new HashMap<>();

    @Override
    public synchronized Optional<MailTemplate> find(TenantId tenant, MailKind kind) {
        return Optional.ofNullable(templates.get(key(tenant, kind)));
    }

    @Override
    public synchronized void save(TenantId tenant, MailKind kind, MailTemplate template, Instant now) {
        templates.put(key(tenant, kind), template);
    }

    private static String key(TenantId tenant, MailKind kind) {
        return tenant.value() + "/" + kind;
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(templates);
    }

    @SuppressWarnings("unchecked")
    @Override
    public synchronized void restore(Object snapshot) {
        templates = new HashMap<>((Map<String, MailTemplate>) snapshot);
    }
}
