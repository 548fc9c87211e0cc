import { redisKeys } from './redis-keys';

describe('redisKeys', () => {
  it('should work', () => {
    expect(redisKeys()).toEqual('redis-keys');
  });
});
