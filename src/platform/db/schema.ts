/** Every table, for drizzle-kit and typed queries. Each capability owns its own schema file. */
export * from '../../tenancy/schema';
export * from '../../members/schema';
export * from '../auth/schema';
export * from '../../intake/schema';
export * from '../../determination/schema';
export * from '../../audit/schema';
export * from '../../clocks/schema';
export * from '../../queues/schema';
export * from '../../interop/fhir/schema';
export * from '../../coverage/schema';
export * from '../../interop/x12/schema';
export * from '../../review/schema';
