export declare function contentSecurityPolicy(scriptSources: string, opts?: { dev?: boolean; formActions?: string[] }): string;
export declare function noncePolicy(nonce: string, options?: { dev?: boolean; formActions?: string[] }): string;
export declare function hashPolicy(hashes: string[]): string;
export declare const API_POLICY: string;
export declare const SECURITY_HEADERS: Record<string, string>;
