package dev.gatehouse.application.recovery;

import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.application.tenants.TenantDirectory;

/** What the recovery use cases share: the tenant lookup, one-time codes, link checks, mail and mailbox proofs. */
record RecoveryKit(TenantDirectory tenants, OneTimeCodes codes, RecoveryLinks links, MailComposer mail,
                   MailboxProofs proofs, VerificationMails verificationMails) {
}
