// The search language in Node through the npm package (wasm): queries parsed and
// checked per second for the 10-clause query of benches/search-query.txt, the one the
// Rust benchmark parses natively. The median of the rounds is reported.
import { readFileSync } from 'node:fs';
import { parseSearchQuery } from 'stripe-edge';

const QUERY = readFileSync(new URL('../search-query.txt', import.meta.url), 'utf8');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function benchSearch({ rounds = 15, n = 20_000 } = {}) {
  if (parseSearchQuery(QUERY, 'invoices').clauses.length !== 10) throw new Error('the benchmark query has 10 clauses');
  const times = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) parseSearchQuery(QUERY, 'invoices');
    times.push(Number(process.hrtime.bigint() - start) / n / 1000);
  }
  return { us: median(times) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchSearch());
