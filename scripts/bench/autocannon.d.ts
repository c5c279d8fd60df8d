// The part of autocannon's API that scripts/bench/web.ts uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    amount?: number;
    duration?: number;
    connections?: number;
    /** Seconds before a request counts as an error. */
    timeout?: number;
    method?: 'GET' | 'POST';
    body?: string;
    headers?: Record<string, string>;
    requests?: { path: string; method: 'GET' | 'POST' }[];
  }
  interface Result {
    non2xx: number;
    errors: number;
    /** Seconds the run took. */
    duration: number;
    requests: { total: number };
    throughput: { total: number };
    latency: { p50: number; p99: number; average: number; max: number };
  }
  export default function autocannon(options: Options): Promise<Result>;
}
