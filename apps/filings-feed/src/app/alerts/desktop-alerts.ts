import { InjectionToken } from '@angular/core';

/** Desktop notifications and the alert sound, behind one seam so tests can watch them. */
export interface DesktopAlerts {
  /** `granted`, `denied`, `default`, or `unsupported` where the browser has no Notification. */
  permission(): NotificationPermission | 'unsupported';
  /** Asks the user; resolves with the answer. */
  requestPermission(): Promise<NotificationPermission | 'unsupported'>;
  /** Shows a desktop notification (tagged so one filing never shows twice). */
  show(title: string, body: string, tag: string): void;
  /** A short beep through WebAudio: no audio file to load. */
  beep(): void;
}

export const DESKTOP_ALERTS = new InjectionToken<DesktopAlerts>(
  'DESKTOP_ALERTS',
  {
    providedIn: 'root',
    factory: () => browserDesktopAlerts(),
  },
);

function browserDesktopAlerts(): DesktopAlerts {
  const supported = typeof Notification !== 'undefined';
  let audio: AudioContext | undefined;
  return {
    permission: () => (supported ? Notification.permission : 'unsupported'),
    requestPermission: async () =>
      supported ? Notification.requestPermission() : 'unsupported',
    show: (title, body, tag) => {
      if (supported) new Notification(title, { body, tag });
    },
    beep: () => {
      if (typeof AudioContext === 'undefined') return;
      audio ??= new AudioContext();
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.25);
    },
  };
}
