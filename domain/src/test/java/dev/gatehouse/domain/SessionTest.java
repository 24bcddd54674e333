package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RefreshGrant;
import dev.gatehouse.domain.session.RefreshGrant.Presentation;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserStatus;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTest {
    private final Instant now = Instant.parse("2026-05-01T12:00:00Z");
    private final User user = new User(new UserId(UUID.randomUUID()), new TenantId(UUID.randomUUID()),
            new AccountId(UUID.randomUUID()), new EmailAddress("someone@example.com"), new PasswordHash("$2a$04$x"),
            Role.USER, now, UserStatus.ACTIVE, true, new SecurityStamp(7));
    private final Session session = Session.open(new SessionId(UUID.randomUUID()), user,
            new ClientInfo("10.0.0.1", "curl/8"), now, Duration.ofDays(30));

    @Test
    void isBoundToTheStampItsSignInReadAndKeepsItWhenUsedOrRevoked() {
        assertThat(session.securityStamp()).isEqualTo(new SecurityStamp(7));
        assertThat(session.usedAt(now.plusSeconds(600)).securityStamp()).isEqualTo(new SecurityStamp(7));
        assertThat(session.revoked(now, dev.gatehouse.domain.session.RevocationReason.SIGNED_OUT).securityStamp())
                .isEqualTo(new SecurityStamp(7));
        assertThat(user.withNextStamp().securityStamp()).isEqualTo(new SecurityStamp(8));
    }

    @Test
    void isProvedWhenOpenedAndKeepsTheProofWhenUsedRestampedOrRevoked() {
        Instant later = now.plusSeconds(600);

        assertThat(session.provedAt()).isEqualTo(now);
        assertThat(session.usedAt(later).provedAt()).isEqualTo(now);
        assertThat(session.withSecurityStamp(new SecurityStamp(8)).provedAt()).isEqualTo(now);
        assertThat(session.revoked(later, dev.gatehouse.domain.session.RevocationReason.SIGNED_OUT).provedAt())
                .isEqualTo(now);
        Session reproved = session.provedAt(later);
        assertThat(reproved.provedAt()).isEqualTo(later);
        assertThat(reproved).isEqualTo(new Session(session.id(), session.tenantId(), session.userId(),
                session.accountId(), session.client(), session.createdAt(), session.lastUsedAt(), session.expiresAt(),
                session.revokedAt(), session.revocationReason(), session.securityStamp(), later));
    }

    @Test
    void isProvedWithinAWindowUpToAndIncludingItsEnd() {
        Duration window = Duration.ofMinutes(5);

        assertThat(session.provedWithin(window, now)).isTrue();
        assertThat(session.provedWithin(window, now.plus(window))).isTrue();
        assertThat(session.provedWithin(window, now.plus(window).plusNanos(1))).isFalse();
        assertThat(session.provedAt(now.plus(window)).provedWithin(window, now.plus(window).plusNanos(1))).isTrue();
    }

    @Test
    void refusesAMissingProofTime() {
        assertThatThrownBy(() -> new Session(session.id(), session.tenantId(),
                session.userId(), session.accountId(), session.client(), now, now, now.plusSeconds(60),
                Optional.empty(), Optional.empty(), session.securityStamp(), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void isActiveUntilItsAbsoluteExpiry() {
        assertThat(session.isActiveAt(now)).isTrue();
        assertThat(session.isActiveAt(now.plus(Duration.ofDays(30)).minusSeconds(1))).isTrue();
        assertThat(session.isActiveAt(now.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void writesDownUseOnlyEveryFewMinutes() {
        assertThat(session.lastUseIsStale(now.plusSeconds(60))).isFalse();
        assertThat(session.lastUseIsStale(now.plus(Session.LAST_USED_RESOLUTION))).isTrue();
    }

    @Test
    void refreshGrantsRotateOnceThenDetectReuseAfterTheGraceWindow() {
        RefreshGrant grant = RefreshGrant.issue("hash", session, now, Duration.ofDays(7));
        Duration grace = Duration.ofSeconds(5);

        assertThat(grant.onPresentation(now.plusSeconds(10), grace)).isEqualTo(Presentation.ROTATE);
        RefreshGrant used = new RefreshGrant(grant.tokenHash(), grant.sessionId(), grant.createdAt(), grant.expiresAt(),
                Optional.of(now.plusSeconds(10)));
        assertThat(used.onPresentation(now.plusSeconds(12), grace)).isEqualTo(Presentation.CONCURRENT_DUPLICATE);
        assertThat(used.onPresentation(now.plusSeconds(15), grace)).isEqualTo(Presentation.REUSE_DETECTED);
    }

    @Test
    void refreshGrantsExpireWhenIdleAndNeverOutliveTheirSession() {
        RefreshGrant grant = RefreshGrant.issue("hash", session, now, Duration.ofDays(7));
        assertThat(grant.onPresentation(now.plus(Duration.ofDays(7)), Duration.ofSeconds(5)))
                .isEqualTo(Presentation.EXPIRED);

        RefreshGrant late = RefreshGrant.issue("hash", session, now.plus(Duration.ofDays(28)), Duration.ofDays(7));
        assertThat(late.expiresAt()).isEqualTo(session.expiresAt());
    }

    @Test
    void clientInfoDropsControlCharactersAndBoundsLength() {
        ClientInfo info = new ClientInfo(" 10.0.0.1\n", "agent\u0000\r\n" + "x".repeat(1000));
        assertThat(info.ipAddress()).isEqualTo("10.0.0.1");
        assertThat(info.userAgent()).startsWith("agent").hasSize(ClientInfo.MAX_USER_AGENT);
        assertThat(new ClientInfo(null, null)).isEqualTo(ClientInfo.UNKNOWN);
    }
}
