#!/usr/bin/env node
// Cost of spec checking: the same admin calls against the Keycloak fake with the checker off
// (baseline), in report mode and in enforce mode, sequentially over loopback. Prints mean
// milliseconds per call and the ratio to the baseline. Run after `pnpm build`.
import { createKeycloakFake } from '../dist/index.js';

const calls = Number(process.argv[2] ?? 400);

async function prepare(mode) {
  const fake = createKeycloakFake({ specCheck: mode });
  const url = await fake.start();
  const tokenResponse = await fetch(`${url}/realms/idport/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=idport-admin&client_secret=idport-admin-secret',
  });
  const { access_token: token } = await tokenResponse.json();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const ids = [];
  for (let index = 0; index < 50; index += 1) {
    const created = await fetch(`${url}/admin/realms/idport/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ username: `user-${index}`, email: `user-${index}@example.com`, enabled: true }),
    });
    ids.push(created.headers.get('location').split('/').pop());
  }
  const run = async () => {
    const started = performance.now();
    for (let index = 0; index < calls; index += 1) {
      const path = index % 2 === 0 ? '/users?first=0&max=20' : `/users/${ids[index % ids.length]}`;
      const response = await fetch(`${url}/admin/realms/idport${path}`, { headers });
      await response.arrayBuffer();
    }
    return (performance.now() - started) / calls;
  };
  return { mode, fake, run, samples: [] };
}

const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
const subjects = [];
for (const mode of ['off', 'report', 'enforce']) subjects.push(await prepare(mode));
for (const subject of subjects) await subject.run(); // warm-up: lazy validator compilation, JIT
const rounds = 7;
for (let round = 0; round < rounds; round += 1) {
  // Rotate the order each round so warm-up and GC drift do not favour one mode.
  for (let index = 0; index < subjects.length; index += 1) {
    const subject = subjects[(index + round) % subjects.length];
    subject.samples.push(await subject.run());
  }
}
const baseline = median(subjects[0].samples);
console.log(
  `Keycloak fake, ${rounds} rounds × ${calls} admin GETs (list of 20 users / one user), median per mode, Node ${process.version}`,
);
for (const subject of subjects) {
  const perCall = median(subject.samples);
  const stats = subject.fake.server.stats();
  console.log(
    `${subject.mode.padEnd(8)} ${perCall.toFixed(3)} ms/call  ×${(perCall / baseline).toFixed(2)} vs off  (${stats.validatedPairs} pairs validated, ${stats.violations} violations)`,
  );
  await subject.fake.stop();
}
