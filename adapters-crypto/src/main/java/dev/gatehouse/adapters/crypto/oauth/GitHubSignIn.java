package dev.gatehouse.adapters.crypto.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol.ProviderFailure;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import java.net.URI;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;

/**
 * GitHub's OAuth 2 (github.com, or a GitHub Enterprise Server at the provider's issuer): the authorization request
 * with state and an S256 PKCE challenge (no nonce: there is no ID token), the code exchange as a form post asking for
 * JSON (GitHub answers an error with 200 and {@code {"error": ...}}), then the user API: the numeric {@code id} is the
 * subject, and the address is the primary one of {@code /user/emails}, only when GitHub marks it verified.
 */
final class GitHubSignIn {
    static final String GITHUB_AUTHORIZE = "https://github.com/login/oauth/authorize";
    static final String GITHUB_TOKEN = "https://github.com/login/oauth/access_token";
    static final String GITHUB_API = "https://api.github.com";

    private final GuardedHttp http;

    GitHubSignIn(GuardedHttp http) {
        this.http = http;
    }

    /** github.com's endpoints, or those of the Enterprise Server at the issuer. */
    record Endpoints(URI authorization, URI token, String api) {
        static Endpoints of(OAuthProvider provider) {
            String base = provider.issuer();
            return base == null ? new Endpoints(URI.create(GITHUB_AUTHORIZE), URI.create(GITHUB_TOKEN), GITHUB_API)
                    : new Endpoints(URI.create(base + "/login/oauth/authorize"),
                    URI.create(base + "/login/oauth/access_token"), base + "/api/v3");
        }
    }

    void check(OAuthProvider provider) {
        endpoints(provider);
    }

    URI authorizeUrl(OAuthProvider provider, URI callback, String state, String codeVerifier) {
        return new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(provider.clientId()))
                .endpointURI(endpoints(provider).authorization())
                .redirectionURI(callback)
                .scope(new Scope(provider.scopes().toArray(String[]::new)))
                .state(new State(state))
                .codeChallenge(Protocols.verifier(codeVerifier), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    ProviderProfile complete(OAuthProvider provider, URI callback, String code, String codeVerifier) {
        Endpoints endpoints = endpoints(provider);
        AccessToken token = exchange(provider, endpoints, callback, code, codeVerifier);
        JSONObject user = object(get(endpoints.api() + "/user", token, "user API"), "user API");
        Object id = user.get("id");
        if (!(id instanceof Number number) || number.longValue() <= 0) {
            throw new ProviderFailure("GitHub's user API named no numeric id");
        }
        String email = null;
        boolean verified = false;
        HTTPResponse emails = get(endpoints.api() + "/user/emails", token, "user emails API");
        JSONArray list;
        try {
            list = emails.getBodyAsJSONArray();
        } catch (ParseException e) {
            throw new ProviderFailure("GitHub's user emails API answered no list");
        }
        for (Object entry : list) {
            if (entry instanceof JSONObject address && Boolean.TRUE.equals(address.get("primary"))) {
                if (Boolean.TRUE.equals(address.get("verified")) && address.get("email") instanceof String text) {
                    email = text;
                    verified = true;
                }
                break;
            }
        }
        String name = text(user, "name");
        return Protocols.profile(provider.identityIssuer(), Long.toString(number.longValue()), email, verified,
                name != null ? name : text(user, "login"), null, null, text(user, "avatar_url"));
    }

    private Endpoints endpoints(OAuthProvider provider) {
        Endpoints endpoints = Endpoints.of(provider);
        http.requireUsable("issuer", endpoints.authorization());
        return endpoints;
    }

    private AccessToken exchange(OAuthProvider provider, Endpoints endpoints, URI callback, String code,
                                 String codeVerifier) {
        HTTPRequest request = new TokenRequest(endpoints.token(),
                new ClientSecretPost(new ClientID(provider.clientId()), new Secret(provider.clientSecret())),
                new AuthorizationCodeGrant(Protocols.code(code), callback, Protocols.verifier(codeVerifier)))
                .toHTTPRequest();
        request.setAccept("application/json");
        HTTPResponse response = http.send("GitHub token endpoint", request);
        JSONObject answer = object(response, "token endpoint");
        try {
            if (answer.containsKey("error")) {
                throw Protocols.refused("GitHub's token endpoint", TokenErrorResponse.parse(answer).getErrorObject(),
                        response.getStatusCode());
            }
            return AccessTokenResponse.parse(answer).getTokens().getAccessToken();
        } catch (ParseException e) {
            throw new ProviderFailure("GitHub's token endpoint answered no access token");
        }
    }

    private HTTPResponse get(String url, AccessToken token, String what) {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, URI.create(url));
        request.setAuthorization(token.toAuthorizationHeader());
        request.setAccept("application/vnd.github+json");
        request.setHeader("X-GitHub-Api-Version", "2022-11-28");
        HTTPResponse response = http.send("GitHub " + what, request);
        if (response.getStatusCode() != 200) {
            throw new ProviderFailure("GitHub's " + what + " answered HTTP " + response.getStatusCode());
        }
        return response;
    }

    private static JSONObject object(HTTPResponse response, String what) {
        if (response.getStatusCode() != 200) {
            throw new ProviderFailure("GitHub's " + what + " answered HTTP " + response.getStatusCode());
        }
        try {
            return response.getBodyAsJSONObject();
        } catch (ParseException e) {
            throw new ProviderFailure("GitHub's " + what + " answered no JSON object");
        }
    }

    private static String text(JSONObject object, String key) {
        return object.get(key) instanceof String value && !value.isBlank() ? value : null;
    }
}
