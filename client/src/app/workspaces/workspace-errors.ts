import {
  CROSS_ORIGIN_MESSAGE,
  INVITATION_GONE_MESSAGE,
  INVITATION_NOT_FOUND_MESSAGE,
  INVITATION_OTHER_EMAIL_MESSAGE,
  LAST_OWNER_MESSAGE,
  MEMBER_NOT_FOUND_MESSAGE,
  OPERATOR_REQUIRED_MESSAGE,
  REQUIRES_ADMIN_MESSAGE,
  REQUIRES_OWNER_MESSAGE,
  WORKSPACE_CREATION_DISABLED_MESSAGE,
} from '@contracts/errors';
import { errorMessage } from '../core/http/api-errors';

/** A refusal as the page shows it: the server's own words, and what the user can do about it. */
export interface ExplainedError {
  message: string;
  hint: string | null;
}

/** What to do next, for the refusals the client knows by their exact text. */
const HINTS: Record<string, string> = {
  [REQUIRES_ADMIN_MESSAGE]: 'Only admins and owners of this workspace can do this. Ask one of them.',
  [REQUIRES_OWNER_MESSAGE]: 'Only an owner can make, change or remove owners.',
  [LAST_OWNER_MESSAGE]: 'Make someone else an owner first.',
  [MEMBER_NOT_FOUND_MESSAGE]: 'They may have left or been removed already. The list now shows who is a member.',
  [CROSS_ORIGIN_MESSAGE]: 'Open Company View from its own address and try again.',
  [WORKSPACE_CREATION_DISABLED_MESSAGE]: 'Ask the operator of this server to create a workspace for you.',
  [INVITATION_OTHER_EMAIL_MESSAGE]: 'Sign in with the email address the invitation was sent to.',
  [INVITATION_GONE_MESSAGE]: 'It was used, revoked or has expired. Ask whoever invited you for a new link.',
  [INVITATION_NOT_FOUND_MESSAGE]: 'It may have been accepted or revoked already.',
  [OPERATOR_REQUIRED_MESSAGE]: 'This page is for the operators of this server.',
};

/** The server's message (never rewritten, so what support hears matches the logs), plus a hint when one helps. */
export function explainError(error: unknown, fallback?: string): ExplainedError {
  const message = errorMessage(error, fallback);
  return { message, hint: HINTS[message] ?? null };
}
