import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

// Bodies are JSON only, and a broken one is refused only after the guards: a caller without a
// session hears 401 whatever it sent, one without the role hears 403. Fastify parses before any
// guard runs, so its parser marks a broken body instead of failing the request, and the pipe that
// runs on each @Body() argument (after every guard) turns the mark into the 400.

const MALFORMED = Object.freeze({ problem: 'malformed JSON body' });
const EMPTY = Object.freeze({ problem: 'empty JSON body' });

/**
 * Replaces the app's body parsers with one for JSON (Fastify's own, with its prototype-poisoning
 * checks). Form, text and every other type get Fastify's 415: what a page on another site can make a
 * browser send without asking first is never read.
 */
export function acceptJsonOnly(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) return done(null, EMPTY);
    void parse(request, body as string, (error: Error | null, value?: unknown) => done(null, error ? MALFORMED : value));
  });
}

/** The 400 for a body the parser marked; anything else passes untouched. */
@Injectable()
export class JsonBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && (value === MALFORMED || value === EMPTY))
      throw new BadRequestException(`Bad Request: ${(value as typeof MALFORMED).problem}`);
    return value;
  }
}
