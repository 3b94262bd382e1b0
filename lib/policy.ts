// Who may do what: the one place that decides. Actions, route handlers and the UI (which
// buttons to show) all ask here; every write asks again on the server.
import { DomainError } from './errors.ts';

export interface Actor {
  id: number;
  role: 'member' | 'moderator' | 'admin';
  status: 'active' | 'suspended' | 'banned';
  suspendedUntil: Date | null;
}

export type Permission = 'comment:create' | 'like:set';

export function isSuspended(actor: Actor, now = new Date()): boolean {
  return actor.status === 'suspended' && (actor.suspendedUntil === null || actor.suspendedUntil > now);
}

/** Throws the refusal a member should see, or returns when the action is allowed. */
export function assertCan(actor: Actor | null, permission: Permission, target: { articleLocked?: boolean } = {}): asserts actor is Actor {
  if (!actor) throw new DomainError(401, 'unauthenticated');
  if (actor.status === 'banned') throw new DomainError(403, 'banned');
  if (isSuspended(actor)) {
    throw new DomainError(403, 'suspended', undefined, actor.suspendedUntil ? { until: actor.suspendedUntil.toISOString() } : undefined);
  }
  if (target.articleLocked && actor.role === 'member') throw new DomainError(403, 'locked');
  void permission;
}

export function can(actor: Actor | null, permission: Permission, target: { articleLocked?: boolean } = {}): boolean {
  try {
    assertCan(actor, permission, target);
    return true;
  } catch {
    return false;
  }
}
