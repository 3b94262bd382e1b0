export declare function markTags(list: readonly string[], field: 'stale' | 'expired', now?: number): void;
export declare function tagState(tag: string): { stale?: number; expired?: number } | undefined;
export declare function tagVerdict(list: readonly string[], storedAt: number, now?: number): 'expired' | 'stale' | null;
export declare const SILENT_FRESH_MS: number;
