import { generalChanges } from './general-form';

describe('generalChanges', () => {
  const saved = { name: 'Acme', timeZone: 'Europe/Brussels', lang: 'fr_FR' };

  it('sends only what changed, trimmed', () => {
    expect(generalChanges(saved, { ...saved })).toEqual({});
    expect(generalChanges(saved, { ...saved, name: ' Acme Corp ' })).toEqual({ name: 'Acme Corp' });
    expect(generalChanges(saved, { name: 'Acme', timeZone: 'UTC', lang: 'en_US' })).toEqual({
      timeZone: 'UTC',
      lang: 'en_US',
    });
  });
});
