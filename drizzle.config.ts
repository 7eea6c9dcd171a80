import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/domain/*/schema.ts', './src/db/meta.ts'],
  out: './migrations',
  dbCredentials: { url: './data/mednanny.db' },
})
