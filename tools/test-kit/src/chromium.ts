/**
 * Debian's Chromium, as DEVELOPERS.md sets it up (`apt-get install -y chromium`; never a
 * downloaded browser), and the flags every headless run here uses. For `playwright-core`:
 * `chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })`.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
