import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Reads a JSON body against a schema, after every guard ran. A bad body gets one 400 line saying what
 * is wrong with which field (the schema's own words), never the value that was sent. Unknown fields
 * are ignored.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badBody('the body must be a JSON object');
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join('.');
  throw badBody(field && !issue.message.startsWith(field) ? `${field} ${issue.message}` : issue.message);
}

export function badBody(problem: string): BadRequestException {
  return new BadRequestException(`Bad Request: ${problem}`);
}
