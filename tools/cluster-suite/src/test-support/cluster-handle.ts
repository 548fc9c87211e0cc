/** Where the global setup leaves the cluster for the global teardown (one Jest parent process). */
export const CLUSTER = Symbol.for('secfeed.cluster-suite.cluster');
