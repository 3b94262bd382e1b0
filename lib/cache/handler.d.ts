export declare const MEMORY_BYTES: number;
export declare const MEMORY_ENTRIES: number;
export declare const DISK_BYTES: number;
export declare function newGeneration(distDir: string): string;
export declare function withoutScripts(html: string): string;
export declare function withLiveScript(html: string): string;
export declare function inlineScriptHashes(html: string): string[];
declare class YilunCacheHandler {
  constructor(options?: { serverDistDir?: string; revalidatedTags?: string[] });
  get(key: string, ctx?: unknown): Promise<{ lastModified: number; value: unknown; cacheControl?: unknown } | null>;
  set(key: string, data: unknown, ctx?: unknown): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
export default YilunCacheHandler;
