// End-to-end check of StaticBackend's socialLogin: the real JS client (@staticbackend/js, unmodified) signs in
// through a provider configured on a running Gatehouse server. The client opens a browser window on
// /oauth/login and polls /oauth/get-user; here the "window" is a browser stand-in that follows every redirect
// with a cookie jar (Gatehouse's binding cookie, the provider's), as a browser does, until the closing page.
// Prints one line per step; exits 1 with a clear message at the first mismatch.
//
//   GATEHOUSE_BASE_URL    the server, e.g. http://127.0.0.1:8099
//   GATEHOUSE_PUBLIC_KEY  the tenant's public key (default: dev_memory_pk)
//   GATEHOUSE_PROVIDER    the provider name configured on the tenant
//   GATEHOUSE_EXPECT_EMAIL the address the provider asserts (the result must carry it)
import { Backend } from "@staticbackend/js";

const baseUrl = (process.env.GATEHOUSE_BASE_URL || "http://localhost:8099").replace(/\/+$/, "");
const publicKey = process.env.GATEHOUSE_PUBLIC_KEY || "dev_memory_pk";
const provider = process.env.GATEHOUSE_PROVIDER || "idp";
const expectEmail = process.env.GATEHOUSE_EXPECT_EMAIL || "";
const timeoutMs = Number(process.env.GATEHOUSE_E2E_TIMEOUT_MS || 30000);

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

setTimeout(() => fail(`no result within ${timeoutMs} ms`), timeoutMs).unref();

/** A browser window: follows redirects across hosts, keeping each host's cookies; resolves with the last page. */
async function browse(url) {
  const jar = new Map(); // host -> Map(name -> value)
  let current = url;
  for (let hop = 0; hop < 10; hop++) {
    const target = new URL(current);
    const cookies = jar.get(target.host) || new Map();
    const headers = {};
    if (cookies.size > 0) {
      headers.Cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const response = await fetch(current, { redirect: "manual", headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    jar.set(target.host, cookies);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).toString();
      continue;
    }
    return { status: response.status, url: current, body: await response.text() };
  }
  fail("more than 10 redirects");
}

let page = null;
globalThis.window = {
  open(url) {
    console.log(`window.open ${new URL(url).pathname}`);
    browse(url).then((result) => {
      page = result;
      console.log(`closing page: ${result.status} at ${new URL(result.url).pathname}`);
    }, (error) => fail(`the browser stand-in failed: ${error.message}`));
  },
};

const backend = new Backend(publicKey, baseUrl);
const user = await backend.socialLogin(provider);
if (!page || page.status !== 200 || !page.body.includes("You are signed in")) {
  fail(`the closing page should say the sign-in worked: ${JSON.stringify(page)}`);
}
if (!user || typeof user.token !== "string" || user.token.length === 0) {
  fail(`socialLogin should answer a token, got ${JSON.stringify(user)}`);
}
console.log(`socialLogin: token for ${user.email}`);
if (expectEmail && user.email !== expectEmail) {
  fail(`expected the email ${expectEmail}, got ${user.email}`);
}
const me = await backend.me(user.token);
if (!me.ok || me.content.email !== user.email) {
  fail(`/me with the token should name the same user: ${JSON.stringify(me)}`);
}
console.log("me: the token works");
const again = await backend.req("", "GET", "/oauth/get-user?reqid=unknown-request");
if (!again.ok || again.content !== false) {
  fail(`an unknown request id should answer false: ${JSON.stringify(again)}`);
}
console.log("OK");
process.exit(0);
