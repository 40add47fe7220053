import pg from "pg";

/**
 * Runs one statement on its own short connection to `serverUrl`: creating and dropping whole
 * databases (templates, test clones, bench scratch databases) cannot run inside a pool's session
 * of the database it drops.
 */
export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
