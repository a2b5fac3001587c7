// Reads a JSON-LD document on stdin and prints its triples as N-Quads, one per line.
// Used by the tests to check the DCAT export with a parser that is not Gongshu's own.
import jsonld from 'jsonld';

let text = '';
for await (const chunk of process.stdin) text += chunk;
const nquads = await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader: () => { throw new Error('remote contexts are not allowed'); } });
process.stdout.write(nquads);
