import { streamClient } from './stream-client';

describe('streamClient', () => {
  it('should work', () => {
    expect(streamClient()).toEqual('stream-client');
  });
});
