import { defineConfig } from "vitest/config";

// Database tests (`*.db.test.ts`) run once per engine: PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set. Unit tests run once.
const engines = process.env.TEST_DATABASE_URL ? ["embedded", "postgres"] : ["embedded"];
// Workers and global setup inherit this: the run's own template folder and database.
process.env.WSIS_TEST_RUN ??= `${process.pid}${Date.now().toString(36)}`;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["src/**/*.test.ts", "src/**/*.test.tsx", "bench/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/*.db.test.tsx", "node_modules/**"],
        },
      },
      ...engines.map((engine, index) => ({
        test: {
          name: `db-${engine}`,
          sequence: { groupOrder: index + 1 },
          include: ["src/**/*.db.test.ts", "src/**/*.db.test.tsx"],
          env: { TEST_ENGINE: engine },
          globalSetup: [`src/testing/global-setup-${engine}.ts`],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PGlite is single-threaded WASM; two workers on two cores keep the machine responsive.
          maxWorkers: 2,
        },
      })),
    ],
  },
});
