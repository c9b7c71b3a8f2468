import { HttpErrorResponse } from '@angular/common/http';
import {
  INVITATION_GONE_MESSAGE,
  INVITATION_OTHER_EMAIL_MESSAGE,
  LAST_OWNER_MESSAGE,
  REQUIRES_OWNER_MESSAGE,
} from '@contracts/errors';
import { UNREACHABLE_ERROR } from '../core/http/api-errors';
import { explainError } from './workspace-errors';

function refusal(status: number, error: string): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { error } });
}

describe('explainError', () => {
  it("keeps the server's words and adds what to do for the refusals it knows", () => {
    expect(explainError(refusal(409, LAST_OWNER_MESSAGE))).toEqual({
      message: 'Conflict: A workspace needs at least one owner',
      hint: 'Make someone else an owner first.',
    });
    expect(explainError(refusal(403, REQUIRES_OWNER_MESSAGE)).hint).toContain('Only an owner');
    expect(explainError(refusal(403, INVITATION_OTHER_EMAIL_MESSAGE)).hint).toContain(
      'address the invitation was sent to',
    );
    expect(explainError(refusal(410, INVITATION_GONE_MESSAGE)).hint).toContain('new link');
  });

  it('shows an unknown refusal as the server wrote it, without a hint', () => {
    expect(explainError(refusal(400, 'Bad Request: name must be at most 100 characters'))).toEqual({
      message: 'Bad Request: name must be at most 100 characters',
      hint: null,
    });
  });

  it('says the server cannot be reached when no answer came, and uses the fallback for a body without text', () => {
    expect(explainError(new HttpErrorResponse({ status: 0 })).message).toBe(UNREACHABLE_ERROR);
    expect(explainError(new HttpErrorResponse({ status: 500, error: null }), 'Not saved.').message).toBe('Not saved.');
  });
});
