/* Benchmarks: `npx jest --config test/bench/jest.bench.config.js` (with or without DATABASE_URL). */
const base = require('../jest.config.js');
const { displayName: _d, testMatch: _t, ...common } = base.projects[0];
module.exports = { ...common, testMatch: ['<rootDir>/test/bench/**/*.bench.ts'], testTimeout: 900000, maxWorkers: 1 };
