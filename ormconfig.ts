import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './server/config/app-config';
import { withDevelopmentSecrets } from './server/config/development-secrets';
import { dataSourceOptions } from './server/database/database-options';
import { findRunningEmbeddedDatabase } from './server/database/embedded-database';

// The TypeORM CLI's data source (`npm run migration:run`), built from the same options as the app.
// It targets DATABASE_URL, or the embedded PostgreSQL of a server started with `npm start`.
async function dataSource(): Promise<DataSource> {
  const config = loadConfig(withDevelopmentSecrets(process.env));
  const url = config.database.url ?? (await findRunningEmbeddedDatabase(config.dataDir));
  if (!url) {
    throw new Error('No database to migrate: set DATABASE_URL, or start the server (npm start) so its embedded PostgreSQL is running.');
  }
  return new DataSource(dataSourceOptions(url));
}

export default dataSource();
