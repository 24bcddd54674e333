// @ts-check
// A client generated from the served OpenAPI document at test time: openapi-typescript turns
// GET /openapi.json into generated/gatehouse-api.d.ts, tsc checks this file against it, and openapi-fetch
// makes the calls: sign up, sign in, refresh, read /v1/me, and a refused sign-in. One line per step; exits
// non-zero at the first mismatch.
//   node node_modules/openapi-typescript/bin/cli.js http://127.0.0.1:8099/openapi.json -o generated/gatehouse-api.d.ts
//   GATEHOUSE_BASE_URL=http://127.0.0.1:8099 GATEHOUSE_PUBLIC_KEY=dev_memory_pk node gatehouse-openapi-client.mjs
import createClient from 'openapi-fetch';

/** @typedef {import('./generated/gatehouse-api.js').paths} Paths */

const base = (process.env.GATEHOUSE_BASE_URL ?? 'http://127.0.0.1:8099').replace(/\/$/, '');
const publicKey = process.env.GATEHOUSE_PUBLIC_KEY ?? 'dev_memory_pk';

/** @type {import('openapi-fetch').Client<Paths>} */
const client = createClient({ baseUrl: base, headers: { 'X-API-Key': publicKey } });

/** @param {boolean} condition @param {string} step @param {unknown} detail */
function expect(condition, step, detail) {
  if (!condition) {
    console.log(`FAIL ${step}: ${JSON.stringify(detail)}`);
    process.exit(1);
  }
  console.log(`ok ${step}`);
}

const email = `generated-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;
const password = 'a generated client passphrase';

const signUp = await client.POST('/v1/auth/signup', { body: { email, password } });
expect(signUp.response.status === 201 && signUp.data !== undefined && 'accessToken' in signUp.data,
  'sign up', signUp.error ?? signUp.data);

// A sign-in answers the tokens or, for a user with a second factor (or a tenant requiring one), a second step
// (MfaRequired, MfaEnrollmentRequired: no tokens); this new user has none, so the tokens.
const signIn = await client.POST('/v1/auth/signin', { body: { email, password } });
const signedIn = signIn.data !== undefined && 'accessToken' in signIn.data ? signIn.data : undefined;
expect(signIn.response.status === 200 && signedIn?.user.email === email && signedIn.tokenType === 'Bearer',
  'sign in', signIn.error ?? signIn.data);
const first = /** @type {NonNullable<typeof signedIn>} */ (signedIn);

const refresh = await client.POST('/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
expect(refresh.response.status === 200 && refresh.data !== undefined
  && refresh.data.refreshToken !== first.refreshToken && refresh.data.user.id === first.user.id,
  'refresh', refresh.error ?? refresh.data);
const next = /** @type {NonNullable<typeof refresh.data>} */ (refresh.data);

const me = await client.GET('/v1/me', { headers: { Authorization: `Bearer ${next.accessToken}` } });
expect(me.response.status === 200 && me.data?.email === email && me.data.id === first.user.id
  && me.data.role === 'account_admin', 'read /v1/me', me.error ?? me.data);

const wrong = await client.POST('/v1/auth/signin', { body: { email, password: 'not the passphrase' } });
expect(wrong.response.status === 401 && wrong.error?.type === 'urn:gatehouse:problem:invalid-credentials',
  'wrong password refused', wrong.error);

console.log('PASS gatehouse-openapi-client');
