// npm run env:table — writes the README's configuration table from lib/env.ts.
import fs from 'node:fs';
import { envTable } from '../lib/env.ts';

const readme = fs.readFileSync('README.md', 'utf8');
const next = readme.replace(/<!-- env:start -->[\s\S]*<!-- env:end -->/, `<!-- env:start -->\n${envTable()}\n<!-- env:end -->`);
fs.writeFileSync('README.md', next);
