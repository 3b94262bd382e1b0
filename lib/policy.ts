// Who may do what: the one place that decides. Actions, route handlers and the UI (which
// buttons to show) all ask here; every write asks again on the server.
import { DomainError } from './errors.ts';

export interface Actor {
  id: number;
  role: 'member' | 'moderator' | 'admin';
  status: 'active' | 'suspended' | 'banned';
  suspendedUntil: Date | null;
}

export type Permission =
  | 'comment:create'
  | 'comment:edit'
  | 'comment:delete'
  | 'account:write'
  | 'like:set'
  | 'report:create'
  | 'account:read'
  | 'mod:queue'
  | 'mod:comment'
  | 'mod:member'
  | 'mod:article'
  | 'mod:publish'
  | 'mod:log'
  | 'admin:words'
  | 'admin:roles'
  | 'admin:settings'
  | 'admin:reset-link';

// What each role may do, beyond taking part.
const STAFF: Record<Actor['role'], Permission[]> = {
  member: [],
  moderator: ['mod:queue', 'mod:comment', 'mod:member', 'mod:article', 'mod:publish', 'mod:log'],
  admin: ['mod:queue', 'mod:comment', 'mod:member', 'mod:article', 'mod:publish', 'mod:log', 'admin:words', 'admin:roles', 'admin:settings', 'admin:reset-link'],
};
const TAKING_PART: Permission[] = ['comment:create', 'comment:edit', 'like:set', 'report:create'];
// A member's own things: their notifications, settings and data, deleting what they wrote.
// Suspended members keep these.
const OWN: Permission[] = ['account:read', 'account:write', 'comment:delete'];

export const isStaff = (actor: { role: string } | null | undefined) => actor?.role === 'moderator' || actor?.role === 'admin';

export function isSuspended(actor: Actor, now = new Date()): boolean {
  return actor.status === 'suspended' && (actor.suspendedUntil === null || actor.suspendedUntil > now);
}

/** Throws the refusal a member should see, or returns when the action is allowed. */
/** `target.now` is the moment the rule is judged at (a suspension's end is compared with it). */
export function assertCan(actor: Actor | null, permission: Permission, target: { articleLocked?: boolean; now?: Date } = {}): asserts actor is Actor {
  if (!actor) throw new DomainError(401, 'unauthenticated');
  // A ban ends every session at once (lib/auth/current-member.ts): a banned member is nobody
  // signed in, here too.
  if (actor.status === 'banned') throw new DomainError(401, 'unauthenticated');
  if (OWN.includes(permission)) return;
  if (TAKING_PART.includes(permission)) {
    if (isSuspended(actor, target.now)) {
      throw new DomainError(403, 'suspended', undefined, actor.suspendedUntil ? { until: actor.suspendedUntil.toISOString() } : undefined);
    }
    // Staff may still write in a locked thread (to explain why it is locked).
    if (target.articleLocked && !isStaff(actor)) throw new DomainError(403, 'locked');
    return;
  }
  if (!STAFF[actor.role].includes(permission)) throw new DomainError(403, 'forbidden');
  // Staff powers rest while their holder is suspended (a member promoted while suspended,
  // say): the suspension says what they may do, not the role.
  if (isSuspended(actor, target.now)) throw new DomainError(403, 'suspended_staff');
}

/**
 * Who may decide on a comment: never its own author, and only an admin on an admin's comment
 * (a moderator may not silence the people who appoint moderators; another admin decides).
 * docs/decisions/008-who-decides.md
 */
export function assertMayJudge(actor: Actor, author: { id: number; role: Actor['role'] }): void {
  if (author.id === actor.id) throw new DomainError(403, 'own_comment');
  if (author.role === 'admin' && actor.role !== 'admin') throw new DomainError(403, 'admin_comment');
}

export function can(actor: Actor | null, permission: Permission, target: { articleLocked?: boolean; now?: Date } = {}): boolean {
  try {
    assertCan(actor, permission, target);
    return true;
  } catch {
    return false;
  }
}
