package dev.gatehouse.application.recovery;

import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;

import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.application.tenants.TenantDirectory;

import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.recovery.port.in.MagicLinkUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.mail.port.out.MailHtmlSanitizer;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.SecretGenerator;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.MagicLinkContent;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MagicLinkService implements MagicLinkUseCase {
    static final String LINK_PLACEHOLDER = "[link]";
    static final int MAX_SUBJECT = 200;
    static final int MAX_FROM_NAME = 100;
    static final int MAX_BODY = 20_000;
    static final String DEFAULT_SUBJECT = "Your sign-in link";

    private final TenantDirectory tenants;
    private final AccountRepository accounts;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SecretGenerator secrets;
    private final OneTimeCodes codes;
    private final RecoveryLinks links;
    private final SessionIssuer sessions;
    private final MailComposer mail;
    private final AuditLog audit;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final IdGenerator ids;

    private final RateLimiter limiter;
    private final MailHtmlSanitizer sanitizer;
    private final MailboxProofs proofs;

    MagicLinkService(RecoveryKit kit, AccountRepository accounts, UserRepository users, SessionIssuer sessions,
                     Credentials credentials, Essentials essentials, MailHtmlSanitizer sanitizer) {
        this.limiter = essentials.limiter();
        this.sanitizer = java.util.Objects.requireNonNull(sanitizer, "sanitizer");
        this.proofs = kit.proofs();
        this.tenants = kit.tenants();
        this.accounts = accounts;
        this.users = users;
        this.hasher = credentials.hasher();
        this.secrets = essentials.secrets();
        this.codes = kit.codes();
        this.links = kit.links();
        this.sessions = sessions;
        this.mail = kit.mail();
        this.audit = essentials.audit();
        this.transactions = essentials.transactions();
        this.clock = essentials.clock();
        this.ids = essentials.ids();
    }

    @Override
    public void request(RequestCommand command) {
        Tenant tenant = tenants.require(command.tenantId());
        String base = links.requireAllowed(tenant, command.redirectUrl(), "redirectUrl");
        issue(tenant, command.email(), command.client(), templateMail(tenant, base, null));
    }

    /** The tenant's magic-link template with a link to {@code base}, from {@code from} (null: the tenant's sender). */
    private Mailer templateMail(Tenant tenant, String base, String from) {
        return (issued, to, deliver) -> {
            Map<String, String> values = Map.of("code", issued.plain(), "link", OneTimeCodes.link(base, issued.plain(), to),
                    "expiresInMinutes", String.valueOf(codes.lifetime(CodeKind.MAGIC_LINK).toMinutes()));
            if (deliver) {
                mail.send(tenant, MailKind.MAGIC_LINK, to, values, from);
            } else {
                mail.render(tenant, MailKind.MAGIC_LINK, to, values); // the same work, nothing sent
            }
        };
    }

    /**
     * StaticBackend's {@code POST /login/magic}. The anti-relay rules (an allowed link, an allowed sender) always
     * apply. What the mail says follows the tenant's {@code compatMagicLinkContent} (ADR 0014): by default its
     * magic-link template, the caller's subject, body and sender name ignored; on opt-in the caller's content,
     * the body sanitized to text formatting before {@code [link]} becomes the one link.
     */
    @Override
    public void requestComposed(ComposedCommand command) {
        Tenant tenant = tenants.require(command.tenantId());
        // Every rule is checked before anything else, the same for known and unknown addresses.
        if (tenant.settings().compatMagicLinkContent() == MagicLinkContent.TEMPLATE) {
            String base = links.requireAllowed(tenant, command.link(), "link");
            String from = sender(tenant, command.fromEmail());
            issue(tenant, command.email(), command.client(), templateMail(tenant, base, from));
            return;
        }
        String raw = command.body() == null ? "" : command.body();
        if (!raw.contains(LINK_PLACEHOLDER)) {
            throw new InvalidInput("body", "must contain the [link] placeholder, which becomes the sign-in link");
        }
        if (raw.length() > MAX_BODY) {
            throw new InvalidInput("body", "must be at most " + MAX_BODY + " characters");
        }
        String body = sanitizer.sanitize(raw);
        if (!body.contains(LINK_PLACEHOLDER)) {
            throw new InvalidInput("body", "must contain the [link] placeholder in its text (inside a tag or an"
                    + " attribute it is removed with them), which becomes the sign-in link");
        }
        String base = links.requireAllowed(tenant, command.link(), "link");
        String from = sender(tenant, command.fromEmail());
        String fromName = plainText(command.fromName(), MAX_FROM_NAME);
        String subject = plainText(command.subject(), MAX_SUBJECT);
        String finalSubject = subject.isEmpty() ? DEFAULT_SUBJECT : subject;
        issue(tenant, command.email(), command.client(), (issued, to, deliver) -> {
            String link = OneTimeCodes.link(base, issued.plain(), to);
            String escaped = MailTemplate.escapeHtml(link);
            String html = body.replace(LINK_PLACEHOLDER, "<a href=\"" + escaped + "\">" + escaped + "</a>");
            String text = "Sign in with this link: " + link + "\n\nIt expires in "
                    + codes.lifetime(CodeKind.MAGIC_LINK).toMinutes() + " minutes and works once.\n";
            if (deliver) {
                mail.sendComposed(tenant, MailKind.MAGIC_LINK, to, from, fromName, finalSubject, text, html);
            }
        });
    }

    /**
     * Makes and stores a code for the address and prepares its mail; sends it only when it can lead to a
     * sign-in, so an unknown address costs the same work.
     */
    private void issue(Tenant tenant, EmailAddress email, ClientInfo client, Mailer mailer) {
        limiter.beforeRecoveryRequest(tenant, email, client);
        Optional<User> found = users.findByEmail(tenant.id(), email);
        Optional<User> user = found.filter(User::maySignIn);
        boolean exists = found.isPresent();
        boolean deliver = user.isPresent() || !exists && tenant.settings().magicLinkCreatesUser();
        // An unknown address gets the same work (a code made and stored, bound to no user) but no mail.
        OneTimeCodes.Issued issued = codes.prepare(tenant.id(), CodeKind.MAGIC_LINK, email, user.map(User::id));
        transactions.inTransaction(() -> {
            codes.store(issued);
            mailer.send(issued, email, deliver);
            audit.record(AuditEvent.of(tenant.id(), AuditEventType.MAGIC_LINK_REQUESTED, clock.now(), client)
                    .withSubject(user.map(u -> AuditEvent.user(u.id())).orElse(null))
                    .withDetail("mailed", String.valueOf(deliver)));
            return null;
        });
    }

    @Override
    public SignInOutcome signIn(SignInCommand command) {
        Tenant tenant = tenants.require(command.tenantId());
        limiter.beforeCodeCheck(tenant, command.email(), command.client());
        OneTimeCode code = codes.accept(tenant.id(), CodeKind.MAGIC_LINK, command.email(), command.code());
        Optional<User> existing = users.findByEmail(tenant.id(), command.email());
        User user;
        Optional<NewUser> created = Optional.empty();
        if (existing.isPresent()) {
            user = existing.get();
            boolean sameUser = code.userId().map(id -> id.equals(user.id()))
                    .orElse(tenant.settings().magicLinkCreatesUser()); // created since the link was sent
            if (!sameUser || !user.maySignIn()) {
                throw new InvalidCode();
            }
        } else if (code.userId().isEmpty() && tenant.settings().magicLinkCreatesUser()) {
            NewUser fresh = newUser(tenant, command.email());
            created = Optional.of(fresh);
            user = fresh.user();
        } else {
            throw new InvalidCode();
        }
        Instant now = clock.now();
        // The first proof of the address removes a password set before it (whoever registered the address may not
        // be its owner); its replacement is hashed here, before the unit of work, as hashing is slow.
        Optional<PasswordHash> replacement = created.isEmpty() && !user.emailVerified()
                ? Optional.of(proofs.unusablePassword()) : Optional.empty();
        Optional<NewUser> toCreate = created;
        User read = user;
        Opened opened = transactions.inTransaction(() -> {
            codes.use(code, now);
            User signingIn = read;
            MailboxProofs.Proof proof = new MailboxProofs.Proof(false, false, List.of());
            if (toCreate.isPresent()) {
                accounts.insert(toCreate.get().account());
                users.insert(toCreate.get().user());
                audit.record(AuditEvent.of(tenant.id(), AuditEventType.SIGN_UP, now, command.client())
                        .withActor(read.id()).withSubject(read.id()).withDetail("method", "magicLink"));
            } else if (!read.emailVerified()) {
                // Nothing may have changed the user since the checks above; the proof then changes the stamp, and the
                // session below is bound to the user as the proof left them.
                if (!users.lockUnchanged(tenant.id(), read.id(), read.securityStamp())) {
                    throw new InvalidCode();
                }
                proof = proofs.prove(read, replacement, now);
                if (proof.first()) {
                    audit.record(AuditEvent.of(tenant.id(), AuditEventType.EMAIL_VERIFIED, now, command.client())
                            .withActor(read.id()).withSubject(read.id()).withDetail("by", "magicLink")
                            .withDetail("signInKeyDropped", String.valueOf(proof.passwordRemoved()))
                            .withDetail("sessionsEnded", String.valueOf(proof.sessionsEnded().size())));
                }
                signingIn = users.findById(tenant.id(), read.id()).orElseThrow(InvalidCode::new);
            }
            // Through the gate: a user with a second factor (or under mfa.required "all") gets the second step.
            SessionIssuer.Pending session = sessions.prepareSignIn(tenant, signingIn, command.client());
            if (!sessions.persist(session)) {
                throw new InvalidCode(); // the user changed since read: rolled back, the code stays unused
            }
            audit.record(AuditEvent.of(tenant.id(), AuditEventType.MAGIC_LINK_USED, now, command.client())
                    .withActor(read.id()).withSubject(read.id()));
            return new Opened(signingIn, session, proof);
        });
        proofs.ended(opened.proof());
        return sessions.complete(opened.user(), opened.session(), command.profile());
    }

    private record Opened(User user, SessionIssuer.Pending session, MailboxProofs.Proof proof) {
    }

    /** A verified account owner with a random password nobody knows (they may set one by a reset). */
    private NewUser newUser(Tenant tenant, EmailAddress email) {
        Instant now = clock.now();
        PasswordHash unusable = hasher.hash(new Password(secrets.newSecret(OneTimeCodes.LINK_CODE_BYTES)));
        Account account = Account.open(new AccountId(ids.newId()), tenant.id(), email.value(), now);
        User owner = User.registerAsAccountOwner(new UserId(ids.newId()), tenant.id(), account.id(), email, unusable,
                now).withEmailVerified();
        return new NewUser(account, owner);
    }

    /** The sender of a composed mail: the tenant's (null) unless the caller names an allowed one. */
    private String sender(Tenant tenant, String fromEmail) {
        if (fromEmail == null || fromEmail.isBlank()) {
            return null;
        }
        EmailAddress from;
        try {
            from = new EmailAddress(fromEmail);
        } catch (InvalidInput e) {
            throw new InvalidInput("fromEmail", "must be a valid email address");
        }
        TenantSettings settings = tenant.settings();
        if (links.isLenient(tenant) || from.value().equals(settings.defaultSender())
                || settings.allowedSenders().contains(from.value())) {
            return from.value();
        }
        throw new InvalidInput("fromEmail", "must be the tenant's sender or one of its allowed senders"
                + " (settings: defaultSender, allowedSenders); leave it empty to use the tenant's sender");
    }

    /**
     * Plain text for a header: no control, format or line/paragraph separator characters (so no CR/LF header
     * injection and no bidirectional overrides), no markup, trimmed, at most {@code max} characters.
     */
    static String plainText(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().filter(c -> !Character.isISOControl(c) && "<>\"\\".indexOf(c) < 0
                        && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.LINE_SEPARATOR
                        && Character.getType(c) != Character.PARAGRAPH_SEPARATOR)
                .limit(max).forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    @FunctionalInterface
    private interface Mailer {
        /** Prepares the mail; records it in the outbox only when {@code deliver}. */
        void send(OneTimeCodes.Issued issued, EmailAddress to, boolean deliver);
    }

    private record NewUser(Account account, User user) {
    }
}
