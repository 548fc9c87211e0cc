import { CdkVirtualForOf } from '@angular/cdk/scrolling';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { makeFiling } from '@secfeed/filing-model/testing';
import type { FeedEntry } from './feed-entry';
import { FilingList } from './filing-list';

describe('FilingList', () => {
  let fixture: ComponentFixture<FilingList>;

  const rowIds = () =>
    [
      ...(fixture.nativeElement as HTMLElement).querySelectorAll(
        '[data-testid="filing-row"]',
      ),
    ].map((row) => row.getAttribute('data-accession'));
  const show = async (entries: readonly FeedEntry[]) => {
    fixture.componentRef.setInput('entries', entries);
    await fixture.whenStable();
  };
  /** What CDK copies into the context of every row view it creates. */
  const rowSource = () =>
    fixture.debugElement
      .queryAllNodes(By.directive(CdkVirtualForOf))[0]
      .injector.get(CdkVirtualForOf).cdkVirtualForOf;

  it('renders each new version of the list through one source that never changes, so row views pin no old list', async () => {
    const [a, b, c] = [1, 2, 3].map(() => ({
      filing: makeFiling(),
      liveAt: null,
    }));
    fixture = TestBed.createComponent(FilingList);
    fixture.componentRef.setInput('now', 0);
    await show([b, a]);
    const source = rowSource();
    expect(Array.isArray(source)).toBe(false);

    await show([c, b, a]);
    expect(rowIds()).toEqual([c, b, a].map((e) => e.filing.accessionNo));
    await show([c]);
    expect(rowIds()).toEqual([c.filing.accessionNo]);
    expect(rowSource()).toBe(source);
  });
});
