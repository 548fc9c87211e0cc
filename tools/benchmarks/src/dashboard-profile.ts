import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  /** `name file:line:column` (1-based; minified names in a production build). */
  where: string;
  selfMs: number;
  selfPercent: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Share of samples in the page's main thread that were not idle. */
  busyPercent: number;
  hot: HotFunction[];
}

/**
 * The V8 sampling profiler of the page's main thread through the Chrome DevTools Protocol
 * (`Profiler` domain of playwright's CDPSession), to see what the long tasks were doing. It
 * slows the page a little, so it runs only when asked (BENCH_DASHBOARD_PROFILE).
 */
export class PageProfiler {
  private constructor(private readonly session: CDPSession) {}

  static async start(page: Page, intervalUs = 200): Promise<PageProfiler> {
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', {
      interval: intervalUs,
    });
    await session.send('Profiler.start');
    return new PageProfiler(session);
  }

  /** Stops, writes the `.cpuprofile` (opens in DevTools) and returns the top self times. */
  async stop(file: string, top = 15): Promise<ProfileSummary> {
    const { profile } = (await this.session.send('Profiler.stop')) as {
      profile: Profile;
    };
    await this.session.detach().catch(() => undefined);
    writeFileSync(file, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const selfUs = new Map<number, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      const id = profile.samples[i];
      selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
    const byWhere = new Map<string, number>();
    let totalUs = 0;
    let idleUs = 0;
    for (const [id, us] of selfUs) {
      const frame = byId.get(id)?.callFrame;
      totalUs += us;
      const name = frame?.functionName || '(anonymous)';
      if (name === '(idle)') idleUs += us;
      const where = frame?.url
        ? `${name} ${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
        : name;
      byWhere.set(where, (byWhere.get(where) ?? 0) + us);
    }
    const hot = [...byWhere]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, us]) => ({
        where,
        selfMs: us / 1000,
        selfPercent: totalUs ? (100 * us) / totalUs : 0,
      }));
    return {
      file,
      totalMs: totalUs / 1000,
      busyPercent: totalUs ? (100 * (totalUs - idleUs)) / totalUs : 0,
      hot,
    };
  }
}

/** Main-thread time the renderer reports (CDP `Performance.getMetrics`), in ms, cumulative. */
export interface RendererTimes {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  layouts: number;
  styleRecalcs: number;
}

/**
 * The renderer's own counters of main-thread work (CDP `Performance` domain): cheap, unlike the
 * profiler, so always on. The difference of two readings is the work done in between.
 */
export class RendererCounters {
  private constructor(private readonly session: CDPSession) {}

  static async attach(page: Page): Promise<RendererCounters> {
    const session = await page.context().newCDPSession(page);
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
    return new RendererCounters(session);
  }

  async read(): Promise<RendererTimes> {
    const { metrics } = (await this.session.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    const value = (name: string) =>
      metrics.find((metric) => metric.name === name)?.value ?? Number.NaN;
    return {
      taskMs: value('TaskDuration') * 1000,
      scriptMs: value('ScriptDuration') * 1000,
      layoutMs: value('LayoutDuration') * 1000,
      styleMs: value('RecalcStyleDuration') * 1000,
      layouts: value('LayoutCount'),
      styleRecalcs: value('RecalcStyleCount'),
    };
  }

  static difference(from: RendererTimes, to: RendererTimes): RendererTimes {
    return {
      taskMs: to.taskMs - from.taskMs,
      scriptMs: to.scriptMs - from.scriptMs,
      layoutMs: to.layoutMs - from.layoutMs,
      styleMs: to.styleMs - from.styleMs,
      layouts: to.layouts - from.layouts,
      styleRecalcs: to.styleRecalcs - from.styleRecalcs,
    };
  }
}
