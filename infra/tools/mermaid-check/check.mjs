// Parses every ```mermaid block of the Markdown files given with Mermaid's own parser (headless: jsdom stands
// in for the browser DOM that mermaid expects). Prints "FILE: ok TYPE" or "FILE: PROBLEM" per block;
// exit status 1 when a block does not parse or a file has none.
//   node check.mjs infra/generated/*/README.md        (from the directory infra/tools/fetch-mermaid prints)
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let failed = 0;
for (const file of process.argv.slice(2)) {
  const blocks = [...readFileSync(file, 'utf8').matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]);
  if (blocks.length === 0) {
    console.log(`${file}: no mermaid block`);
    failed++;
  }
  for (const block of blocks) {
    try {
      const parsed = await mermaid.parse(block);
      console.log(`${file}: ok ${parsed.diagramType}`);
    } catch (error) {
      console.log(`${file}: ${error.message.replaceAll('\n', ' | ')}`);
      failed++;
    }
  }
}
process.exit(failed ? 1 : 0);
