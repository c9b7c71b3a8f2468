// Generates server/contracts/company-view.schema.json from the CompanyViewResponse type, so the
// JSON Schema the tests validate responses against can never drift from the TypeScript contract.
//   node -r @swc-node/register scripts/company-view-schema.ts          (writes the file)
//   node -r @swc-node/register scripts/company-view-schema.ts --check  (exit 1 when it is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(__dirname, '..');
export const COMPANY_VIEW_SCHEMA_PATH = join(root, 'server/contracts/company-view.schema.json');

/** The schema as the committed file should hold it (pretty-printed, trailing newline). */
export function generateCompanyViewSchema(): string {
  const schema = createGenerator({
    path: join(root, 'server/contracts/company-view.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'CompanyViewResponse',
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('CompanyViewResponse');
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (require.main === module) {
  const generated = generateCompanyViewSchema();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(COMPANY_VIEW_SCHEMA_PATH, 'utf8');
    if (committed !== generated) {
      process.stderr.write('company-view.schema.json is stale: run node -r @swc-node/register scripts/company-view-schema.ts\n');
      process.exit(1);
    }
  } else {
    writeFileSync(COMPANY_VIEW_SCHEMA_PATH, generated);
    process.stdout.write(`wrote ${COMPANY_VIEW_SCHEMA_PATH}\n`);
  }
}
