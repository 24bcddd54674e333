package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEventTest {
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static AuditEvent event() {
        return AuditEvent.of(TENANT, AuditEventType.LOGIN_FAILED, NOW, new ClientInfo("198.51.100.1", "agent"));
    }

    @Test
    void refusesDetailKeysThatLookLikeSecrets() {
        for (String key : new String[] {"password", "newPassword", "refreshToken", "code", "resetCode", "secret",
                "keyHash", "otp", "credentials"}) {
            assertThatThrownBy(() -> event().withDetail(key, "x")).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stripsControlCharactersAndShortensDetailValues() {
        AuditEvent event = event().withDetail("reason", "a\nb\u0000c" + "x".repeat(500));

        assertThat(event.details().get("reason")).startsWith("abc").hasSize(AuditEvent.MAX_DETAIL_VALUE);
    }

    @Test
    void refusesBlankOrOverlongActorsAndMalformedKeys() {
        assertThatThrownBy(() -> event().withActor(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event().withSubject("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event().withDetail("with space", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesUsersKeysAndTheRootTokenDistinctly() {
        UUID id = UUID.randomUUID();
        assertThat(AuditEvent.user(new dev.gatehouse.domain.user.UserId(id))).isEqualTo(id.toString());
        assertThat(AuditEvent.secretKey(id)).isEqualTo("key:" + id);
        assertThat(event().withActor(AuditEvent.ROOT).actor()).isEqualTo("root");
        assertThat(AuditEventType.fromName("SIGN_UP")).contains(AuditEventType.SIGN_UP);
        assertThat(AuditEventType.fromName("sign_up")).isEmpty();
    }
}
