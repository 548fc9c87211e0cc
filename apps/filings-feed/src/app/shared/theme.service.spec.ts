import { TestBed } from '@angular/core/testing';
import { BROWSER_STORAGE } from './browser-storage';
import { ThemeService } from './theme.service';

describe('ThemeService', () => {
  it('cycles system → dark → light, sets data-theme on <html> and remembers it', () => {
    const memory = new Map<string, string>();
    TestBed.configureTestingModule({
      providers: [
        {
          provide: BROWSER_STORAGE,
          useValue: {
            getItem: (k: string) => memory.get(k) ?? null,
            setItem: (k: string, v: string) => memory.set(k, v),
          },
        },
      ],
    });
    const theme = TestBed.inject(ThemeService);
    const root = document.documentElement;
    TestBed.tick();
    expect(root.hasAttribute('data-theme')).toBe(false);
    theme.cycle();
    TestBed.tick();
    expect(root.getAttribute('data-theme')).toBe('dark');
    theme.cycle();
    TestBed.tick();
    expect(root.getAttribute('data-theme')).toBe('light');
    expect(memory.get('secfeed.theme')).toBe('"light"');
    theme.cycle();
    TestBed.tick();
    expect(root.hasAttribute('data-theme')).toBe(false);
  });
});
