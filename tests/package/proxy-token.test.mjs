// mintProxyToken, from the packed package as a merchant's backend imports it: its tokens
// are JWTs that the `jose` package verifies as HS256 with the same secret, audience
// `stripe-edge` and the claims asked for; `jose` tokens of the same claims are the
// same JWT but for the header's layout. (That the Worker takes both kinds is checked in
// tests/worker/proxy-clients.test.mjs, and jose's tokens in the core's tests/proxy_token.rs.)
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { mintProxyToken } from 'stripe-edge';
import { mintProxyToken as fromClientEntry } from 'stripe-edge/client';

const SECRET = 'proxy-token-test-secret-0123456789';
const key = new TextEncoder().encode(SECRET);
const verify = (token, secret = key) => jwtVerify(token, secret, { audience: 'stripe-edge', algorithms: ['HS256'] });

test('jose verifies a minted token with its claims; the clock gives iat and 900 s is the default lifetime', async () => {
  const before = Math.floor(Date.now() / 1000);
  const token = mintProxyToken({ secret: SECRET, sub: 'cus_Amy', scope: 'customer' });
  const after = Math.floor(Date.now() / 1000);
  const { payload, protectedHeader } = await verify(token);
  assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
  assert.equal(payload.sub, 'cus_Amy');
  assert.equal(payload.scope, 'customer');
  assert.equal(payload.aud, 'stripe-edge');
  assert.ok(payload.iat >= before && payload.iat <= after, `iat ${payload.iat} not in ${before}..${after}`);
  assert.equal(payload.exp - payload.iat, 900);
  assert.equal(payload.nbf, undefined);
});

test('a given time and lifetime are the token\'s; jose refuses it with another secret and once expired', async () => {
  const now = Math.floor(Date.now() / 1000) - 100;
  const token = mintProxyToken({ secret: SECRET, sub: 'back-office-app', scope: 'back-office', ttlSeconds: 3600, now });
  const { payload } = await verify(token);
  assert.deepEqual([payload.iat, payload.exp], [now, now + 3600]);
  await assert.rejects(verify(token, new TextEncoder().encode(`${SECRET}!`)), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  const old = mintProxyToken({ secret: SECRET, sub: 'cus_Amy', scope: 'customer', ttlSeconds: 60, now: now - 3600 });
  await assert.rejects(verify(old), { code: 'ERR_JWT_EXPIRED' });
});

test('the same claims from jose and from mintProxyToken carry the same payload and verify alike', async () => {
  const now = Math.floor(Date.now() / 1000);
  const ours = mintProxyToken({ secret: SECRET, sub: 'cus_"quoted"\u00e9', scope: 'customer', ttlSeconds: 120, now });
  const theirs = await new SignJWT({ scope: 'customer' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('cus_"quoted"\u00e9')
    .setAudience('stripe-edge')
    .setIssuedAt(now)
    .setExpirationTime(now + 120)
    .sign(key);
  const [a, b] = [await verify(ours), await verify(theirs)];
  assert.deepEqual(a.payload, b.payload);
  assert.deepEqual(decodeProtectedHeader(ours), decodeProtectedHeader(theirs));
});

test('every entry and module system gives the same function', () => {
  const require = createRequire(import.meta.url);
  assert.equal(typeof fromClientEntry, 'function');
  const cjs = require('stripe-edge').mintProxyToken;
  const args = { secret: SECRET, sub: 'cus_Amy', scope: 'customer', ttlSeconds: 60, now: 1_900_000_000 };
  assert.equal(cjs(args), mintProxyToken(args));
  assert.equal(fromClientEntry(args), mintProxyToken(args));
});

test('missing or wrong arguments are a TypeError or RangeError that names them', () => {
  const good = { secret: SECRET, sub: 'cus_Amy', scope: 'customer' };
  for (const name of ['secret', 'sub', 'scope']) {
    for (const value of [undefined, '', 7]) {
      assert.throws(() => mintProxyToken({ ...good, [name]: value }), (e) => e instanceof TypeError && e.message.includes(`${name} must be a non-empty string`), `${name}: ${value}`);
    }
  }
  assert.throws(() => mintProxyToken(), TypeError);
  for (const ttlSeconds of [1.5, '60', Number.NaN, Infinity, 2 ** 60]) {
    assert.throws(() => mintProxyToken({ ...good, ttlSeconds }), (e) => e instanceof TypeError && /ttlSeconds/.test(e.message), String(ttlSeconds));
  }
  for (const ttlSeconds of [0, -1]) {
    assert.throws(() => mintProxyToken({ ...good, ttlSeconds }), (e) => e instanceof RangeError && /ttlSeconds/.test(e.message), String(ttlSeconds));
  }
  assert.throws(() => mintProxyToken({ ...good, now: Number.MAX_SAFE_INTEGER, ttlSeconds: Number.MAX_SAFE_INTEGER }), RangeError);
});
