package dev.gatehouse.application.oauth.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import java.net.URI;

/**
 * The provider's redirect back to {@code /v1/auth/oauth/callback}: finishes the flow its {@code state} names (once).
 * Every refusal after the flow is known becomes a redirect to the app with {@code error} (or, for the compat flow,
 * the page's message); a state that names no live flow of this browser is an
 * {@link dev.gatehouse.domain.error.InvalidOAuthState}.
 */
public interface OAuthCallbackUseCase {

    Outcome callback(Command command);

    /** The callback's query ({@code code} or {@code error}) and the browser-binding cookie (null when absent). */
    record Command(String state, String code, String error, String errorDescription, String browser,
                   ClientInfo client) {
        @Override
        public String toString() {
            return "Command[error=" + error + "]";
        }
    }

    /** Where the browser goes next. */
    sealed interface Outcome {
    }

    /** Back to the app's redirect URI, with {@code code} and {@code state}, {@code linked}, or {@code error}. */
    record Redirect(URI location) implements Outcome {
    }

    /** The compat flow's closing page: whether the poller will get a token, and what to tell the user. */
    record CompatPage(boolean signedIn, String message) implements Outcome {
    }
}
