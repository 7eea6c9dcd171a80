// Every table, for the drizzle client. Each area owns its own schema file.
export * from '../domain/audit/schema.js'
export * from '../domain/care-log/schema.js'
export * from '../domain/dependents/schema.js'
export * from '../domain/families/schema.js'
export * from '../domain/inbox/schema.js'
export * from '../domain/onboarding/schema.js'
export * from '../domain/optouts/schema.js'
export * from '../domain/outbox/schema.js'
