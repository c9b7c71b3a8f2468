import type { MailMessage } from './mailer';

// The emails we send, in plain text. Links are the only way in: they are never logged.

export function invitationMail(input: { to: string; tenantName: string; role: string; inviter: string; url: string; expiresAt: Date }): MailMessage {
  return {
    to: input.to,
    subject: `You are invited to ${input.tenantName} on Company View`,
    text: [
      `${input.inviter} invites you to join the workspace "${input.tenantName}" on Company View as ${input.role}.`,
      '',
      `Accept the invitation: ${input.url}`,
      '',
      `The link works once and until ${input.expiresAt.toUTCString()}. If you did not expect it, ignore this email.`,
    ].join('\n'),
  };
}

export function passwordResetMail(input: { to: string; url: string }): MailMessage {
  return {
    to: input.to,
    subject: 'Reset your Company View password',
    text: [
      'Someone asked to reset the password of your Company View account.',
      '',
      `Choose a new password: ${input.url}`,
      '',
      'The link works once, for one hour. Setting a new password signs you out everywhere. If you did not ask for it, ignore this email.',
    ].join('\n'),
  };
}

/** The host part for the default sender address, from a link we send. */
export function hostOf(url: string): string {
  return new URL(url).hostname;
}
