// Token verification benchmark: idport against jose, aws-jwt-verify and a bare node:crypto
// floor, interleaved in one process on the same tokens. Prints one JSON line per contender and
// scenario, then JWKS fetch counts and memory growth. Run: `pnpm bench` (builds first).
//
// Environment: BENCH_ROUNDS (default 40), BENCH_BATCH (verifications per contender per round,
// default 500), BENCH_DISTINCT (distinct tokens per algorithm, default 2000),
// BENCH_RSS_VERIFICATIONS (default 1000000).
import { verify as cryptoVerify, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { JwtVerifier } from 'aws-jwt-verify';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { createRemoteKeyStore, createTokenVerifier } from '../dist/index.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 40);
const batch = Number(process.env.BENCH_BATCH ?? 500);
const distinctCount = Number(process.env.BENCH_DISTINCT ?? 2000);
const rssVerifications = Number(process.env.BENCH_RSS_VERIFICATIONS ?? 1_000_000);
const issuer = 'https://issuer.bench/';
const audience = 'api://bench';
const print = (line) => console.log(JSON.stringify(line));

// --- keys, JWKS server, tokens -------------------------------------------------------------
const algorithms = ['RS256', 'ES256'];
const keys = {};
for (const alg of algorithms) {
  const pair = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-key`;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
  keys[alg] = { ...pair, kid, jwk };
}
const jwks = { keys: algorithms.map((alg) => keys[alg].jwk) };

let jwksRequests = 0;
const server = createServer((_request, response) => {
  jwksRequests++;
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const jwksUri = `http://127.0.0.1:${server.address().port}/jwks.json`;

const nowSeconds = () => Math.floor(Date.now() / 1000);
async function sign(alg, extra = {}) {
  return new SignJWT({ scope: 'read write', groups: ['staff'], ...extra })
    .setProtectedHeader({ alg, kid: keys[alg].kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(`user-${randomUUID()}`)
    .setIssuedAt()
    .setExpirationTime(nowSeconds() + 7200)
    .sign(keys[alg].privateKey);
}
const sameToken = {};
const distinctTokens = {};
for (const alg of algorithms) {
  sameToken[alg] = await sign(alg);
  distinctTokens[alg] = [];
  for (let index = 0; index < distinctCount; index++) distinctTokens[alg].push(await sign(alg, { n: index }));
}

// --- contenders ------------------------------------------------------------------------------
const idportOptions = (store, extra = {}) => ({
  provider: 'bench',
  issuer,
  audience,
  keys: store,
  algorithms,
  ...extra,
});
const sharedStore = createRemoteKeyStore({ jwksUri });
const idport = createTokenVerifier(idportOptions(sharedStore));
let idportCached = createTokenVerifier(idportOptions(sharedStore, { resultCache: { maxEntries: 10_000 } }));
const joseLocalKeys = createLocalJWKSet(jwks);
const joseRemoteKeys = createRemoteJWKSet(new URL(jwksUri));
const aws = JwtVerifier.create({ issuer, audience, jwksUri: 'https://issuer.bench/jwks.json' });
aws.cacheJwks(jwks);

const bareKeys = {
  'rs256-key': { key: keys.RS256.publicKey, digest: 'sha256', options: (key) => key },
  'es256-key': {
    key: keys.ES256.publicKey,
    digest: 'sha256',
    options: (key) => ({ key, dsaEncoding: 'ieee-p1363' }),
  },
};
for (const entry of Object.values(bareKeys)) {
  // jose hands out WebCrypto keys; node:crypto wants KeyObjects.
  const { KeyObject } = await import('node:crypto');
  entry.key = entry.options(KeyObject.from(entry.key));
}
/** The floor: parse, signature verify with a ready KeyObject, JSON.parse, exp check. Nothing else. */
function bareVerify(token) {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  const header = JSON.parse(Buffer.from(token.slice(0, first), 'base64url').toString());
  const key = bareKeys[header.kid];
  const ok = cryptoVerify(
    key.digest,
    Buffer.from(token.slice(0, second)),
    key.key,
    Buffer.from(token.slice(second + 1), 'base64url'),
  );
  if (!ok) throw new Error('bad signature');
  const payload = JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString());
  if (payload.exp <= Date.now() / 1000) throw new Error('expired');
  return payload;
}

const joseOptions = { issuer, audience, algorithms };
const contenders = [
  { name: 'bare-node-crypto', verify: async (token) => bareVerify(token) },
  { name: 'idport', verify: (token) => idport.verify(token) },
  { name: 'idport+resultCache', verify: (token) => idportCached.verify(token), resetPerRound: true },
  { name: 'jose-local-jwks', verify: (token) => jwtVerify(token, joseLocalKeys, joseOptions) },
  { name: 'jose-remote-jwks', verify: (token) => jwtVerify(token, joseRemoteKeys, joseOptions) },
  { name: 'aws-jwt-verify', verify: (token) => aws.verify(token) },
];
const libraries = ['jose-local-jwks', 'jose-remote-jwks', 'aws-jwt-verify'];

// Every contender must accept every token before anything is timed.
for (const contender of contenders) {
  for (const alg of algorithms) {
    await contender.verify(sameToken[alg]);
    for (const token of distinctTokens[alg].slice(0, 50)) await contender.verify(token);
  }
}

function shuffle(list) {
  const copy = [...list];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
};
const median = (values) => quantile(values, 0.5);
const round3 = (value) => Number(value.toFixed(3));

/**
 * Runs every contender on the same batch, in a new random order each round, and keeps each
 * round's rate. Ratios are the median over rounds of the ratio within a round, so that load
 * from other processes (which moves all contenders of a round alike) cancels out. The ratio
 * to the best library is the smallest of the ratios to each library.
 */
async function runScenario(name, batchForRound, options = {}) {
  const perRound = new Map(contenders.map((contender) => [contender.name, []]));
  for (let round = 0; round <= rounds; round++) {
    const tokens = batchForRound(round);
    for (const contender of shuffle(contenders)) {
      if (options.freshResultCache && contender.resetPerRound) {
        // Distinct tokens: a fresh result cache each round, so every verification is a miss and
        // the figure shows the cache's own cost. The JWKS cache stays warm (shared store).
        idportCached = createTokenVerifier(
          idportOptions(sharedStore, { resultCache: { maxEntries: 10_000 } }),
        );
      }
      const started = process.hrtime.bigint();
      for (const token of tokens) await contender.verify(token);
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      if (round > 0) perRound.get(contender.name).push(tokens.length / elapsed); // round 0 warms up
    }
  }
  const ratiosTo = (contender, reference) =>
    perRound.get(contender).map((rate, index) => rate / reference(index));
  const bareAt = (index) => perRound.get('bare-node-crypto')[index];
  const figures = {};
  for (const contender of perRound.keys()) {
    const toBare = ratiosTo(contender, bareAt);
    // Against each library separately (median of per-round ratios), then the least favourable
    // one: taking the per-round maximum of three noisy libraries would bias the reference up.
    const toLibraries = Object.fromEntries(
      libraries.map((library) => [
        library,
        median(ratiosTo(contender, (index) => perRound.get(library)[index])),
      ]),
    );
    figures[contender] = { toBare: median(toBare), toBestLibrary: Math.min(...Object.values(toLibraries)) };
    print({
      scenario: name,
      contender,
      verifiesPerSecond: Math.round(median(perRound.get(contender))),
      ratioToBareNodeCrypto: round3(figures[contender].toBare),
      ratioToBestLibrary: round3(figures[contender].toBestLibrary),
      ratioToEachLibrary: Object.fromEntries(
        Object.entries(toLibraries).map(([library, ratio]) => [library, round3(ratio)]),
      ),
      // Spread of the per-round ratios (25th and 75th percentiles): how noisy this run was.
      ratioToBareNodeCryptoInterquartile: [round3(quantile(toBare, 0.25)), round3(quantile(toBare, 0.75))],
    });
  }
  return figures;
}

console.error(
  `node ${process.version}, ${rounds} rounds + 1 warm-up, batch ${batch}, ${distinctCount} distinct tokens per algorithm`,
);
const summary = {};
for (const alg of algorithms) {
  const repeated = Array(batch).fill(sameToken[alg]);
  summary[`${alg} same token`] = await runScenario(`${alg} same token, warm JWKS`, () => repeated);
}
for (const alg of algorithms) {
  const all = distinctTokens[alg];
  const size = Math.min(batch, all.length);
  summary[`${alg} distinct tokens`] = await runScenario(
    `${alg} distinct tokens (${size} per round from ${all.length}), warm JWKS`,
    (round) => {
      const start = (round * size) % all.length;
      return [...all.slice(start, start + size), ...all.slice(0, Math.max(0, start + size - all.length))];
    },
    { freshResultCache: true },
  );
}
for (const [scenario, figures] of Object.entries(summary)) {
  print({
    summary: scenario,
    idportToBare: Number(figures.idport.toBare.toFixed(3)),
    idportToBestLibrary: Number(figures.idport.toBestLibrary.toFixed(3)),
    idportWithResultCacheToBare: Number(figures['idport+resultCache'].toBare.toFixed(3)),
    idportWithResultCacheToBestLibrary: Number(figures['idport+resultCache'].toBestLibrary.toFixed(3)),
    targets: { idportToBare: '>= 0.9', idportToBestLibrary: '>= 1' },
  });
}

// --- JWKS fetches: cold cache --------------------------------------------------------------
{
  const before = jwksRequests;
  const cold = createTokenVerifier(idportOptions(createRemoteKeyStore({ jwksUri })));
  const results = await Promise.allSettled(Array.from({ length: 1000 }, () => cold.verify(sameToken.RS256)));
  print({
    measure: 'JWKS fetches for 1000 concurrent verifications on a cold cache',
    fetches: jwksRequests - before,
    verified: results.filter((result) => result.status === 'fulfilled').length,
    target: 1,
  });
}

// --- JWKS fetches: unknown-kid flood within one cooldown window ------------------------------
{
  let clockOffset = 0;
  const store = createRemoteKeyStore({ jwksUri, cooldownMs: 30_000, now: () => Date.now() + clockOffset });
  const flooded = createTokenVerifier(idportOptions(store));
  await flooded.verify(sameToken.ES256);
  clockOffset += 30_000; // the cooldown since the warm-up fetch has passed: the worst case
  const before = jwksRequests;
  const [, payload, signature] = sameToken.ES256.split('.');
  const work = [];
  let validCount = 0;
  for (let index = 0; index < 10_000; index++) {
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: randomUUID() })).toString('base64url');
    work.push(
      flooded.verify(`${header}.${payload}.${signature}`).then(
        () => 'accepted',
        () => 'refused',
      ),
    );
    if (index % 10 === 0) {
      work.push(flooded.verify(distinctTokens.ES256[index % distinctCount]).then(() => validCount++));
    }
  }
  const outcomes = await Promise.all(work);
  print({
    measure: 'JWKS fetches for 10000 tokens with random unknown kids in one cooldown window',
    refetches: jwksRequests - before,
    forgedAccepted: outcomes.filter((outcome) => outcome === 'accepted').length,
    validVerified: validCount,
    validSubmitted: 1000,
    target: '<= 1 refetch',
  });
}

