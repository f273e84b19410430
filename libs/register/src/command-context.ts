/** Who acts and under which command: becomes every event's metadata. */
export interface CommandContext {
  actor: string;
  roles: string[];
  commandId?: string;
  correlationId?: string;
}

export function metadataOf(context: CommandContext, extra: Record<string, string> = {}) {
  return {
    actor: context.actor,
    roles: context.roles,
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    ...extra,
  };
}
