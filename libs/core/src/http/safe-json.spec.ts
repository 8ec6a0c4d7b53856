import { checkJsonValue, hasForbiddenText, parseJsonBody } from './safe-json';

describe('safe JSON bodies', () => {
  it('refuses NUL and unpaired surrogates, accepts real pairs', () => {
    expect(hasForbiddenText('a\u0000b')).toBe(true);
    expect(hasForbiddenText('\uD800x')).toBe(true);
    expect(hasForbiddenText('x\uDC00')).toBe(true);
    expect(hasForbiddenText('emoji 😀 ok')).toBe(false);
  });

  it('refuses nesting deeper than the limit without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => checkJsonValue(deep)).toThrow(/nested deeper/);
    expect(() => checkJsonValue({ a: { b: { c: 1 } } })).not.toThrow();
  });

  it('names the field holding a forbidden character', () => {
    expect(() => parseJsonBody('{"a":{"b":"x\\u0000"}}')).toThrow(
      expect.objectContaining({ details: { fields: [{ field: 'a.b', message: expect.any(String) }] } }),
    );
  });

  it('drops __proto__ keys', () => {
    const v = parseJsonBody('{"__proto__":{"admin":true},"x":1}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(v).toEqual({ x: 1 });
  });
});