// --- memory over many verifications ------------------------------------------------------------
async function memoryGrowth(name, verifier, tokens) {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const samples = [];
  for (let index = 0; index < rssVerifications; index++) {
    await verifier.verify(tokens[index % tokens.length]);
    if (index > 0 && index % (rssVerifications / 4) === 0)
      samples.push(Math.round(process.memoryUsage().rss / 2 ** 20));
  }
  globalThis.gc?.();
  const after = process.memoryUsage();
  print({
    measure: `memory over ${rssVerifications} verifications (${name})`,
    rssBeforeMiB: Math.round(before.rss / 2 ** 20),
    rssQuartersMiB: samples,
    rssAfterMiB: Math.round(after.rss / 2 ** 20),
    heapUsedBeforeMiB: Math.round(before.heapUsed / 2 ** 20),
    heapUsedAfterMiB: Math.round(after.heapUsed / 2 ** 20),
    gcExposed: typeof globalThis.gc === 'function',
  });
}
await memoryGrowth('idport, RS256, distinct tokens cycled', idport, distinctTokens.RS256);
await memoryGrowth(
  'idport+resultCache(maxEntries 1000), RS256, distinct tokens cycled',
  createTokenVerifier(idportOptions(sharedStore, { resultCache: { maxEntries: 1000 } })),
  distinctTokens.RS256,
);

server.close();
