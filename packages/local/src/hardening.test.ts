import { runHostileInputSuite, runSecretCanarySuite } from '@idport/contract-tests';
import { createLocalProvider } from './local-provider';

runHostileInputSuite({
  name: 'local',
  createProvider: () =>
    createLocalProvider({ passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 } }),
  numRuns: 100,
});

runSecretCanarySuite({
  name: 'local',
  createProvider: () =>
    createLocalProvider({ passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 } }),
});
