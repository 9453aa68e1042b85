// The fenced code blocks of the READMEs and how each one runs. A block's way is its
// language's default, or an `<!-- example: WAY [FILE] -->` marker on the line before it;
// `<!-- example: skip: REASON -->` leaves a block out, and the test lists it as left out.

/** The READMEs whose examples are tests, from the repository root. */
export const READMES = ['README.md', 'js/README.md'];

/** The ways each language's blocks may run; the first is the default. `other` blocks
 * (shell, TOML, ...) run only when a marker gives them a way. */
const WAYS = {
  js: ['node', 'node-cjs', 'webhook-server', 'thin-event-server', 'worker', 'bundle'],
  ts: ['typescript'],
  html: ['browser-page', 'bundle'],
  rust: ['doc-test'],
  other: ['not-run', 'bundle', 'worker'],
};

/** Languages whose every block must run (or be left out by name). */
export const MUST_RUN = new Set(['js', 'ts', 'html', 'rust']);

/** The code blocks of `text` (the README `file`): `{ file, line, lang, code, way, target, reason }`,
 * where `line` is the fence's line (1-based). Throws on a marker it does not know. */
export function blocksOf(file, text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^```(\S*)\s*$/);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (close < 0) throw new Error(`${file}:${i + 1}: a code block that is never closed`);
    const lang = open[1] || 'text';
    // `rust,ignore`, `js title=...` and the like would slip past as another language.
    const base = lang.match(/^(rust|js|ts|html)\W/)?.[1];
    if (base) throw new Error(`${file}:${i + 1}: write a ${base} block as plain \`\`\`${base}; to leave it out, use <!-- example: skip: REASON -->`);
    const marker = markerBefore(lines, i);
    const kind = MUST_RUN.has(lang) ? lang : 'other';
    const block = { file, line: i + 1, lang, code: lines.slice(i + 1, close).join('\n') + '\n' };
    if (marker?.skip !== undefined) {
      if (!marker.skip) throw new Error(`${file}:${i + 1}: a skip marker must give its reason`);
      Object.assign(block, { way: 'skip', reason: marker.skip });
    } else {
      const way = marker?.way ?? WAYS[kind][0];
      if (!WAYS[kind].includes(way)) throw new Error(`${file}:${i + 1}: a ${lang} block cannot run as '${way}' (known: ${WAYS[kind].join(', ')})`);
      Object.assign(block, { way, target: marker?.target });
    }
    blocks.push(block);
    i = close;
  }
  return blocks;
}

/** The marker on the last non-empty line before line `index`, if there is one. */
function markerBefore(lines, index) {
  let j = index - 1;
  while (j >= 0 && lines[j].trim() === '') j--;
  const found = j >= 0 && lines[j].match(/^<!-- example: (.+?) -->$/);
  if (!found) return undefined;
  const skip = found[1].match(/^skip:\s*(.*)$/);
  if (skip) return { skip: skip[1].trim() };
  const [way, target] = found[1].trim().split(/\s+/);
  return { way, target };
}

/** What a block says it prints: the text after each `// prints:`, in order. */
export function expectedPrints(code) {
  return [...code.matchAll(/\/\/ prints: (.*)$/gm)].map((match) => match[1].trim());
}

/** Whether `output` has each of `expected` as a line, in that order. */
export function printsInOrder(output, expected) {
  const lines = output.split('\n').map((line) => line.trim());
  let at = 0;
  for (const want of expected) {
    const found = lines.indexOf(want, at);
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}
