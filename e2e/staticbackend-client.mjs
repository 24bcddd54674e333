// End-to-end check: StaticBackend's real JS client (@staticbackend/js, unmodified) against a running
// Gatehouse server. Prints one line per step; exits 1 with a clear message at the first mismatch.
//
//   GATEHOUSE_BASE_URL    the server, e.g. http://127.0.0.1:8099 (default: the bin/dev server)
//   GATEHOUSE_PUBLIC_KEY  the tenant's public key (default: dev_memory_pk, the dev tenant)
//
// The client takes a region name or a full base URL as its second argument: anything 10 characters
// or longer is used verbatim as the base URL (shorter strings become https://<region>.staticbackend.dev).
import { randomBytes } from "node:crypto";
import { Backend } from "@staticbackend/js";

const baseUrl = (process.env.GATEHOUSE_BASE_URL || "http://localhost:8099").replace(/\/+$/, "");
const publicKey = process.env.GATEHOUSE_PUBLIC_KEY || "dev_memory_pk";
const timeoutMs = Number(process.env.GATEHOUSE_E2E_TIMEOUT_MS || 30000);

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

function show(value) {
  if (value instanceof Error) {
    const cause = value.cause instanceof Error ? ` (${value.cause.message})` : "";
    return `${value.name}: ${value.message}${cause}`;
  }
  return JSON.stringify(value);
}

function expectOk(step, result) {
  if (!result.ok) {
    fail(`${step}: expected success, got an error: ${show(result.content)}`);
  }
  return result.content;
}

function expectToken(step, result) {
  const token = expectOk(step, result);
  if (typeof token !== "string" || token.length === 0) {
    fail(`${step}: expected a token as a JSON string, got ${show(token)}`);
  }
  return token;
}

function expectField(object, field, check, description) {
  if (!check(object[field])) {
    fail(`me: field "${field}" should be ${description}, got ${show(object[field])} in ${show(object)}`);
  }
}

if (baseUrl.length < 10) {
  fail(`GATEHOUSE_BASE_URL "${baseUrl}" is too short: the client would treat it as a region name`);
}
// A hung server must not hang the caller: give up after a bounded time.
setTimeout(() => fail(`no result after ${timeoutMs} ms (server at ${baseUrl} not answering?)`), timeoutMs).unref();

const backend = new Backend(publicKey, baseUrl);
const email = `e2e-${Date.now()}-${randomBytes(4).toString("hex")}@example.com`;
const password = `pw-${randomBytes(12).toString("hex")}`;
console.log(`server ${baseUrl}, public key ${publicKey}`);

const registerToken = expectToken("register", await backend.register(email, password));
console.log(`ok register ${email}`);

const loginToken = expectToken("login", await backend.login(email, password));
console.log("ok login");

const me = expectOk("me", await backend.me(loginToken));
if (me === null || typeof me !== "object" || Array.isArray(me)) {
  fail(`me: expected a JSON object, got ${show(me)}`);
}
const nonEmptyString = (v) => typeof v === "string" && v.length > 0;
expectField(me, "email", (v) => v === email, `"${email}"`);
expectField(me, "role", (v) => v === 50, "50 (account admin: the first user of a new account)");
expectField(me, "accountId", nonEmptyString, "a non-empty string");
expectField(me, "id", nonEmptyString, "a non-empty string");
if ("userId" in me && me.userId !== me.id) {
  fail(`me: "userId" (${show(me.userId)}) differs from "id" (${show(me.id)})`);
}
const meFromRegister = expectOk("me (register token)", await backend.me(registerToken));
if (meFromRegister.id !== me.id || meFromRegister.accountId !== me.accountId) {
  fail(`me: register token and login token name different users: ${show(meFromRegister)} vs ${show(me)}`);
}
console.log(`ok me id=${me.id} accountId=${me.accountId} role=${me.role}`);

const wrong = await backend.login(email, `${password}-wrong`);
if (wrong.ok) {
  fail(`login with a wrong password succeeded: ${show(wrong.content)}`);
}
const errorText = typeof wrong.content === "string" ? wrong.content.trim() : show(wrong.content);
if (errorText !== "invalid email/password") {
  fail(`login with a wrong password: expected the error "invalid email/password", got ${JSON.stringify(errorText)}`);
}
console.log(`ok wrong password refused: ${errorText}`);

// Account users: the admin (the registered user, role 50) adds a member, lists, and removes them.
const memberEmail = `e2e-member-${Date.now()}-${randomBytes(4).toString("hex")}@example.com`;
const added = expectOk("addUser", await backend.addUser(loginToken, memberEmail, password));
if (added === null || typeof added !== "object" || added.id === undefined || added.userId !== added.id
    || added.accountId !== me.accountId || added.role !== 0 || added.email !== memberEmail) {
  fail(`addUser: expected the new user object (id == userId, same accountId, role 0), got ${show(added)}`);
}
console.log(`ok addUser ${memberEmail} id=${added.id}`);

const listed = expectOk("users", await backend.users(loginToken));
if (!Array.isArray(listed) || !listed.some((u) => u.id === added.id) || !listed.some((u) => u.id === me.id)) {
  fail(`users: expected an array with the admin and the new member, got ${show(listed)}`);
}
const leaked = JSON.stringify(listed).match(/"(password|passwordHash|hash|token|code)"|\$2[aby]\$/);
if (leaked) {
  fail(`users: the list exposes secret material (${leaked[0]}): ${show(listed)}`);
}
console.log(`ok users: ${listed.length} users, no secrets in the list`);

const memberToken = expectToken("login (member)", await backend.login(memberEmail, password));
const memberAdds = await backend.addUser(memberToken, `e2e-x-${randomBytes(4).toString("hex")}@example.com`, password);
if (memberAdds.ok) {
  fail(`addUser by a role-0 member succeeded: ${show(memberAdds.content)}`);
}
const memberRemoves = await backend.removeUser(memberToken, me.id);
if (memberRemoves.ok) {
  fail(`removeUser by a role-0 member succeeded: ${show(memberRemoves.content)}`);
}
console.log("ok a role-0 member can neither add nor remove users");

// Someone else's account: its admin cannot remove our member (404, as if the id did not exist).
const outsider = `e2e-outsider-${Date.now()}-${randomBytes(4).toString("hex")}@example.com`;
const outsiderToken = expectToken("register (outsider)", await backend.register(outsider, password));
const foreignRemove = await backend.removeUser(outsiderToken, added.id);
if (foreignRemove.ok) {
  fail(`removeUser from another account succeeded: ${show(foreignRemove.content)}`);
}
console.log(`ok another account's admin cannot remove the member: ${show(foreignRemove.content).trim()}`);

const removed = expectOk("removeUser", await backend.removeUser(loginToken, added.id));
if (removed !== true) {
  fail(`removeUser: expected true, got ${show(removed)}`);
}
const removedMe = await backend.me(memberToken);
if (removedMe.ok) {
  fail(`me with a removed user's token succeeded: ${show(removedMe.content)}`);
}
console.log("ok removeUser: true, and the removed user's token no longer works");
console.log("PASS staticbackend-client");
