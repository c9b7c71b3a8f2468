import { sampleJobId } from './history-jobs';

describe('sampleJobId', () => {
  const run = '0b0f3c2e-8d5c-4d6e-9d8e-1f2a3b4c5d6e';
  const tenant = '5e1c4f0a-2b3d-4c5e-8f9a-0b1c2d3e4f5a';

  it('is a UUID, the same for the same run and tenant', () => {
    expect(sampleJobId(run, tenant)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sampleJobId(run, tenant)).toBe(sampleJobId(run, tenant));
  });

  it('differs between runs and between tenants', () => {
    const other = 'a7d1e2f3-0000-4000-8000-000000000001';
    expect(new Set([sampleJobId(run, tenant), sampleJobId(other, tenant), sampleJobId(run, other)]).size).toBe(3);
  });
});
