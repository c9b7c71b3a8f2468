import { PyFloat, pyFloatRepr, pyJsonDumps, pyRepr, pyTuple } from './py-values';

describe('Python value formatting', () => {
  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [1500.5, '1500.5'],
    [1e16, '1e+16'],
    [1.5e-5, '1.5e-05'],
    [0.0001, '0.0001'],
    [-2, '-2.0'],
  ])('repr(float %p) is %p', (x, expected) => {
    expect(pyFloatRepr(x)).toBe(expected);
  });

  it('prints leaves as Python tuples', () => {
    expect(pyTuple(['foo', '=', 1])).toBe("('foo', '=', 1)");
    expect(pyTuple(['name', 'in', ["it's", false, null]])).toBe(`('name', 'in', ["it's", False, None])`);
    expect(pyRepr({ a: [1, 'b'] })).toBe("{'a': [1, 'b']}");
  });

  it('dumps JSON with Python separators and floats', () => {
    expect(pyJsonDumps({ a: [1, new PyFloat(2)], b: 'é"\n', c: null, d: true })).toBe('{"a": [1, 2.0], "b": "é\\"\\n", "c": null, "d": true}');
  });
});
