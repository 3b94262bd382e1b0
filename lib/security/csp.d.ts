export declare function contentSecurityPolicy(scriptSources: string, opts?: { dev?: boolean }): string;
