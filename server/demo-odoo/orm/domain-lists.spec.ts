import { andDomains, andDomains19 } from './domain-lists';

const A = ['a', '=', 1];
const B = ['b', '!=', 'x'];
const C = ['c', 'in', [1, 2]];

describe('expression.AND as 16-18 write __domain', () => {
  it('drops empty domains and writes an explicit & for each implicit one', () => {
    expect(andDomains([[], [A]], 17)).toEqual([A]);
    expect(andDomains([[A, B], [C]], 18)).toEqual(['&', '&', A, B, C]);
    expect(andDomains([[C], [A, B]], 16)).toEqual(['&', C, '&', A, B]);
    expect(andDomains([[A, B, C]], 16)).toEqual(['&', '&', A, B, C]);
  });

  it('is the TRUE leaf when nothing is left', () => {
    expect(andDomains([[], []], 18)).toEqual([[1, '=', 1]]);
  });

  it('keeps explicit operators as they are and normalizes any sub-domains on 17+ only', () => {
    const any = ['partner_id', 'any', [A, B]];
    expect(andDomains([['|', A, B], [C]], 17)).toEqual(['&', '|', A, B, C]);
    expect(andDomains([[any], [C]], 17)).toEqual(['&', ['partner_id', 'any', ['&', A, B]], C]);
    expect(andDomains([[any], [C]], 16)).toEqual(['&', any, C]);
  });
});

describe('list(Domain.AND(...)) as 19 writes __domain and __extra_domain', () => {
  it('flattens nested conjunctions into one & per extra child', () => {
    expect(andDomains19([[A, B], [C]])).toEqual(['&', '&', A, B, C]);
    expect(andDomains19([['&', A, '&', B, C]])).toEqual(['&', '&', A, B, C]);
  });

  it('lists TRUE as (1, =, 1) and drops it from a conjunction', () => {
    expect(andDomains19([])).toEqual([[1, '=', 1]]);
    expect(andDomains19([[]])).toEqual([[1, '=', 1]]);
    expect(andDomains19([[[1, '=', 1]], [A]])).toEqual([A]);
  });

  it('lets FALSE absorb a conjunction', () => {
    expect(andDomains19([[A], [[0, '=', 1]]])).toEqual([[0, '=', 1]]);
  });

  it('pushes a negation into a plain condition and keeps it before a path', () => {
    expect(andDomains19([['!', A]])).toEqual([['a', '!=', 1]]);
    expect(andDomains19([['!', ['partner_id.name', 'ilike', 'x']]])).toEqual(['!', ['partner_id.name', 'ilike', 'x']]);
    expect(andDomains19([['!', ['a', '<', 5]]])).toEqual(['!', ['a', '<', 5]]);
    expect(andDomains19([['!', '|', A, B]])).toEqual(['&', ['a', '!=', 1], ['b', '=', 'x']]);
  });

  it('lower-cases operators and reads None as False', () => {
    expect(
      andDomains19([
        [
          ['a', 'ILIKE', 'x'],
          ['b', '=', null],
        ],
      ]),
    ).toEqual(['&', ['a', 'ilike', 'x'], ['b', '=', false]]);
  });

  it('keeps a disjunction whole inside a conjunction', () => {
    expect(andDomains19([['|', A, B], [C]])).toEqual(['&', '|', A, B, C]);
  });
});
