/** Message namespaces that client components use (the rest stay on the server). */
export const CLIENT_NAMESPACES = ['compose', 'auth', 'report', 'errors', 'time'];

export const pickMessages = (messages: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, messages[k]]));
