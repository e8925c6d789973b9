// Validates AsyncAPI documents with the official parser (@asyncapi/parser), resolving relative $refs from each file.
// usage: node validate.mjs <asyncapi.yaml>...
// Prints one line per diagnostic ("<file>: <severity> <code> <path>: <message>") and "OK <file>" for a valid one;
// exits 1 when any document has an error (severity 0), 2 on bad usage.
import { Parser, fromFile } from '@asyncapi/parser';
import { resolve } from 'node:path';

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs <asyncapi.yaml>...');
  process.exit(2);
}
const parser = new Parser();
let failed = false;
for (const file of files) {
  const path = resolve(file);
  let result;
  try {
    result = await fromFile(parser, path).parse();
  } catch (e) {
    console.log(`${file}: error parse-exception: ${e && e.message ? e.message : e}`);
    failed = true;
    continue;
  }
  const { document, diagnostics } = result;
  let errors = 0;
  for (const d of diagnostics) {
    const severity = SEVERITY[d.severity] ?? String(d.severity);
    if (d.severity === 0) errors++;
    console.log(`${file}: ${severity} ${d.code} ${(d.path || []).join('/')}: ${d.message}`);
  }
  if (!document || errors > 0) {
    failed = true;
    console.log(`INVALID ${file} (${errors} error(s))`);
  } else {
    console.log(`OK ${file} (asyncapi ${document.version()}, ${document.messages().length} message(s))`);
  }
}
process.exit(failed ? 1 : 0);
