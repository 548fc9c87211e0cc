import { filingModel } from './filing-model';

describe('filingModel', () => {
  it('should work', () => {
    expect(filingModel()).toEqual('filing-model');
  });
});
