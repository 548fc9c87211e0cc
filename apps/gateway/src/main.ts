// The gateway service shell: its behaviour arrives with its own issue (ingest #3, gateway #4).
console.error('secfeed gateway: not built yet in this version of the workspace');
process.exitCode = 1;
