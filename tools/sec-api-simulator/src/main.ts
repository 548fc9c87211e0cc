/**
 * Runs the sec-api.io Stream API simulator on its own:
 *   SIMULATOR_PORT (default 9010), SIMULATOR_RATE (filings/s; 0 = full speed) or
 *   SIMULATOR_SPEED (replay factor, default 60), SIMULATOR_BATCH (filings per frame, default 1),
 *   SIMULATOR_API_KEY (when set, clients must send it as ?apiKey=),
 *   SIMULATOR_DOCUMENTS_DIR (real EDGAR full submissions to serve as EDGAR's archive, with a
 *   filing replayed for each; see SimulatorOptions.documentsDir).
 */
import { startSimulator } from './index';

const num = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    console.error(`${name} must be a number, got "${raw}"`);
    process.exit(2);
  }
  return value;
};

async function main(): Promise<void> {
  const simulator = await startSimulator({
    port: num('SIMULATOR_PORT') ?? 9010,
    rate: num('SIMULATOR_RATE'),
    speed: num('SIMULATOR_SPEED'),
    batchSize: num('SIMULATOR_BATCH'),
    apiKey: process.env['SIMULATOR_API_KEY'] || undefined,
    documentsDir: process.env['SIMULATOR_DOCUMENTS_DIR'] || undefined,
  });
  console.log(
    JSON.stringify({ msg: 'sec-api simulator listening', url: simulator.url }),
  );
  const stop = async () => {
    await simulator.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
