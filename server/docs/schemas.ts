// Small helpers for the OpenAPI schemas the controllers document by hand.

type Schema = Record<string, unknown>;

export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const nullableStr = (extra: Schema = {}): Schema => ({ type: 'string', nullable: true, ...extra });
export const bool: Schema = { type: 'boolean' };
export const int: Schema = { type: 'integer' };
export const role: Schema = { type: 'string', enum: ['owner', 'admin', 'member'] };

/** An object whose listed properties are all present. */
export function obj(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return { type: 'object', properties, required: Object.keys(properties).filter((key) => !optional.includes(key)) };
}

export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
