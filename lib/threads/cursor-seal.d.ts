export declare const SEAL_LENGTH: number;
export declare function seal(payload: string): string;
export declare function unseal(cursor: string): string | null;
