package dev.gatehouse.domain.mail;

import java.util.EnumMap;
import java.util.Map;

/** The templates every tenant starts with; a tenant's own template of a kind replaces the default. */
public final class DefaultMailTemplates {
    private static final Map<MailKind, MailTemplate> DEFAULTS = new EnumMap<>(MailKind.class);

    static {
        DEFAULTS.put(MailKind.PASSWORD_RESET, new MailTemplate(
                "Reset your {{tenant}} password",
                """
                Someone asked to reset the password of {{email}} at {{tenant}}.

                Your reset code: {{code}}
                Or open this link: {{link}}

                The code expires in {{expiresInMinutes}} minutes and works once. If you did not ask for this,
                ignore this mail: your password stays as it is.
                """,
                page("""
                <p>Someone asked to reset the password of <b>{{email}}</b> at {{tenant}}.</p>
                <p>Your reset code: <code style="font-size:1.2em">{{code}}</code></p>
                <p><a href="{{link}}">Reset your password</a></p>
                <p>The code expires in {{expiresInMinutes}} minutes and works once. If you did not ask for this,
                ignore this mail: your password stays as it is.</p>
                """)));
        DEFAULTS.put(MailKind.MAGIC_LINK, new MailTemplate(
                "Your {{tenant}} sign-in link",
                """
                Sign in to {{tenant}} as {{email}} with this link: {{link}}

                Or enter this code: {{code}}

                It expires in {{expiresInMinutes}} minutes and works once. If you did not ask for it, ignore this mail.
                """,
                page("""
                <p><a href="{{link}}">Sign in to {{tenant}}</a> as <b>{{email}}</b>.</p>
                <p>Or enter this code: <code style="font-size:1.2em">{{code}}</code></p>
                <p>It expires in {{expiresInMinutes}} minutes and works once. If you did not ask for it, ignore this
                mail.</p>
                """)));
        DEFAULTS.put(MailKind.EMAIL_VERIFICATION, new MailTemplate(
                "Confirm your email address for {{tenant}}",
                """
                Please confirm that {{email}} is your address at {{tenant}}.

                Your confirmation code: {{code}}
                Or open this link: {{link}}

                The code expires in {{expiresInMinutes}} minutes.
                """,
                page("""
                <p>Please confirm that <b>{{email}}</b> is your address at {{tenant}}.</p>
                <p>Your confirmation code: <code style="font-size:1.2em">{{code}}</code></p>
                <p><a href="{{link}}">Confirm your address</a></p>
                <p>The code expires in {{expiresInMinutes}} minutes.</p>
                """)));
        DEFAULTS.put(MailKind.INVITATION, new MailTemplate(
                "You are invited to {{tenant}}",
                """
                {{inviter}} invited {{email}} to {{tenant}}.

                Accept the invitation: {{link}}
                Your invitation code: {{code}}

                The invitation expires in {{expiresInMinutes}} minutes.
                """,
                page("""
                <p>{{inviter}} invited <b>{{email}}</b> to {{tenant}}.</p>
                <p><a href="{{link}}">Accept the invitation</a></p>
                <p>Your invitation code: <code style="font-size:1.2em">{{code}}</code></p>
                <p>The invitation expires in {{expiresInMinutes}} minutes.</p>
                """)));
        DEFAULTS.put(MailKind.PASSWORD_CHANGED, new MailTemplate(
                "Your {{tenant}} password was changed",
                """
                The password of {{email}} at {{tenant}} was changed ({{changedAt}}).

                If this was you, there is nothing to do. If it was not, reset your password at once and contact
                the administrator of {{tenant}}.
                """,
                page("""
                <p>The password of <b>{{email}}</b> at {{tenant}} was changed ({{changedAt}}).</p>
                <p>If this was you, there is nothing to do. If it was not, reset your password at once and contact
                the administrator of {{tenant}}.</p>
                """)));
        DEFAULTS.put(MailKind.MFA_ENABLED, new MailTemplate(
                "Two-step sign-in was turned on for your {{tenant}} account",
                """
                Two-step sign-in (an authenticator app code) was turned on for {{email}} at {{tenant}}
                ({{changedAt}}). Your other sessions were signed out.

                If this was you, keep your recovery codes somewhere safe. If it was not, reset your password at
                once and contact the administrator of {{tenant}}.
                """,
                page("""
                <p>Two-step sign-in (an authenticator app code) was turned on for <b>{{email}}</b> at {{tenant}}
                ({{changedAt}}). Your other sessions were signed out.</p>
                <p>If this was you, keep your recovery codes somewhere safe. If it was not, reset your password at
                once and contact the administrator of {{tenant}}.</p>
                """)));
        DEFAULTS.put(MailKind.MFA_DISABLED, new MailTemplate(
                "Two-step sign-in was turned off for your {{tenant}} account",
                """
                Two-step sign-in was turned off for {{email}} at {{tenant}} ({{changedAt}}): a password alone now
                signs in.

                If this was not you, reset your password at once and contact the administrator of {{tenant}}.
                """,
                page("""
                <p>Two-step sign-in was turned off for <b>{{email}}</b> at {{tenant}} ({{changedAt}}): a password
                alone now signs in.</p>
                <p>If this was not you, reset your password at once and contact the administrator of
                {{tenant}}.</p>
                """)));
        DEFAULTS.put(MailKind.EMAIL_CHANGE, new MailTemplate(
                "Confirm your new {{tenant}} address",
                """
                Someone signed in to {{tenant}} asked to use {{email}} as their address from now on.

                Your confirmation code: {{code}}

                Enter it where you asked for the change. It expires in {{expiresInMinutes}} minutes. If you did not
                ask for this, ignore this mail: nothing changes without the code.
                """,
                page("""
                <p>Someone signed in to {{tenant}} asked to use <b>{{email}}</b> as their address from now on.</p>
                <p>Your confirmation code: <code style="font-size:1.2em">{{code}}</code></p>
                <p>Enter it where you asked for the change. It expires in {{expiresInMinutes}} minutes. If you did not
                ask for this, ignore this mail: nothing changes without the code.</p>
                """)));
        DEFAULTS.put(MailKind.EMAIL_CHANGE_REQUESTED, new MailTemplate(
                "A change of your {{tenant}} address was requested",
                """
                Someone signed in to your {{tenant}} account ({{email}}) asked to change its address to
                {{newEmailMasked}} ({{requestedAt}}). A code was mailed there; the change happens only once it is
                entered, within {{expiresInMinutes}} minutes.

                If this was you, there is nothing to do. If it was not, change your password at once: someone
                else has access to your account.
                """,
                page("""
                <p>Someone signed in to your {{tenant}} account (<b>{{email}}</b>) asked to change its address to
                <b>{{newEmailMasked}}</b> ({{requestedAt}}). A code was mailed there; the change happens only once it
                is entered, within {{expiresInMinutes}} minutes.</p>
                <p>If this was you, there is nothing to do. If it was not, change your password at once: someone
                else has access to your account.</p>
                """)));
        DEFAULTS.put(MailKind.EMAIL_CHANGED, new MailTemplate(
                "Your {{tenant}} address was changed",
                """
                The address of your {{tenant}} account was changed from {{email}} to {{newEmailMasked}}
                ({{changedAt}}). Mail about the account now goes there.

                If this was not you, undo the change within {{expiresInDays}} days: {{link}}
                (or give the app this undo code: {{token}})
                Undoing it puts {{email}} back and signs every session out. Then reset your password.
                """,
                page("""
                <p>The address of your {{tenant}} account was changed from <b>{{email}}</b> to
                <b>{{newEmailMasked}}</b> ({{changedAt}}). Mail about the account now goes there.</p>
                <p>If this was not you, <a href="{{link}}">undo the change</a> within {{expiresInDays}} days.
                Undoing it puts {{email}} back and signs every session out. Then reset your password.</p>
                """)));
        for (MailKind kind : MailKind.values()) {
            if (!DEFAULTS.containsKey(kind)) {
                throw new IllegalStateException("no default template for " + kind);
            }
            DEFAULTS.get(kind).requireValidFor(kind);
        }
    }

    private DefaultMailTemplates() {
    }

    public static MailTemplate of(MailKind kind) {
        return DEFAULTS.get(kind);
    }

    private static String page(String body) {
        return "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n" + body + "</body></html>\n";
    }
}
