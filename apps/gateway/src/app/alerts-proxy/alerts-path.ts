/** Where the alerts service's rules API lives, on the gateway as on the service. */
export const ALERTS_API_PATH = '/api/alert-rules';

/** Whether a request path (as `requestPath` gives it) belongs to the alerts service. */
export function isAlertsPath(path: string | undefined): boolean {
  return (
    path !== undefined &&
    (path === ALERTS_API_PATH || path.startsWith(`${ALERTS_API_PATH}/`))
  );
}
