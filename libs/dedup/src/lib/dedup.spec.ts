import { dedup } from './dedup';

describe('dedup', () => {
  it('should work', () => {
    expect(dedup()).toEqual('dedup');
  });
});
